"""Section 11 audit pages: the board's grid of agencies against standards, one return,
issuing and revoking links, raising a challenge; and the page an agency's lead reaches by
secure link to complete the return without an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from boards.access import Need, get_board_for_user
from lscb import secure_links
from lscb.form_errors import add_service_errors
from lscb.progress import evidence_response
from lscb.secure_links_views import gone, link_page
from reviews.access import (
    get_s11_link_for_user,
    get_s11_rating_for_user,
    get_s11_return_for_user,
    get_s11_round_for_user,
    get_s11_standard_for_user,
)
from reviews.models import S11Rating, S11Return, Standard
from reviews.s11_forms import ChallengeForm, IssueForm, ReturnForm, StandardForm
from reviews.selectors.partner_links import opted_out
from reviews.selectors.s11 import PURPOSE, return_standards, s11_grid, s11_return_page
from reviews.services import s11


def _expiry(link) -> str:
    return f"{timezone.localtime(link.expires_at):%-d %B %Y}"


@login_required
@require_safe
def grid(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_s11_round_for_user(request.user, board_slug, pk)
    return render(
        request,
        "reviews/s11_grid.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            # Lazy: the grid is a cached part of the page (lscb.fragments).
            "grid": SimpleLazyObject(lambda: s11_grid(review)),
            "can_edit": access.can(Need.EDIT),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def standards(request: HttpRequest, board_slug: str) -> HttpResponse:
    """The board's section 11 standards, and a form to add one: officers' work."""
    board, access = get_board_for_user(request.user, board_slug, Need.EDIT)
    form = StandardForm(request.POST if request.method == "POST" else None, board=board)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "active"}
        try:
            standard = s11.standard_add(board=board, by=request.user, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Standard {standard} was added.")
            return redirect("reviews:s11_standards", board.slug)
    return render(
        request,
        "reviews/s11_standards.html",
        {
            "board": board,
            "nav": "reviews",
            "standards": Standard.objects.filter(board=board).order_by("position", "id"),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, standard = get_s11_standard_for_user(request.user, board_slug, pk)
    form = StandardForm(
        request.POST if request.method == "POST" else None, instance=standard, board=board
    )
    if request.method == "POST" and form.is_valid():
        try:
            s11.standard_update(standard=standard, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The standard was saved.")
            return redirect("reviews:s11_standards", board.slug)
    return render(
        request,
        "reviews/s11_standard_edit.html",
        {"board": board, "nav": "reviews", "standard": standard, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_s11_round_for_user(request.user, board_slug, pk, Need.EDIT)
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s11_return, link = s11.s11_return_issue(
                review=review, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"A link to {s11_return.agency.name}'s return was sent to {link.sent_to}. "
                f"It works until {_expiry(link)}.",
            )
            return redirect("reviews:s11_grid", board.slug, review.pk)
    return render(
        request,
        "reviews/s11_issue.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "form": form,
            "link_days": secure_links.link_days(),
        },
    )


@login_required
@require_safe
def return_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, s11_return = get_s11_return_for_user(request.user, board_slug, pk)
    can_edit = access.can(Need.EDIT)
    links = (
        list(secure_links.live_links(s11_return, PURPOSE).order_by("expires_at"))
        if can_edit
        else []
    )
    return render(
        request,
        "reviews/s11_return.html",
        {
            "board": board,
            "nav": "reviews",
            "review": s11_return.review,
            "s11_return": s11_return,
            # Lazy: all but the links is a cached part of the page (lscb.fragments). The
            # links stay outside it, as each expires at its own time of day.
            "page": SimpleLazyObject(lambda: s11_return_page(s11_return)),
            "links": links,
            "can_edit": can_edit,
            "stopped": opted_out(link.sent_to for link in links),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, s11_return = get_s11_return_for_user(request.user, board_slug, pk, Need.EDIT)
    standards = (
        Standard.objects.filter(board=board)
        .filter(Q(active=True) | Q(ratings__s11_return=s11_return))
        .distinct()
    )
    initial = {"standard": request.GET.get("standard")} if request.method == "GET" else None
    form = ChallengeForm(
        request.POST if request.method == "POST" else None, standards=standards, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            s11.s11_challenge_raise(s11_return=s11_return, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"The challenge to {s11_return.agency.name} is on the audit's action plan.",
            )
            return redirect("reviews:s11_return", board.slug, s11_return.pk)
    return render(
        request,
        "reviews/s11_challenge.html",
        {
            "board": board,
            "nav": "reviews",
            "review": s11_return.review,
            "s11_return": s11_return,
            "form": form,
        },
    )


@login_required
@require_POST
def link_revoke(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, link, s11_return = get_s11_link_for_user(request.user, board_slug, pk)
    s11.s11_link_revoke(link=link, by=request.user)
    messages.success(request, f"The link sent to {link.sent_to} no longer works.")
    return redirect("reviews:s11_return", board.slug, s11_return.pk)


@login_required
@require_safe
def rating_file(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, rating = get_s11_rating_for_user(request.user, board_slug, pk)
    return evidence_response(_AsEvidence(rating))


class _AsEvidence:
    """A rating's document, in the shape evidence_response serves."""

    def __init__(self, rating: S11Rating) -> None:
        self.evidence = rating.evidence_file


@link_page
@require_http_methods(["GET", "POST"])
def partner_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency lead's page: their agency's return and nothing else. Opening it changes
    nothing; saving or submitting the form does."""
    link = secure_links.link_from_session(request, pk, PURPOSE)
    if not link.is_live(timezone.now()):
        return gone(request, link)
    s11_return = secure_links.target_of(
        link, S11Return.objects.select_related("review__board", "agency")
    )
    standards = return_standards(s11_return)
    ratings = {r.standard_id: r for r in s11_return.ratings.all()}
    form = None
    if not s11_return.is_submitted:
        form = ReturnForm(
            request.POST if request.method == "POST" else None,
            request.FILES or None,
            standards=standards,
            ratings=ratings,
        )
    if request.method == "POST" and form is not None and form.is_valid():
        submit = "submit_return" in request.POST
        try:
            s11.s11_return_save(link=link, answers=form.answers(), submit=submit)
        except secure_links.LinkGone:
            link.refresh_from_db()
            return gone(request, link)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                "Thank you: your return has been submitted to the board."
                if submit
                else f"Your answers are saved. You can come back to them until {_expiry(link)}.",
            )
            return redirect("partner:s11_return", link.pk)
    return render(
        request,
        "reviews/s11_partner.html",
        {
            "link": link,
            "s11_return": s11_return,
            "review": s11_return.review,
            "form": form,
            "answers": [(s, ratings.get(s.pk)) for s in standards],
        },
    )
