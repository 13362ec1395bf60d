"""With the Content Security Policy enforced, the pages run without a single violation."""

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: F401 - same launch flags


def test_pages_raise_no_csp_violations(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto("/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    for url in ["/", "/boards/hartlepool/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    # GOV.UK Frontend started from our module: the body carries its class.
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    context.close()
    assert problems == []
