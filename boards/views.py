from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from boards.access import Need, get_board_for_user
from boards.activity import (
    CSV_HEADERS,
    PAGE_SIZE,
    activity_people,
    activity_rows,
    board_activity,
    csv_rows,
    latest_event_id,
)
from boards.compliance import check_constitution
from boards.forms import ActivityFilterForm
from boards.models import Constitution, Membership
from boards.selectors import board_page
from lscb.approvals import awaiting_approval
from lscb.dashboard import panel_slots
from lscb.fragments import known_query
from lscb.spreadsheets import csv_stream


@login_required
def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, slug)
    return render(
        request,
        "boards/board_detail.html",
        {
            # Lazy: the page's parts are cached (lscb.fragments); a hit computes none of them.
            "page": SimpleLazyObject(lambda: board_page(board)),
            "board": board,
            "access": access,
            "panels": panel_slots(board, access),
            # Chairs only: drafts and action plans waiting for them, at the top of the page.
            "can_approve": access.can(Need.APPROVE),
            "awaiting": SimpleLazyObject(lambda: awaiting_approval(board)),
            "nav": "board",
        },
    )


@login_required
def subgroup_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access = get_board_for_user(request.user, slug)
    subgroup = board.subgroups.filter(pk=pk).first()
    if subgroup is None:
        raise Http404("No such subgroup.")
    members = (
        Membership.objects.current()
        .filter(subgroup=subgroup)
        .select_related("person", "agency")
        .order_by("role", "person__name")
    )
    constitution = (
        Constitution.objects.filter(subgroup=subgroup)
        .select_related("board", "subgroup")
        .prefetch_related("role_rules", "exclusions")
        .first()
    )
    findings = check_constitution(constitution) if constitution else []
    return render(
        request,
        "boards/subgroup_detail.html",
        {
            "board": board,
            "access": access,
            "subgroup": subgroup,
            "members": list(members),
            "constitution": constitution,
            "findings": findings,
            "nav": "board",  # a subgroup is part of the board's page
        },
    )


def _activity(request: HttpRequest, slug: str):
    """The board, the access, the bound filter form and the events it selects."""
    board, access = get_board_for_user(request.user, slug, Need.EDIT)
    form = ActivityFilterForm(request.GET or None, people=activity_people(board))
    return board, access, form, board_activity(board, form.filters())


@login_required
def activity(request: HttpRequest, slug: str) -> HttpResponse:
    """Every recorded change on the board, newest first; for its officers and chair."""
    board, access, form, events = _activity(request, slug)

    def listing() -> dict:
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"page_obj": page, "rows": activity_rows(page.object_list)}

    return render(
        request,
        "boards/activity.html",
        {
            "board": board,
            "access": access,
            "form": form,
            # The filter form is a cached part of the page (lscb.fragments), keyed on all it
            # shows.
            "form_shown": form.shown(),
            # Lazy: the list is a cached part of the page, keyed on the board's newest
            # event, the filters and the page number; a hit counts and reads no events.
            "listing": SimpleLazyObject(listing),
            "latest_event": latest_event_id(board),
            "filter_query": known_query(request.GET, ActivityFilterForm.base_fields),
            "page_number": request.GET.get("page", ""),
            "nav": "activity",
        },
    )


@login_required
def activity_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The same changes as the page shows with these filters, all of them, as CSV."""
    board, _, _, events = _activity(request, slug)
    return csv_stream(f"{board.slug}-activity.csv", CSV_HEADERS, csv_rows(events))
