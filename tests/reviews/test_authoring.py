"""Writing findings, recommendations and actions on the review page: the services, the
forms, who may use them, and the lock that sign-off puts on every one of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boards.models import Access
from lscb.models import AuditEvent
from reviews.models import Action, Finding, Recommendation
from reviews.services import authoring, authoring_actions
from reviews.services.authoring import StaleEdit
from reviews.services.sign_off import PlanLocked
from tests.factories import member
from tests.reviews.factories import ActionFactory, FindingFactory, RecommendationFactory


@pytest.fixture
def finding(review):
    return FindingFactory(review=review, area="Staying safe", position=1)


def test_withdrawn_action_keeps_its_number_and_leaves_the_counts(client, alice, board, action):
    second = ActionFactory(recommendation=action.recommendation, what="Second thing")
    authoring_actions.action_withdraw(action=action, by=alice, reason="Covered by the police plan")
    client.force_login(alice)
    page = client.get(reverse("reviews:detail", args=[board.slug, action.recommendation.review_id]))
    text = page.content.decode()
    assert "Covered by the police plan" in text and "Withdrawn" in text
    assert '<span class="app-item-number">2.</span> Second thing' in text
    assert page.context["page"].action_count == 1
    assert second.pk != action.pk
    event = AuditEvent.objects.get(action="action.withdrawn")
    assert event.object_id == str(action.pk) and event.actor == alice


def test_edit_records_before_and_after(alice, recommendation):
    authoring.recommendation_update(
        recommendation=recommendation,
        by=alice,
        expected_version=recommendation.version,
        number=recommendation.number,
        kind=recommendation.kind,
        text="Sharper wording",
        standard_reference="",
        regulation_reference="",
        themes=[],
    )
    event = AuditEvent.objects.get(action="recommendation.changed")
    assert event.changes["text"][1] == "Sharper wording"
    assert event.changes["text"][0] != "Sharper wording"


def test_a_stale_edit_is_refused(alice, finding):
    fields = dict(kind="strength", judgement="", summary="", themes=[])
    authoring.finding_update(finding=finding, by=alice, expected_version=1, area="A", **fields)
    with pytest.raises(StaleEdit):
        authoring.finding_update(finding=finding, by=alice, expected_version=1, area="B", **fields)
    assert Finding.objects.get(pk=finding.pk).area == "A"


def test_moving_a_recommendation_swaps_its_number(alice, review):
    first = RecommendationFactory(review=review, number=1, text="First")
    second = RecommendationFactory(review=review, number=2, text="Second")
    authoring.recommendation_move(recommendation=first, by=alice, direction="down")
    assert Recommendation.objects.get(pk=first.pk).number == 2
    assert Recommendation.objects.get(pk=second.pk).number == 1


def test_every_write_is_refused_after_sign_off(alice, review, finding, action):
    rec = action.recommendation
    _sign_off(review, alice)
    with pytest.raises(PlanLocked):
        authoring.finding_create(review=review, by=alice, area="New", kind="strength")
    with pytest.raises(PlanLocked):
        authoring_actions.action_move(action=action, by=alice, direction="up")
    with pytest.raises(PlanLocked):
        authoring.recommendation_withdraw(recommendation=rec, by=alice, reason="x")


def _sign_off(review, by):
    review.signed_off_by = by
    review.signed_off_at = timezone.now()
    review.save()


def _forms(board, review, finding, rec, action):
    b = board.slug
    return {
        "finding_add": (
            reverse("reviews:finding_add", args=[b, review.pk]),
            {"area": "New area", "kind": "strength", "judgement": "", "summary": ""},
        ),
        "finding_edit": (
            reverse("reviews:finding_edit", args=[b, finding.pk]),
            {"area": "Changed", "kind": "strength", "version": finding.version},
        ),
        "finding_withdraw": (
            reverse("reviews:finding_withdraw", args=[b, finding.pk]),
            {"reason": "Gone", "confirm": "yes"},
        ),
        "finding_move": (
            reverse("reviews:finding_move", args=[b, finding.pk]),
            {"direction": "up"},
        ),
        "recommendation_add": (
            reverse("reviews:recommendation_add", args=[b, review.pk]),
            {"kind": "recommendation", "number": 7, "text": "Do better"},
        ),
        "recommendation_edit": (
            reverse("reviews:recommendation_edit", args=[b, rec.pk]),
            {"kind": rec.kind, "number": rec.number, "text": "Changed", "version": rec.version},
        ),
        "recommendation_withdraw": (
            reverse("reviews:recommendation_withdraw", args=[b, rec.pk]),
            {"reason": "Gone", "confirm": "yes"},
        ),
        "recommendation_move": (
            reverse("reviews:recommendation_move", args=[b, rec.pk]),
            {"direction": "down"},
        ),
        "action_add": (
            reverse("reviews:action_add", args=[b, rec.pk]),
            {"what": "New action", "timescale": "December 2008"},
        ),
        "action_edit": (
            reverse("reviews:action_edit", args=[b, action.pk]),
            {"what": "Changed", "timescale": "", "version": action.version},
        ),
        "action_withdraw": (
            reverse("reviews:action_withdraw", args=[b, action.pk]),
            {"reason": "Gone", "confirm": "yes"},
        ),
        "action_move": (reverse("reviews:action_move", args=[b, action.pk]), {"direction": "down"}),
    }


def _state():
    return (
        list(Finding.objects.values_list("area", "position", "withdrawn_at")),
        list(Recommendation.objects.values_list("number", "text", "withdrawn_at")),
        list(Action.objects.values_list("what", "position", "withdrawn_at")),
    )


FORMS = [
    "finding_add",
    "finding_edit",
    "finding_withdraw",
    "finding_move",
    "recommendation_add",
    "recommendation_edit",
    "recommendation_withdraw",
    "recommendation_move",
    "action_add",
    "action_edit",
    "action_withdraw",
    "action_move",
]


@pytest.mark.parametrize("name", FORMS)
def test_each_form_works_while_open_and_is_refused_after_sign_off(
    client, alice, board, review, finding, action, name
):
    rec = action.recommendation
    ActionFactory(recommendation=rec)  # something to move past
    FindingFactory(review=review, position=0)
    RecommendationFactory(review=review, number=rec.number + 1, kind=rec.kind)
    client.force_login(alice)
    url, data = _forms(board, review, finding, rec, action)[name]
    _sign_off(review, alice)
    before = _state()
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "signed off" in response.content.decode()
    assert _state() == before
    review.signed_off_at = None
    review.signed_off_by = None
    review.save()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _state() != before


WHO = {
    "anonymous": None,
    "outsider": 404,
    "member": 403,
    "subgroup officer": 403,
    "officer": 200,
    "chair": 200,
    "admin": 404,
}


@pytest.mark.parametrize("who", list(WHO))
def test_who_may_open_each_authoring_page(
    client, request, board, review, finding, action, charlie, admin_user, who
):
    users = {
        "outsider": charlie,
        "member": member(board, "bob"),
        "officer": member(board, "alice", Access.OFFICER),
        "chair": member(board, "carol", Access.CHAIR),
        "admin": admin_user,
    }
    if who == "subgroup officer":
        from tests.factories import SubgroupFactory

        users[who] = member(board, "sally", Access.OFFICER, subgroup=SubgroupFactory(board=board))
    if users.get(who):
        client.force_login(users[who])
    for name, (url, _) in _forms(board, review, finding, action.recommendation, action).items():
        response = client.post(url, {}) if name.endswith("_move") else client.get(url)
        status = response.status_code
        if who == "anonymous":
            assert status == 302 and "login" in response.url, (name, status)
        elif WHO[who] == 200:
            assert status in (200, 302, 400), (name, status)
        else:
            assert status == WHO[who], (who, name, status)


def test_bad_input_is_explained_beside_the_field_and_kept(client, alice, board, review, action):
    RecommendationFactory(review=review, number=5, kind="recommendation")
    client.force_login(alice)
    url = reverse("reviews:recommendation_add", args=[board.slug, review.pk])
    long_text = "x" * 50_000
    response = client.post(url, {"kind": "recommendation", "number": 5, "text": long_text})
    text = response.content.decode()
    assert "govuk-error-summary" in text and "5,000 characters or fewer" in text
    response = client.post(url, {"kind": "recommendation", "number": 5, "text": "Kept words"})
    text = response.content.decode()
    assert "already has a good-practice recommendation numbered 5" in text
    assert "Kept words" in text
    url = reverse("reviews:action_add", args=[board.slug, action.recommendation_id])
    response = client.post(url, {"what": "Typed action", "timescale": "soon"})
    text = response.content.decode()
    assert "is not a timescale" in text and "Typed action" in text


def test_a_month_timescale_is_stored_as_its_last_day(client, alice, board, recommendation):
    client.force_login(alice)
    url = reverse("reviews:action_add", args=[board.slug, recommendation.pk])
    client.post(url, {"what": "Audit files", "timescale": "February 2009"})
    action = Action.objects.get(what="Audit files")
    assert action.timescale.isoformat() == "2009-02-28" and action.timescale_is_month


def test_withdraw_shows_the_reason_back_before_withdrawing(client, alice, board, finding):
    client.force_login(alice)
    url = reverse("reviews:finding_withdraw", args=[board.slug, finding.pk])
    response = client.post(url, {"reason": "Duplicated"})
    assert "Check before you withdraw" in response.content.decode()
    assert not Finding.objects.get(pk=finding.pk).is_withdrawn
    with pytest.raises(ValidationError):
        authoring.finding_withdraw(finding=finding, by=alice, reason="  ")


def test_moving_a_finding_says_the_number_it_moved_to(client, alice, board, review):
    first = FindingFactory(review=review, area="Early help", position=1)
    second = FindingFactory(review=review, area="Neglect", position=2)
    client.force_login(alice)
    url = reverse("reviews:finding_move", args=[board.slug, second.pk])
    page = client.post(url, {"direction": "up"}, follow=True).content.decode()
    assert "Moved finding 1 up." in page
    assert list(review.findings.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
