"""Browser tests: Playwright driving Debian's Chromium against a live server.

No browser is downloaded at test time: `.ci/run` installs the `chromium` package and the
tests launch /usr/bin/chromium. Set SAVE_SCREENSHOTS=1 to refresh docs/screenshots/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium package is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def rendered_report():
    """Ask for this in a test that needs the demo's PDFs ready (see `demo`)."""


@pytest.fixture
def demo(request, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with pytest.MonkeyPatch.context() as patch:
        if "rendered_report" not in request.fixturenames:
            # loaddemo asks for the 2008Q3 report, the last quarter's and the PDF of the
            # 2008/09 yearly report and, with tasks run in-process, renders them (a few
            # seconds each). Journeys that never open a report leave them queued instead,
            # which keeps the browser suite within its time budget.
            from reporting.tasks import render_quarterly_report, render_yearly_report

            patch.setattr(render_quarterly_report, "apply_async", lambda *a, **k: None)
            patch.setattr(render_yearly_report, "apply_async", lambda *a, **k: None)
        call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def page(browser, live_server, demo):
    # axe-core is injected as an inline script, which our Content Security Policy forbids;
    # test_csp.py checks the policy itself with nothing bypassed.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    # Nothing but the live server may be reached: a request elsewhere fails the test.
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"the page tried to reach {outside}"


def sign_in(page, username: str, password: str = "demo") -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def check_accessibility(page, name: str) -> list[dict]:
    """Run axe-core in the page; fail on serious or critical violations, return the rest."""
    import axe_playwright_python

    # After a click that navigates, the new document may still be fetching its stylesheet:
    # unstyled, its links are too small to pass target-size. Check the page as users see it.
    page.wait_for_load_state("load")

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    page.add_script_tag(content=script)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    # An empty result would pass silently; a real run always applies dozens of rules.
    assert len(result["passes"]) >= 10, f"{name}: axe-core did not run its rules"
    _log_violations(name, page.url, result["violations"], result["incomplete"])
    bad = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert not bad, f"{name}: " + json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"][:3]]}
            for v in bad
        ],
        indent=1,
    )
    return [v for v in result["violations"]]


def _log_violations(name: str, url: str, violations: list[dict], incomplete: list[dict]) -> None:
    """With AXE_REPORT=path, append every violation (any impact) and every result axe-core
    could not decide ("incomplete": needs a person to look) as JSON lines.

    docs/accessibility.md lists the minor and moderate ones that remain; this is how they
    are collected rather than copied from a console by hand.
    """
    target = os.environ.get("AXE_REPORT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as out:
        out.write(json.dumps({"page": name, "url": url, "kind": "visited"}) + "\n")
        for kind, results in (("violation", violations), ("incomplete", incomplete)):
            for v in results:
                line = {
                    "page": name,
                    "url": url,
                    "kind": kind,
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [n["html"][:200] for n in v["nodes"][:3]],
                }
                out.write(json.dumps(line) + "\n")


# A screenshot bigger than this is retaken as the visible window only, to keep the repo small.
SCREENSHOT_MAX_BYTES = 600_000


def screenshot(page, name: str) -> None:
    if os.environ.get("SAVE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if path.stat().st_size > SCREENSHOT_MAX_BYTES:
            page.screenshot(path=str(path), full_page=False)


# What the focused element shows. GOV.UK styles draw focus as an outline, a box-shadow or
# (for radios and checkboxes, whose input is invisible) a ring on the label's ::before.
_FOCUS_JS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const drawn = (s) => {
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent';
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return outline || shadow;
  };
  let shown = drawn(getComputedStyle(el));
  if (!shown && (el.type === 'radio' || el.type === 'checkbox') && el.labels.length) {
    shown = drawn(getComputedStyle(el.labels[0], '::before'));
  }
  // textContent, not innerText: visually hidden words are part of what a screen reader says.
  const text = el.getAttribute('aria-label') || el.textContent || el.value || '';
  const name = text.replace(/\s+/g, ' ').trim();
  return {tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '',
          name: name.slice(0, 200), href: el.getAttribute('href') || '', shown: shown};
}"""


def focused(page) -> dict | None:
    """Describe the focused element; `shown` says whether a focus indicator is drawn."""
    return page.evaluate(_FOCUS_JS)
