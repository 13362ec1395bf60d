"""Secure links: how people without an account act on one object for one purpose.

An officer sends a link by email. The token in it is random (`secrets`); the database keeps
only a keyed hash of it (HMAC-SHA256 with SECRET_KEY, through Django's `salted_hmac`), so
a token is valid only for this service's key and a copy of the database holds nothing that
opens a link. A token is found by its hash and compared in constant time.

Opening the link (lscb.secure_links_views) checks the token, puts the link's id in the
session and redirects to a page without the token; from then on the session, not the URL,
carries the right. Each purpose names the one model its links point at and the page a
link lands on, registered by the app that owns the model (`register`), so a link can reach
its own object and nothing else. Opening a link changes nothing (mail scanners open every
link in a message); only the purpose's form, posted, does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import models, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lscb import audit
from lscb.models import SecureLink

SESSION_KEY = "secure_links"
# The links a browser has opened that its session remembers, newest last.
SESSION_MAX_LINKS = 20
_HASH_SALT = "lscb.secure_links.token"

# Bad tokens from one network address within the window, after which every link request
# from it is refused for the rest of the window: guessing a token is hopeless anyway, and
# this keeps anyone from trying at speed.
FAILURE_WINDOW_SECONDS = 15 * 60


class LinkGone(Exception):
    """The link expired or was revoked: the write it was asked for is refused."""


@dataclass(frozen=True)
class Purpose:
    """One thing a link can let its holder do: to which kind of object, and where it lands."""

    name: str
    model: str  # app_label.model_name of the only kind of object these links name
    landing: Callable[[SecureLink], str]  # the URL (without the token) a link opens on
    what: str  # what the link lets its holder do, for messages: "update an action"


_purposes: dict[str, Purpose] = {}


def register(purpose: Purpose) -> None:
    """Called from the owning app's AppConfig.ready()."""
    _purposes[purpose.name] = purpose


def purpose_of(link: SecureLink) -> Purpose:
    return _purposes[link.purpose]


def token_hash(token: str) -> str:
    return salted_hmac(_HASH_SALT, token, algorithm="sha256").hexdigest()


def link_days() -> int:
    return settings.SECURE_LINK_DAYS


def link_create(
    *,
    purpose: str,
    obj: models.Model,
    board,
    sent_to: str,
    by,
    summary: str,
    now: dt.datetime | None = None,
) -> tuple[SecureLink, str]:
    """Make a link for `purpose` on `obj`; returns it with its token, which is not stored
    anywhere and must go straight into the email. Call inside the caller's transaction."""
    chosen = _purposes[purpose]
    if obj._meta.label_lower != chosen.model:
        raise ValueError(f"A {purpose} link names a {chosen.model}, not a {obj._meta.label}.")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    link = SecureLink.objects.create(
        purpose=purpose,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        board=board,
        sent_to=sent_to.strip().lower(),
        token_hash=token_hash(token),
        created_by=by,
        expires_at=now + dt.timedelta(days=link_days()),
    )
    audit.record(
        actor=by,
        action="link.sent",
        summary=summary,
        obj=obj,
        board=board,
        changes={"link": link.pk, "sent_to": link.sent_to, "expires": link.expires_at.isoformat()},
    )
    return link, token


def link_revoke(*, link: SecureLink, by, summary: str) -> SecureLink:
    """Stop a link working from now on. Revoking it again changes nothing."""
    with transaction.atomic():
        link = SecureLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is not None:
            return link
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
        _record(link, "link.revoked", by=by, summary=summary)
    return link


def lock_live(link: SecureLink, purpose: str) -> SecureLink:
    """The link, locked for the caller's transaction, if it serves `purpose` and works now;
    LinkGone otherwise, even if it stopped while its form was open."""
    link = SecureLink.objects.select_for_update().get(pk=link.pk)
    if link.purpose != purpose or not link.is_live(timezone.now()):
        raise LinkGone(link.pk)
    return link


def _record(link: SecureLink, action: str, *, by, summary: str, changes: dict | None = None):
    """An activity-log entry on the link's object, naming the address it was sent to."""
    audit.record(
        actor=by,
        action=action,
        summary=summary,
        obj=link.target,
        board=link.board,
        changes={"link": link.pk, "sent_to": link.sent_to, **(changes or {})},
    )


def link_used(*, link: SecureLink, summary: str, changes: dict | None = None) -> None:
    """Record a use of the link (a form posted with it) in the activity log, with the
    address it was sent to. Call inside the transaction of the write it made."""
    link.last_used_at = timezone.now()
    SecureLink.objects.filter(pk=link.pk).update(last_used_at=link.last_used_at)
    _record(link, "link.used", by=None, summary=summary, changes=changes)


def link_for_token(token: str) -> SecureLink | None:
    """The link this token opens (live, expired or revoked), or None for a bad token."""
    if not token or len(token) > 100:
        return None
    wanted = token_hash(token)
    found = SecureLink.objects.filter(token_hash=wanted).select_related("board", "created_by")
    link = found.first()
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    if link.purpose not in _purposes:
        return None
    return link


def live_links(obj: models.Model, purpose: str, now: dt.datetime | None = None):
    """The links on `obj` for `purpose` that still work, newest first."""
    return SecureLink.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        purpose=purpose,
        revoked_at__isnull=True,
        expires_at__gt=now or timezone.now(),
    ).select_related("created_by")


# The session: which links this browser has opened.


def remember(request: HttpRequest, link: SecureLink) -> None:
    """Let this browser's session act with `link` (after its token was checked)."""
    opened = [i for i in request.session.get(SESSION_KEY, []) if i != link.pk]
    if not opened and not request.user.is_authenticated:
        # A new right for this browser: a new session id, so one planted earlier is useless.
        request.session.cycle_key()
    request.session[SESSION_KEY] = [*opened, link.pk][-SESSION_MAX_LINKS:]


def link_from_session(request: HttpRequest, pk: int, purpose: str) -> SecureLink:
    """The link `pk` if this browser opened it and it serves `purpose`; 404 otherwise, the
    same whether or not such a link exists."""
    if pk not in request.session.get(SESSION_KEY, []):
        raise Http404("No such link.")
    link = (
        SecureLink.objects.filter(pk=pk, purpose=purpose)
        .select_related("board", "created_by", "content_type")
        .first()
    )
    if link is None:
        raise Http404("No such link.")
    return link


def target_of(link: SecureLink, queryset: models.QuerySet) -> models.Model:
    """The link's object, read through `queryset` (of the purpose's model, with what the
    page needs joined); 404 if it has gone."""
    if queryset.model._meta.label_lower != _purposes[link.purpose].model:
        raise Http404("No such link.")
    found = queryset.filter(pk=link.object_id).first()
    if found is None:
        raise Http404("No such link.")
    return found


# Throttling bad tokens per network address (the style of lscb.services' reset limits).


def _failure_key(address: str | None) -> str:
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()
    return f"secure-link:failures:{digest}"


def too_many_failures(address: str | None) -> bool:
    count = caches["default"].get(_failure_key(address), 0)
    return count >= settings.SECURE_LINK_FAILURES_PER_ADDRESS


def count_failure(address: str | None) -> None:
    cache = caches["default"]
    key = _failure_key(address)
    cache.add(key, 0, timeout=FAILURE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=FAILURE_WINDOW_SECONDS)
