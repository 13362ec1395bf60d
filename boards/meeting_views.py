"""The meeting pages: the board's meetings, planning one, its agenda and papers, publishing
the agenda, attendance and declarations, marking it held, and the yearly attendance table.

Every page loads its objects through boards.meeting_access; every write goes through
boards.services.meetings.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from boards.access import Need, get_board_for_user
from boards.meeting_access import (
    can_plan,
    can_write,
    get_agenda_item_for_user,
    get_board_for_planning,
    get_meeting_for_user,
    get_paper_for_user,
)
from boards.meeting_forms import (
    AgendaItemForm,
    AttendanceForm,
    DeclarationForm,
    MeetingForm,
    PaperForm,
    PublishForm,
)
from boards.meeting_models import AttendanceKind
from boards.meeting_selectors import (
    attendance_table,
    board_meetings,
    current_financial_year,
    meeting_page,
    members_on_the_day,
)
from boards.services import meetings as services
from lscb.form_errors import save_posted_form
from lscb.meeting_parts import meeting_parts
from lscb.progress import evidence_response

# While something on a meeting's page is being prepared, the page refreshes this often.
REFRESH_SECONDS = 10


def _page(request, template: str, board, access, **context) -> HttpResponse:
    return render(
        request,
        f"boards/{template}.html",
        {"board": board, "access": access, "nav": "meetings", **context},
    )


def _form(
    request, form, save: Callable[[], tuple[str, str]], where: tuple, heading: str, **page
) -> HttpResponse:
    """On a valid post call `save` (returning where to go and what to say), else show the
    form with its errors, through templates/boards/meeting_form.html. `where` is the
    board, the access and the meeting (None while planning one)."""
    if saved := save_posted_form(request, form, save):
        return saved
    board, access, meeting = where
    return _page(
        request, "meeting_form", board, access, form=form, meeting=meeting, heading=heading, **page
    )


@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, slug)
    today = timezone.localdate()
    return _page(
        request,
        "meeting_list",
        board,
        access,
        # (coming up, past), read only when the cached part is drawn afresh.
        meetings=SimpleLazyObject(lambda: board_meetings(board, today)),
        can_plan=can_plan(access),
        year=current_financial_year(today),
    )


def _plannable(board, access):
    subgroups = board.subgroups.filter(active=True).order_by("name")
    if not access.can(Need.EDIT):
        subgroups = subgroups.filter(pk__in=access.officer_subgroup_ids)
    return list(subgroups)


@login_required
def meeting_plan(request: HttpRequest, slug: str) -> HttpResponse:
    board, access = get_board_for_planning(request.user, slug)
    subgroups = _plannable(board, access)
    form = MeetingForm(
        request.POST or None,
        board=board,
        subgroups=subgroups,
        board_itself=access.can(Need.EDIT),
    )

    def save():
        data = form.cleaned_data
        chosen = {s.pk: s for s in subgroups}.get(data["subgroup"])
        meeting = services.meeting_plan(
            board=board,
            subgroup=chosen,
            date=data["date"],
            start_time=data["start_time"],
            venue=data["venue"],
            video_link=data["video_link"],
            by=request.user,
        )
        return meeting.get_absolute_url(), f"The meeting of {meeting} is planned."

    return _form(request, form, save, (board, access, None), "Plan a meeting")


@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk)
    writes = can_write(access, meeting)
    # Read only when a cached part of the page is drawn afresh (templates: boardcache).
    page = SimpleLazyObject(lambda: meeting_page(meeting))
    items = SimpleLazyObject(lambda: page.items)
    parts = meeting_parts(request, meeting, access, can_write=writes, items=items)
    return _page(
        request,
        "meeting_detail",
        board,
        access,
        meeting=meeting,
        page=page,
        can_write=writes,
        can_approve=access.can(Need.APPROVE),
        today=timezone.localdate(),
        parts=parts,
        refresh_seconds=REFRESH_SECONDS if any(part.refresh for part in parts) else None,
    )


@login_required
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    initial = {f: getattr(meeting, f) for f in services.MEETING_FIELDS}
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        board=board,
        subgroups=[],
        board_itself=True,
        editing=True,
    )

    def save():
        services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        return meeting.get_absolute_url(), "The meeting's details are saved."

    return _form(request, form, save, (board, access, meeting), "Change the date or place")


@login_required
def agenda_item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    form = AgendaItemForm(request.POST or None, submit="Add item")

    def save():
        item = services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
        return f"{meeting.get_absolute_url()}#item-{item.pk}", f"Item {item.number} is added."

    return _form(request, form, save, (board, access, meeting), "Add an item")


@login_required
def agenda_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, item = get_agenda_item_for_user(request.user, slug, pk, Need.EDIT)
    initial = {"title": item.title, "presenter": item.presenter}
    initial["exempt_paragraph"] = item.exempt_paragraph or ""
    form = AgendaItemForm(request.POST or None, initial=initial)

    def save():
        services.agenda_item_update(item=item, by=request.user, **form.cleaned_data)
        return f"{item.meeting.get_absolute_url()}#item-{item.pk}", f"Item {item.number} is saved."

    return _form(request, form, save, (board, access, item.meeting), f"Change item {item.number}")


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _, _, item = get_agenda_item_for_user(request.user, slug, pk, Need.EDIT)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    try:
        moved = services.agenda_item_move(item=item, direction=direction, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{moved.title}” is now item {moved.number}.")
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@login_required
def agenda_paper_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, item = get_agenda_item_for_user(request.user, slug, pk, Need.EDIT)
    form = PaperForm(request.POST or None, request.FILES or None)

    def save():
        paper = services.agenda_paper_add(
            item=item, file=form.cleaned_data["file"], by=request.user
        )
        return f"{item.meeting.get_absolute_url()}#item-{item.pk}", f"{paper.name} is attached."

    return _form(
        request,
        form,
        save,
        (board, access, item.meeting),
        f"Attach a paper to item {item.number}",
        multipart=True,
    )


@login_required
def agenda_paper(request: HttpRequest, slug: str, pk: int):
    _, _, paper = get_paper_for_user(request.user, slug, pk)
    return evidence_response(paper)


@login_required
def agenda_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A check page: the agenda as it will go out, with a warning and a reason if late."""
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    today = timezone.localdate()
    late = services.is_late(meeting.date, today)
    form = PublishForm(request.POST or None, late=late)

    def save():
        reason = form.cleaned_data.get("reason", "")
        services.agenda_publish(meeting=meeting, by=request.user, reason=reason)
        return meeting.get_absolute_url(), "The agenda is published."

    if saved := save_posted_form(request, form, save):
        return saved
    return _page(
        request,
        "meeting_publish",
        board,
        access,
        meeting=meeting,
        form=form,
        late=late,
        page=meeting_page(meeting),
        today=today,
    )


@login_required
def meeting_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    page = meeting_page(meeting)
    form = AttendanceForm(request.POST or None, lines=page.lines)

    def save():
        chosen = form.grouped()
        services.meeting_record_attendance(
            meeting=meeting,
            present=chosen[AttendanceKind.PRESENT],
            apologies=chosen[AttendanceKind.APOLOGIES],
            absent=chosen[AttendanceKind.ABSENT],
            substitutes=chosen[AttendanceKind.SUBSTITUTE],
            by=request.user,
        )
        return f"{meeting.get_absolute_url()}#attendance", "Attendance is saved."

    return _form(
        request,
        form,
        save,
        (board, access, meeting),
        "Record attendance",
        intro="Apologies can be recorded before the meeting; the expected quorum counts them.",
    )


@login_required
def declaration_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    people = {m.person.pk: m.person for m in members_on_the_day(meeting)}
    for row in meeting.attendance.select_related("person"):
        people.setdefault(row.person_id, row.person)
    items = list(meeting.items.order_by("number", "id"))
    form = DeclarationForm(
        request.POST or None,
        people=sorted(people.values(), key=lambda p: p.name),
        items=items,
    )

    def save():
        data = form.cleaned_data
        services.declaration_add(
            meeting=meeting,
            person=people[data["person"]],
            item={i.pk: i for i in items}.get(data["item"]),
            interest=data["interest"],
            by=request.user,
        )
        return f"{meeting.get_absolute_url()}#declarations", "The declaration is recorded."

    return _form(request, form, save, (board, access, meeting), "Record a declaration of interest")


@login_required
def meeting_held(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A check page showing the quorum the attendance gives, then marking the meeting held."""
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    error = None
    if request.method == "POST":
        try:
            services.meeting_mark_held(meeting=meeting, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The meeting is marked as held.")
            return redirect(meeting.get_absolute_url())
    return _page(
        request,
        "meeting_held",
        board,
        access,
        meeting=meeting,
        page=meeting_page(meeting),
        error=error,
    )


def _year(request: HttpRequest) -> int | None:
    text = request.GET.get("year", "")
    if not text:
        return current_financial_year(timezone.localdate())
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


@login_required
def attendance_year(request: HttpRequest, slug: str) -> HttpResponse:
    """Each agency's attendance at the board's meetings over a financial year."""
    board, access = get_board_for_user(request.user, slug)
    year = _year(request)
    if year is None:
        return HttpResponseBadRequest("The year must be written like 2008.")
    return _page(
        request,
        "meeting_attendance_year",
        board,
        access,
        year=year,
        year_label=f"{year}/{(year + 1) % 100:02d}",
        # Lazy (meetings, rows): the table is a cached part of the page (lscb.fragments).
        table=SimpleLazyObject(lambda: attendance_table(board, year)),
    )
