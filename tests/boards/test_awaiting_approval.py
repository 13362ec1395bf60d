"""A chair sees what waits for their approval at the top of the board page; nobody else does."""

import re

from django.urls import reverse

from reviews.models import ReviewStatus
from reviews.services.sign_off import review_sign_off
from tests.reviews.factories import RecommendationFactory, ReviewFactory
from tests.workplans.factories import WorkplanFactory
from workplans.models import Workplan
from workplans.services import workplan_approve


def _board_page(client, user, board) -> str:
    client.force_login(user)
    response = client.get(reverse("boards:detail", args=[board.slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _prompt(page: str) -> str:
    match = re.search(
        r'<div class="govuk-notification-banner"[^>]*id="awaiting-approval">(.*?)</ul>', page
    )
    return match.group(1) if match else ""


def _world(board):
    draft = WorkplanFactory(board=board, title="Partnership plan")
    WorkplanFactory(
        board=board,
        title="Approved plan",
        status=Workplan.Status.APPROVED,
        start=draft.start.replace(year=draft.start.year - 1),
        end=draft.end.replace(year=draft.end.year - 1),
    )
    review = ReviewFactory(board=board, title="JTAI of the front door")
    RecommendationFactory(review=review)
    ReviewFactory(board=board, title="Review with no plan yet")  # nothing to sign off
    closed = ReviewFactory(board=board, title="Closed review", status=ReviewStatus.CLOSED)
    RecommendationFactory(review=closed)
    return draft, review


def test_chair_sees_drafts_to_approve_and_plans_to_sign_off_with_links(client, carol, board):
    draft, review = _world(board)
    page = _board_page(client, carol, board)
    prompt = _prompt(page)
    assert "Awaiting your approval" in prompt
    assert "2 things to approve or sign off as chair" in prompt
    plan_url = reverse("workplans:detail", args=[board.slug, draft.pk])
    review_url = reverse("reviews:detail", args=[board.slug, review.pk])
    assert f'href="{plan_url}">Partnership plan' in prompt
    assert f'href="{review_url}#action-plan">JTAI of the front door</a> (sign off)' in prompt
    for not_waiting in ("Approved plan", "Review with no plan yet", "Closed review"):
        assert not_waiting not in prompt
    # At the top: before the first panel and the subgroups.
    assert page.index("Awaiting your approval") < page.index("Subgroups and panels")


def test_people_who_are_not_chairs_see_no_prompt(client, alice, bob, pat, board):
    _world(board)
    for user in (alice, bob, pat):
        assert "Awaiting your approval" not in _board_page(client, user, board)


def test_prompt_goes_once_everything_is_approved_and_signed_off(client, carol, board):
    draft, review = _world(board)
    assert "Awaiting your approval" in _board_page(client, carol, board)  # now cached
    workplan_approve(workplan=draft, by=carol)
    page = _board_page(client, carol, board)
    assert "Partnership plan" not in _prompt(page)
    assert "1 thing to approve or sign off as chair" in page
    review_sign_off(review=review, by=carol)
    assert "Awaiting your approval" not in _board_page(client, carol, board)
