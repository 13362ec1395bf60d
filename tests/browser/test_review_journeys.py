"""The chair approves a workplan and signs off an action plan; the officer works the plan.

The demo's workplan is approved already, so the test drafts next year's through the same
service officers use. The joint targeted area inspection's action plan, this year's, is the
demo's one not yet signed off; the 2008/09 plans were signed off and closed long ago.
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

BOARD = "Hartlepool Local Safeguarding Children Board"
JTAI = "Joint targeted area inspection: children living with neglect"


def _draft_next_years_workplan():
    from django.contrib.auth import get_user_model

    from boards.models import Board
    from workplans import services
    from workplans.models import Workplan

    board = Board.objects.get(slug="hartlepool")
    officer = get_user_model().objects.get(username="officer")
    workplan = services.workplan_create(
        board=board,
        by=officer,
        title="LSCB workplan 2009/10",
        start=dt.date(2009, 4, 1),
        end=dt.date(2010, 3, 31),
    )
    services.outcome_create(
        workplan=workplan,
        by=officer,
        title="Publish the revised child protection procedures",
        lead_subgroups=board.subgroups.filter(name__startswith="Practice")[:1],
    )
    assert workplan.status == Workplan.Status.DRAFT
    return workplan


def test_chair_approves_a_workplan_and_signs_off_an_action_plan_which_then_locks(page):
    from reviews.models import Review
    from workplans.models import Workplan

    draft = _draft_next_years_workplan()
    sign_in(page, "chair")
    # One board: signing in lands on it.
    expect(page.locator("h1")).to_have_text(BOARD)

    page.get_by_role("link", name="Workplans", exact=True).click()
    page.get_by_role("link", name="LSCB workplan 2009/10").click()
    expect(page.get_by_text("Draft, awaiting the chair's approval")).to_be_visible()
    check_accessibility(page, "draft workplan")
    page.get_by_role("link", name="Approve this workplan").click()
    page.get_by_role("button", name="Approve the workplan").click()
    expect(page.get_by_text("LSCB workplan 2009/10 is approved.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Approved by .+ on \d"))).to_be_visible()
    expect(page.get_by_role("link", name="Approve this workplan")).to_have_count(0)
    draft.refresh_from_db()
    assert draft.status == Workplan.Status.APPROVED
    assert draft.approved_by.username == "chair"

    page.get_by_role("link", name="Reviews and inspections").click()
    check_accessibility(page, "review list")
    screenshot(page, "review-list")
    page.get_by_role("link", name=JTAI).click()
    expect(page.get_by_text("Not signed off", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Import an action plan")).to_be_visible()
    check_accessibility(page, "review")
    screenshot(page, "review")

    page.get_by_role("button", name="Sign off the action plan").click()
    # Signing off is irreversible without a recorded reopening: a check page comes first.
    expect(page.get_by_role("heading", name="What you are signing off")).to_be_visible()
    check_accessibility(page, "sign-off check")
    screenshot(page, "review-sign-off")
    page.get_by_role("button", name="Sign off the action plan").click()
    expect(page.get_by_text("The action plan is signed off.")).to_be_visible()
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()
    expect(page.get_by_text("The recommendations and actions are locked")).to_be_visible()
    # Locked: the way to replace the plan is gone, and only reopening (with a reason) is left.
    expect(page.get_by_role("link", name="Import an action plan")).to_have_count(0)
    expect(page.get_by_role("link", name="Reopen the action plan")).to_be_visible()
    check_accessibility(page, "signed-off review")
    review = Review.objects.get(title=JTAI)
    assert review.signed_off_by.username == "chair"
    assert review.signed_off_at is not None


def test_officer_records_progress_on_an_action_and_follows_a_theme(page):
    from reviews.models import ActionProgress

    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reviews/")
    page.get_by_role("link", name=JTAI).click()
    before = ActionProgress.objects.count()
    page.get_by_role("link", name=re.compile(r"^Record progress")).first.click()
    check_accessibility(page, "record action progress")

    # Nothing chosen: the error summary says so and nothing is stored.
    page.get_by_role("button", name="Record progress").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "record action progress with errors")
    assert ActionProgress.objects.count() == before

    page.get_by_label("On track").check()
    page.get_by_label("What has happened").fill(
        "Advocates are booked for the next three conferences."
    )
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    assert ActionProgress.objects.count() == before + 1

    page.get_by_role("link", name="Themes", exact=True).click()
    check_accessibility(page, "themes")
    screenshot(page, "themes")
    page.locator(".govuk-list--bullet a, .app-themes-table a").first.click()
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page, "theme items")
