"""A chair's sign-off, and reopening with a reason: one mechanism for whatever a chair signs
off (a review's action plan, a meeting's minutes).

The object keeps who signed it off and when; while signed off it is locked, and only the
chair reopens it, giving a reason. Each reopening is kept with the sign-off it undid, so
the record shows every approval, not only the last.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from lscb import limits


class SignedOff(models.Model):
    """Who signed the object off and when; empty while it is open."""

    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    signed_off_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class Reopening(models.Model):
    """The chair reopening a signed-off object: why, and the sign-off it undid."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(**limits.model_limit(limits.STATEMENT))
    previously_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    previously_signed_off_at = models.DateTimeField(null=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]


def sign(obj: SignedOff, *, by, also: tuple[str, ...] = ()) -> None:
    """Record `by` signing `obj` off now; `also` names other fields the caller changed."""
    obj.signed_off_by = by
    obj.signed_off_at = timezone.now()
    obj.save(update_fields=["signed_off_by", "signed_off_at", *also])


def reopening_reason(reason: str, missing: str) -> str:
    """The reason, trimmed; refused with `missing` when empty, or when over its limit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": missing})
    if too_long := limits.length_error("The reason", reason, limits.STATEMENT):
        raise ValidationError({"reason": too_long})
    return reason


def reopen(
    obj: SignedOff, *, by, reason: str, record: type[Reopening], also: tuple[str, ...] = (), **of
) -> Reopening:
    """Undo `obj`'s sign-off, keeping it and the reason in a new `record` (which names its
    object through `of`, e.g. review=review); `also` as for sign()."""
    reopening = record.objects.create(
        by=by,
        reason=reason,
        previously_signed_off_by=obj.signed_off_by,
        previously_signed_off_at=obj.signed_off_at,
        **of,
    )
    obj.signed_off_by = None
    obj.signed_off_at = None
    obj.save(update_fields=["signed_off_by", "signed_off_at", *also])
    return reopening
