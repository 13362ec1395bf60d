"""Partner links for review actions: the officer's page that sends and revokes them, and
the page a partner lands on to record progress without an account.

The officer's pages load through reviews.access with Need.EDIT, like recording progress.
The partner's page is reached only through a secure link (lscb.secure_links): its URL
carries the link's number, and only a browser that opened the link's token may use it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from boards.access import Need, get_board_for_user
from lscb import secure_links
from lscb.form_errors import add_service_errors
from lscb.secure_links_views import gone, link_page, record_by_link, say_sent
from reviews.access import get_action_for_user, get_action_link_for_user, get_opt_out_for_user
from reviews.forms import ProgressForm
from reviews.models import ACTION_SOURCE, Action
from reviews.partner_forms import SendLinkForm
from reviews.selectors.partner_links import (
    LinkRow,
    board_opt_outs,
    outcome_links,
    partner_links,
    with_opt_outs,
)
from reviews.services import digest_opt_outs, partner


@login_required
@require_http_methods(["GET", "POST"])
def action_links(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, action = get_action_for_user(request.user, board_slug, pk, Need.EDIT)
    review = action.recommendation.review if action.recommendation_id else None
    form = SendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = partner.action_link_send(
                action=action, by=request.user, sent_to=form.cleaned_data["sent_to"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            say_sent(request, link)
            return redirect("reviews:action_links", board.slug, action.pk)
    return render(
        request,
        "reviews/action_links.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "action": action,
            "form": form,
            "rows": with_opt_outs(
                [LinkRow(link, action) for link in secure_links.live_links(action, partner.PURPOSE)]
            ),
            "link_days": secure_links.link_days(),
        },
    )


@login_required
@require_POST
def link_revoke(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, link, action = get_action_link_for_user(request.user, board_slug, pk)
    partner.action_link_revoke(link=link, by=request.user)
    messages.success(request, f"The link sent to {link.sent_to} no longer works.")
    if request.POST.get("back") == "board":
        return redirect("reviews:links", board.slug)
    return redirect("reviews:action_links", board.slug, action.pk)


@link_page
@require_http_methods(["GET", "POST"])
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner's page: the link's action and the progress form, nothing else."""
    link = secure_links.link_from_session(request, pk, partner.PURPOSE)
    if not link.is_live(timezone.now()):
        return gone(request, link)
    action = secure_links.target_of(link, Action.objects.select_related(*ACTION_SOURCE))
    form = ProgressForm(request.POST or None, request.FILES or None)
    done = reverse("partner:action_update", args=[link.pk])
    if saved := record_by_link(request, link, form, partner.action_partner_progress, done):
        return saved
    return render(
        request,
        "reviews/action_partner_update.html",
        {"link": link, "action": action, "form": form},
    )


@login_required
@require_http_methods(["GET"])
def board_links(request: HttpRequest, board_slug: str) -> HttpResponse:
    """Every partner link of the board's actions, and every lead's link of its outcomes,
    that works now, for officers to review."""
    board, access = get_board_for_user(request.user, board_slug, Need.EDIT)
    return render(
        request,
        "reviews/link_list.html",
        {
            "board": board,
            "nav": "reviews",
            "rows": partner_links(board),
            "outcome_rows": outcome_links(board),
            "opt_outs": board_opt_outs(board),
        },
    )


@login_required
@require_POST
def opt_out_clear(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    """Send a partner contact who asked for no weekly email that email again."""
    board, access, opt_out = get_opt_out_for_user(request.user, board_slug, pk)
    digest_opt_outs.digest_opt_out_clear(opt_out=opt_out, board=board, by=request.user)
    messages.success(request, f"{opt_out.address} will get the weekly email again.")
    return redirect("reviews:links", board.slug)
