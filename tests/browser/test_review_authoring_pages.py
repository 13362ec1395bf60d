"""axe-core finds no serious or critical problem on any page for writing a review's plan:
the add, change and withdraw forms of findings, recommendations and actions, their error
states and the check before withdrawing; and on a theme's page of everything on it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

# A plan still open to edits: the demo's 2008/09 plans are signed off and closed.
JTAI = "Joint targeted area inspection: children living with neglect"


def _urls() -> dict[str, str]:
    from reviews.models import Review

    review = Review.objects.get(title=JTAI)
    finding = review.findings.filter(withdrawn_at__isnull=True).first()
    rec = review.recommendations.filter(withdrawn_at__isnull=True).first()
    action = rec.actions.filter(withdrawn_at__isnull=True).first()
    base = "/boards/hartlepool/reviews"
    return {
        "add a finding": f"{base}/{review.pk}/findings/new/",
        "change a finding": f"{base}/findings/{finding.pk}/edit/",
        "withdraw a finding": f"{base}/findings/{finding.pk}/withdraw/",
        "add a recommendation": f"{base}/{review.pk}/recommendations/new/",
        "change a recommendation": f"{base}/recommendations/{rec.pk}/edit/",
        "withdraw a recommendation": f"{base}/recommendations/{rec.pk}/withdraw/",
        "add an action": f"{base}/recommendations/{rec.pk}/actions/new/",
        "change an action": f"{base}/actions/{action.pk}/edit/",
        "withdraw an action": f"{base}/actions/{action.pk}/withdraw/",
    }


def test_every_review_authoring_page_passes_axe(page):
    sign_in(page, "officer")
    for name, url in _urls().items():
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        check_accessibility(page, name)
        if "withdraw" in name:
            # The reason, then the check before anything happens.
            page.get_by_label("Why is it being withdrawn?").fill("Entered twice by mistake.")
            page.get_by_role("button", name="Continue").click()
            expect(page.locator("h1")).to_contain_text("Check before you withdraw")
            check_accessibility(page, f"{name}: check")
        else:
            # Empty where something is needed: the error summary and the field messages.
            for box in page.locator("#main-content textarea").all():
                box.fill("")
            for box in page.locator("#main-content input.govuk-input").all():
                box.fill("")
            page.locator("#main-content form button.govuk-button").last.click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            check_accessibility(page, f"{name}: errors")


def test_a_themes_page_of_everything_on_it_passes_axe(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reviews/themes/")
    page.locator(".app-themes-table th a").first.click()
    expect(page.locator("h1")).to_have_text("Everything on this theme")
    check_accessibility(page, "everything on a theme")


def test_the_narrative_form_with_its_choice_of_reviews_passes_axe(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reports/2008Q3/narrative/")
    expect(
        page.get_by_label("Safeguarding peer review (September 2008)", exact=False)
    ).to_be_checked()
    check_accessibility(page, "report narrative")
