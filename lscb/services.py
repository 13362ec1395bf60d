"""Writes on a person's own account: their profile, and password reset emails (rate-limited).

The sign-in itself and its throttling belong to django-axes (settings AXES_*); the limits
here are separate and only ever stop emails from going out, never say why.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction

from lscb import audit
from lscb.forms import PasswordResetRequestForm

logger = logging.getLogger("lscb.accounts")

# Within an hour, a few emails for one address is more than anyone forgetting their password
# needs; more than that from one network address is someone trying addresses. A council's
# staff often share one address behind a NAT, so that limit is the more generous.
RESET_WINDOW_SECONDS = 60 * 60
RESET_LIMIT_PER_EMAIL = 3
RESET_LIMIT_PER_ADDRESS = 20


def _count(key: str) -> int:
    """This hour's count for `key`, after adding one."""
    cache = caches["default"]
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        return 1


def password_reset_allowed(*, email: str, address: str | None) -> bool:
    """Count a reset request for this email and this network address; False once either has
    asked too often this hour. The caller answers the same either way."""
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    per_email = _count(f"password-reset:email:{email_key}")
    per_address = _count(f"password-reset:address:{address or 'unknown'}")
    allowed = per_email <= RESET_LIMIT_PER_EMAIL and per_address <= RESET_LIMIT_PER_ADDRESS
    if not allowed:
        logger.warning("Password reset refused: too many requests from %s", address)
    return allowed


def password_reset_send(*, email: str) -> int:
    """Email a reset link to each active account with this address; returns how many.

    Links use SITE_URL, never the address a request came in on, so a forged Host header
    cannot send someone a link to another site."""
    form = PasswordResetRequestForm({"email": email})
    if not form.is_valid():
        return 0
    site = urlsplit(settings.SITE_URL)
    users = list(form.get_users(form.cleaned_data["email"]))
    with transaction.atomic():
        for user in users:
            audit.record(
                actor=None,
                action="auth.password_reset_sent",
                obj=user,
                summary=f"Password reset link sent to {user.get_username()}",
            )
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        extra_email_context={"service_name": settings.SERVICE_NAME},
    )
    return len(users)


def profile_update(*, by, first_name: str, last_name: str, email: str):
    """A person changes their own name and email address."""
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=by.pk)
        before = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
        after = {"first_name": first_name, "last_name": last_name, "email": email}
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        for field, value in after.items():
            setattr(user, field, value)
        user.save(update_fields=list(after))
        if changes:
            what = ", ".join(field.replace("_", " ") for field in changes)
            audit.record(
                actor=by,
                action="auth.profile_changed",
                obj=user,
                summary=f"{user.get_username()} changed their {what}",
                changes=changes,
            )
    return user
