"""Opening a secure link: check the token, move it into the session, redirect without it.

Every answer to a token says `Referrer-Policy: no-referrer`, so the token never travels
in a Referer header, not even to this site's next page. The form a link lands on says
`same-origin`: with `no-referrer` browsers send `Origin: null` on the form's POST, which
Django's CSRF check rightly refuses; `same-origin` still sends nothing to any other site,
and that page's address holds no token, only the link's number. A bad token gets the
ordinary "page not found" whether or not anything like it exists, and counts against the
address it came from (lscb.secure_links); an expired or revoked link gets a page saying
whom to ask for a new one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_safe

from lscb import secure_links
from lscb.form_errors import add_service_errors
from lscb.models import SecureLink

T = TypeVar("T")


def no_referrer(response: HttpResponse) -> HttpResponse:
    # Set before SecurityMiddleware, which only fills in a header the view left unset.
    response["Referrer-Policy"] = "no-referrer"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    return no_referrer(render(request, "404.html", status=404))


def link_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the pages a link lands on: never cached, no referrer beyond this site, and a link
    the session does not hold answered with the same "page not found" as a bad token."""

    @never_cache
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found(request)
        if "Referrer-Policy" not in response:
            response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped


def say_sent(request: HttpRequest, link: SecureLink) -> None:
    """Tell the officer who sent `link` where it went and until when it works."""
    messages.success(
        request,
        f"A link was sent to {link.sent_to}. It works until "
        f"{timezone.localtime(link.expires_at):%-d %B %Y}.",
    )


def gone(request: HttpRequest, link: SecureLink) -> HttpResponse:
    """The page for a link that has expired or been revoked: whom to ask for a new one."""
    return no_referrer(
        render(
            request,
            "lscb/link_gone.html",
            {
                "link": link,
                "revoked": link.revoked_at is not None,
                "sender": link.created_by,
                "board_name": link.board.name,
                "what": secure_links.purpose_of(link).what,
            },
            status=410,
        )
    )


@sensitive_variables("token")
def find_by_token(
    request: HttpRequest, token: str, find: Callable[[str], T | None]
) -> tuple[T | None, HttpResponse | None]:
    """What `find` makes of a token from a URL, or the answer to give instead: "too many
    attempts" while the network address is throttled, "not found" (counted against the
    address) for a token `find` does not know."""
    address = get_client_ip_address(request)
    if secure_links.too_many_failures(address):
        return None, no_referrer(render(request, "lscb/link_throttled.html", status=429))
    found = find(token)
    if found is None:
        secure_links.count_failure(address)
        return None, not_found(request)
    return found, None


@never_cache
@require_safe
@sensitive_variables("token")
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET /link/<token>/: nothing is written but the session; a scanner opening the link
    leaves everything as it was."""
    link, refused = find_by_token(request, token, secure_links.link_for_token)
    if refused is not None:
        return refused
    if not link.is_live(timezone.now()):
        return gone(request, link)
    secure_links.remember(request, link)
    return no_referrer(redirect(secure_links.purpose_of(link).landing(link)))


def record_by_link(request: HttpRequest, link: SecureLink, form, record, done: str):
    """A link holder's progress form, posted: `record(link=..., date=..., rag=..., ...)`
    saves it and the page goes to `done`. A link that stopped working while the form was
    open gets the link-gone page; a refusal goes beside the form's fields. None when the
    form is to be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        record(
            link=link,
            date=data["date"],
            rag=data["rag"],
            narrative=data["narrative"],
            evidence=data.get("evidence"),
            impact=data["impact"],
            impact_narrative=data["impact_narrative"],
        )
    except secure_links.LinkGone:
        link.refresh_from_db()
        return gone(request, link)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, "Thank you: your progress update has been recorded.")
    return redirect(done)
