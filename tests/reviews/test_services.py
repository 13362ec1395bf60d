"""Sign-off locking, reopening, and progress on actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lscb.models import AuditEvent
from reviews.models import Action, Recommendation, RecommendationKind
from reviews.services.action_plan import (
    action_add,
    action_delete,
    action_update,
    recommendation_add,
    recommendation_delete,
    recommendation_update,
)
from reviews.services.progress import action_record_progress
from reviews.services.review_records import review_create, review_update
from reviews.services.sign_off import PlanLocked, review_reopen, review_sign_off


def _evidence():
    return SimpleUploadedFile("proof.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")


@pytest.fixture
def signed_off(review, action, carol):
    return review_sign_off(review=review, by=carol)


def test_chair_sign_off_records_who_and_when_and_is_audited(review, action, carol):
    review = review_sign_off(review=review, by=carol)
    review.refresh_from_db()
    assert review.signed_off_by == carol and review.signed_off_at is not None
    assert AuditEvent.objects.filter(action="review.signed_off", actor=carol).exists()


def test_only_the_chair_can_sign_off(review, action, alice):
    with pytest.raises(PermissionDenied):
        review_sign_off(review=review, by=alice)
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_an_empty_plan_cannot_be_signed_off(review, carol):
    with pytest.raises(ValidationError, match="no recommendations"):
        review_sign_off(review=review, by=carol)


def test_signing_off_twice_is_refused(signed_off, carol):
    with pytest.raises(ValidationError, match="already signed off"):
        review_sign_off(review=signed_off, by=carol)


def test_signed_off_plan_refuses_every_change_to_recommendations_and_actions(
    signed_off, recommendation, action, alice
):
    with pytest.raises(PlanLocked):
        recommendation_add(
            review=signed_off, by=alice, number=9, kind=RecommendationKind.RECOMMENDATION, text="x"
        )
    with pytest.raises(PlanLocked):
        recommendation_update(recommendation=recommendation, by=alice, text="changed")
    with pytest.raises(PlanLocked):
        recommendation_delete(recommendation=recommendation, by=alice)
    with pytest.raises(PlanLocked):
        action_add(recommendation=recommendation, by=alice, what="more")
    with pytest.raises(PlanLocked):
        action_update(action=action, by=alice, what="changed")
    with pytest.raises(PlanLocked):
        action_delete(action=action, by=alice)
    recommendation.refresh_from_db()
    assert recommendation.text.startswith("Requirement text")
    assert Recommendation.objects.count() == 1 and Action.objects.count() == 1


def test_progress_can_still_be_recorded_after_sign_off(signed_off, action, alice):
    action_record_progress(
        action=action, by=alice, date=dt.date(2009, 1, 12), rag="on_track", narrative="Fine."
    )
    action.refresh_from_db()
    assert action.current_rag == "on_track"


def test_reopening_needs_a_reason_and_is_recorded(signed_off, recommendation, carol, alice):
    with pytest.raises(ValidationError):
        review_reopen(review=signed_off, by=carol, reason="   ")
    signed_at = signed_off.signed_off_at
    reopening = review_reopen(
        review=signed_off, by=carol, reason="Ofsted asked for a further requirement."
    )
    assert reopening.by == carol and reopening.previously_signed_off_by == carol
    assert reopening.previously_signed_off_at == signed_at
    signed_off.refresh_from_db()
    assert not signed_off.is_signed_off
    # Now the plan can change again.
    recommendation_update(recommendation=recommendation, by=alice, text="Changed.")
    recommendation.refresh_from_db()
    assert recommendation.text == "Changed."
    assert AuditEvent.objects.filter(action="review.reopened").count() == 1


def test_only_the_chair_can_reopen(signed_off, alice):
    with pytest.raises(PermissionDenied):
        review_reopen(review=signed_off, by=alice, reason="I want to.")


def test_reopening_an_open_plan_is_refused(review, action, carol):
    with pytest.raises(ValidationError, match="not signed off"):
        review_reopen(review=review, by=carol, reason="Why not")


def test_completing_an_action_without_evidence_is_refused(action, alice):
    with pytest.raises(ValidationError) as exc:
        action_record_progress(
            action=action, by=alice, date=dt.date(2009, 1, 12), rag="complete", narrative="Done."
        )
    assert "evidence" in exc.value.message_dict
    action.refresh_from_db()
    assert action.current_rag == "" and action.updates.count() == 0


def test_completing_with_evidence_closes_the_action(action, alice):
    action_record_progress(
        action=action,
        by=alice,
        date=dt.date(2009, 1, 12),
        rag="complete",
        narrative="Done.",
        evidence=_evidence(),
    )
    action.refresh_from_db()
    assert action.current_rag == "complete" and not action.is_open
    assert action.updates.get().evidence.name.endswith(".pdf")


def test_at_risk_needs_a_narrative(action, alice):
    with pytest.raises(ValidationError) as exc:
        action_record_progress(
            action=action, by=alice, date=dt.date(2009, 1, 12), rag="at_risk", narrative=""
        )
    assert "narrative" in exc.value.message_dict


def test_a_back_dated_update_does_not_replace_a_newer_one(action, alice):
    action_record_progress(
        action=action, by=alice, date=dt.date(2009, 2, 1), rag="at_risk", narrative="Slipping."
    )
    action_record_progress(
        action=action, by=alice, date=dt.date(2009, 1, 1), rag="on_track", narrative="Earlier."
    )
    action.refresh_from_db()
    assert (action.current_rag, action.last_update_date) == ("at_risk", dt.date(2009, 2, 1))
    assert action.updates.count() == 2


def test_review_create_and_update_are_audited(board, alice):
    review = review_create(
        board=board,
        by=alice,
        kind="near_miss",
        title="Near-miss review: Child C",
        start_date=dt.date(2009, 2, 2),
    )
    review_update(review=review, by=alice, status="closed", closed_date=dt.date(2009, 6, 1))
    review.refresh_from_db()
    assert review.status == "closed"
    actions = AuditEvent.objects.filter(
        object_type="reviews.review", object_id=str(review.pk)
    ).values_list("action", flat=True)
    assert sorted(actions) == ["review.added", "review.changed"]
