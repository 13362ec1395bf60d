"""Secure links for an outcome's progress: the officer's page that sends and revokes them,
and the page a lead without a login or a seat lands on to record progress.

The officer's pages load through workplans.access with the right to change the outcome.
The lead's page is reached only through a secure link (lscb.secure_links): its URL carries
the link's number, and only a browser that opened the link's token may use it.
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

from lscb import secure_links
from lscb.form_errors import add_service_errors
from lscb.secure_links_views import gone, link_page, record_by_link, say_sent
from workplans.access import get_outcome_for_user, get_outcome_link_for_user
from workplans.forms import ProgressForm, SendLinkForm
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome
from workplans.services import links


@login_required
@require_http_methods(["GET", "POST"])
def outcome_links(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(request.user, board_slug, pk, author=True)
    board = outcome.workplan.board
    form = SendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = links.outcome_link_send(
                outcome=outcome, by=request.user, sent_to=form.cleaned_data["sent_to"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            say_sent(request, link)
            return redirect("workplans:outcome_links", board.slug, outcome.pk)
    return render(
        request,
        "workplans/outcome_links.html",
        {
            "board": board,
            "nav": "workplans",
            "outcome": outcome,
            "workplan": outcome.workplan,
            "form": form,
            "rows": [
                (link, outcome) for link in secure_links.live_links(outcome, OUTCOME_LINK_PURPOSE)
            ],
            "link_days": secure_links.link_days(),
        },
    )


@login_required
@require_POST
def outcome_link_revoke(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    link, outcome = get_outcome_link_for_user(request.user, board_slug, pk)
    links.outcome_link_revoke(link=link, by=request.user)
    messages.success(request, f"The link sent to {link.sent_to} no longer works.")
    return redirect("workplans:outcome_links", board_slug, outcome.pk)


@link_page
@require_http_methods(["GET", "POST"])
def lead_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's page: the link's outcome and the progress form, nothing else."""
    link = secure_links.link_from_session(request, pk, OUTCOME_LINK_PURPOSE)
    if not link.is_live(timezone.now()):
        return gone(request, link)
    outcome = secure_links.target_of(link, Outcome.objects.select_related("workplan__board"))
    workplan = outcome.workplan
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
    else:
        today = timezone.localdate()
        form = ProgressForm(
            initial={
                "date": min(max(today, workplan.start), workplan.end),
                "rag": outcome.current_rag or None,
            }
        )
    done = reverse("outcome_link:update", args=[link.pk])
    if saved := record_by_link(request, link, form, links.outcome_link_progress, done):
        return saved
    return render(
        request,
        "workplans/outcome_lead_update.html",
        {"link": link, "outcome": outcome, "workplan": workplan, "form": form},
    )
