"""An officer writes a review's plan in the browser and the chair signs it off.

The officer creates a review, adds two findings and three requirements with two actions
each, reorders, and withdraws one; the chair signs the plan off; an edit is then refused
until the chair records a reopening, after which it succeeds. The board's activity page
lists every one of those changes, each by the person who made it.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

TITLE = "Joint inspection of the response to neglect"


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def _add_finding(page, area: str, kind: str, summary: str) -> None:
    page.get_by_role("link", name="Add a finding").click()
    page.get_by_label("Area", exact=True).fill(area)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("What was found").fill(summary)
    page.get_by_role("button", name="Save finding").click()
    expect(page.get_by_text("Finding added.")).to_be_visible()


def _add_requirement(page, number: int, text: str) -> None:
    page.get_by_role("link", name="Add a requirement or recommendation").click()
    page.get_by_label("Statutory requirement", exact=True).check()
    page.get_by_label("Number").fill(str(number))
    page.get_by_label("What is required or recommended").fill(text)
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text(f"Statutory requirement {number} added.")).to_be_visible()


def _add_action(page, number: int, what: str, timescale: str) -> None:
    page.get_by_role("link", name=f"Add an action to statutory requirement {number}").click()
    page.get_by_label("What will be done").fill(what)
    page.get_by_label("Timescale").fill(timescale)
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text(f"Action added to statutory requirement {number}.")).to_be_visible()


def test_officer_writes_a_plan_the_chair_signs_it_off_and_reopens_it(page):
    from django.contrib.auth import get_user_model

    from boards.activity import person_label
    from lscb.models import AuditEvent
    from reviews.models import Review

    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["officer", "chair"])
    }
    first_event = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1

    # The officer creates the review.
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reviews/new/")
    page.get_by_label("Kind").select_option(label="Joint targeted area inspection")
    page.get_by_label("Title").fill(TITLE)
    page.locator("#id_start_date_0").fill("9")
    page.locator("#id_start_date_1").fill("11")
    page.locator("#id_start_date_2").fill("2009")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    review = Review.objects.get(title=TITLE)

    # Two findings and three requirements with two actions each.
    _add_finding(page, "Early help", "Strength", "Families are offered help early.")
    _add_finding(page, "Neglect", "Area for improvement", "Neglect is recognised late.")
    for number, text in (
        (1, "Agree a multi-agency neglect strategy."),
        (2, "Train staff to use the neglect screening tool."),
        (3, "Audit neglect cases every quarter."),
    ):
        _add_requirement(page, number, text)
    for number in (1, 2, 3):
        _add_action(page, number, f"First action for requirement {number}", "March 2010")
        _add_action(page, number, f"Second action for requirement {number}", "31/05/2010")
    check_accessibility(page, "review being written")
    screenshot(page, "review-authoring")

    # Reorder: the second finding goes first, and requirement 1's second action first.
    page.get_by_role("button", name="Move up finding 2").click()
    expect(page.get_by_text("Moved finding 1 up.")).to_be_visible()
    assert list(review.findings.order_by("position", "id").values_list("area", flat=True)) == [
        "Neglect",
        "Early help",
    ]
    page.get_by_role("button", name="Move down action 1 of statutory requirement 1").click()
    expect(
        page.get_by_text(re.compile(r"^Moved action \d of statutory requirement 1 down\."))
    ).to_be_visible()

    # Withdraw requirement 3, with a reason, checked before it happens.
    page.get_by_role("link", name="Withdraw statutory requirement 3").click()
    page.get_by_label("Why is it being withdrawn?").fill("Covered by requirement 1.")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check before you withdraw statutory requirement 3")
    screenshot(page, "review-withdraw-check")
    page.get_by_role("button", name="Withdraw statutory requirement 3").click()
    expect(
        page.get_by_text("Statutory requirement 3 is withdrawn; it keeps its number.")
    ).to_be_visible()
    expect(page.get_by_text("Covered by requirement 1.")).to_be_visible()

    # The chair signs the plan off.
    _sign_out(page)
    sign_in(page, "chair")
    page.goto(review.get_absolute_url())
    page.get_by_role("button", name="Sign off the action plan").click()
    page.get_by_role("button", name="Sign off the action plan").click()  # the check page
    expect(page.get_by_text("The action plan is signed off.")).to_be_visible()

    # The officer's edit is refused: no change links, and the form itself says why.
    _sign_out(page)
    sign_in(page, "officer")
    page.goto(review.get_absolute_url())
    expect(page.get_by_role("link", name=re.compile(r"^Change finding"))).to_have_count(0)
    finding = review.findings.get(area="Neglect")
    page.goto(f"/boards/hartlepool/reviews/findings/{finding.pk}/edit/")
    expect(page.get_by_text("The action plan was signed off, so its findings")).to_be_visible()
    expect(page.get_by_role("button", name="Save finding")).to_have_count(0)

    # The chair records a reopening, with the reason.
    _sign_out(page)
    sign_in(page, "chair")
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Reopen the action plan").click()
    page.get_by_label("Why is the action plan being reopened?").fill(
        "The inspectors corrected finding 1."
    )
    page.get_by_role("button", name="Reopen the action plan").click()
    expect(page.get_by_text("The action plan is reopened; the reason is recorded.")).to_be_visible()
    expect(page.get_by_text("The inspectors corrected finding 1.")).to_be_visible()

    # Now the officer's edit goes through.
    _sign_out(page)
    sign_in(page, "officer")
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Change finding 1").click()
    page.get_by_label("Area", exact=True).fill("Recognising neglect")
    page.get_by_role("button", name="Save finding").click()
    expect(page.get_by_text("Finding saved.")).to_be_visible()
    finding.refresh_from_db()
    assert finding.area == "Recognising neglect"

    # Every change of the journey, by the person who made it.
    # Sign-ins and sign-outs belong to no board, so the board's activity leaves them out.
    events = list(
        AuditEvent.objects.filter(id__gte=first_event, board__slug="hartlepool").order_by("id")
    )
    by_action: dict[str, list[str]] = {}
    for event in events:
        by_action.setdefault(event.action, []).append(event.actor.username)
    assert by_action == {
        "review.added": ["officer"],
        "finding.added": ["officer"] * 2,
        "recommendation.added": ["officer"] * 3,
        "action.added": ["officer"] * 6,
        "finding.moved": ["officer"],
        "action.moved": ["officer"],
        "recommendation.withdrawn": ["officer"],
        "review.signed_off": ["chair"],
        "review.reopened": ["chair"],
        "finding.changed": ["officer"],
    }, by_action
    page.goto("/boards/hartlepool/activity/")
    check_accessibility(page, "activity after the journey")
    screenshot(page, "activity")
    rows = page.locator("#main-content tbody tr")
    shown = [
        (
            rows.nth(i).locator("td").nth(1).inner_text().strip(),
            rows.nth(i).locator("td").nth(2).inner_text(),
        )
        for i in range(len(events))
    ]
    # Newest first: the page's first rows are the journey's events in reverse.
    for (who, what), event in zip(shown, reversed(events), strict=True):
        assert who == person_label(users[event.actor.username]), (who, event.summary)
        assert event.summary in what, (what, event.summary)
