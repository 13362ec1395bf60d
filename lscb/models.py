"""Cross-app records: the audit trail of who changed what, and when, and secure links."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from lscb.freshness import WatchedManager


class AuditEvent(models.Model):
    """One governance change or sign-in event, kept so every decision is attributable."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    board = models.ForeignKey(
        "boards.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.TextField()
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"]),
            # The board's activity log, newest first.
            models.Index(fields=["board", "-at"], name="lscb_audit_board_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"


class SecureLink(models.Model):
    """A link emailed to someone without an account: it lets them do one thing (its purpose)
    to one object of one board, until it expires or an officer revokes it.

    The object is named through a generic relation because this layer sits below the apps
    whose objects links name; `lscb.secure_links` pins each purpose to one model, so a link
    can never be read as naming an object of another kind. Only a keyed hash of the token
    is kept: the token itself exists in the email and nowhere here.
    """

    purpose = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    sent_to = models.EmailField("Email address")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "purpose"])]

    def __str__(self) -> str:
        return f"{self.purpose} link sent to {self.sent_to}"

    def is_live(self, now) -> bool:
        return self.revoked_at is None and now < self.expires_at
