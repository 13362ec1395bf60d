"""How often each person wants the digest of what is waiting for them, and which digests
have gone out (so a second run in the same period sends nothing)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week, on Monday morning"
    MONTHLY = "monthly", "Once a month, on the first Monday"
    OFF = "off", "Never"


class DigestPreference(models.Model):
    """A login's choice of digest; someone who never chose gets it weekly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default="weekly")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class DigestSent(models.Model):
    """One digest sent for one period (a week like 2026-W49, or a month): to a login, or to
    a partner contact without an account, known only by the address their links went to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address = models.EmailField(blank=True)
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="one_digest_per_period"),
            models.UniqueConstraint(
                fields=["address", "period"],
                condition=Q(user__isnull=True),
                name="one_partner_digest_per_period",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(address=""),
                name="digest_sent_to_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.address} {self.period}"


class DigestLink(models.Model):
    """A secure link a digest carried. Links are kept only as hashes, so each digest issues
    fresh ones; the next digest to the same address stops these, so old digests do not
    leave a trail of live links behind them."""

    digest = models.ForeignKey(DigestSent, on_delete=models.CASCADE, related_name="links")
    link = models.OneToOneField(
        "lscb.SecureLink", on_delete=models.CASCADE, related_name="digest_issue"
    )

    def __str__(self) -> str:
        return f"{self.link} in {self.digest}"
