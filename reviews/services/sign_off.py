"""The chair's sign-off of an action plan, and the lock it puts on the plan.

A signed-off action plan is locked: its recommendations and the definitions of their actions
cannot be added, changed or deleted until the chair reopens it with a recorded reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from boards.access import Need, board_access
from lscb import audit, sign_off
from reviews.models import ActionPlanReopening, Review


class PlanLocked(ValidationError):
    """The action plan is signed off; reopen it before changing recommendations."""


def lock_review(review: Review) -> Review:
    """Re-read the review under a row lock so sign-off and edits cannot interleave."""
    return Review.objects.select_for_update().get(pk=review.pk)


def ensure_plan_open(review: Review) -> None:
    if review.signed_off_at is not None:
        raise PlanLocked(
            "The action plan was signed off, so its recommendations and actions cannot "
            "change. The chair must reopen it, giving a reason, first."
        )


def _require_chair(review: Review, by) -> None:
    if not board_access(by, review.board).can(Need.APPROVE):
        raise PermissionDenied("Only the board's chair can sign off or reopen an action plan.")


def review_sign_off(*, review: Review, by) -> Review:
    """The chair signs off the action plan: who and when are recorded, and the plan locks."""
    with transaction.atomic():
        review = lock_review(review)
        _require_chair(review, by)
        if review.is_signed_off:
            raise ValidationError("This action plan is already signed off.")
        if not review.recommendations.filter(withdrawn_at__isnull=True).exists():
            raise ValidationError(
                "There is nothing to sign off: the action plan has no recommendations yet."
            )
        sign_off.sign(review, by=by)
        audit.record(
            actor=by,
            action="review.signed_off",
            summary=f"Signed off the action plan of “{review.title}”",
            obj=review,
            board=review.board,
        )
    return review


def review_reopen(*, review: Review, by, reason: str) -> ActionPlanReopening:
    """The chair reopens a signed-off plan; the reason and the earlier sign-off are kept."""
    reason = sign_off.reopening_reason(reason, "Say why the action plan is being reopened.")
    with transaction.atomic():
        review = lock_review(review)
        _require_chair(review, by)
        if not review.is_signed_off:
            raise ValidationError("This action plan is not signed off, so it is already open.")
        reopening = sign_off.reopen(
            review, by=by, reason=reason, record=ActionPlanReopening, review=review
        )
        audit.record(
            actor=by,
            action="review.reopened",
            summary=f"Reopened the action plan of “{review.title}”: {reason}",
            obj=review,
            board=review.board,
            changes={"reason": reason},
        )
    return reopening
