"""Partner contacts' choice about the weekly email of their links (reminders sends it).

reviews.models imports this module so Django registers the model."""

from __future__ import annotations

from django.db import models

from lscb.freshness import WatchedManager


class PartnerDigestOptOut(models.Model):
    """A partner contact (someone without an account, known by the address their links went
    to) who asked for no more weekly emails of their links. The links they hold work on
    until they expire or are revoked; an officer clears this when they ask to have the
    email again."""

    address = models.EmailField(unique=True)
    at = models.DateTimeField(auto_now_add=True)
    # Asked by their mail program's unsubscribe button (RFC 8058), not on the page.
    one_click = models.BooleanField(default=False)

    objects = WatchedManager()

    class Meta:
        verbose_name = "partner digest opt-out"

    def __str__(self) -> str:
        return f"{self.address} asked for no weekly email"
