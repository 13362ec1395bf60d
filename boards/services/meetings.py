"""Writes for meetings: planning, the agenda and its papers, publishing, attendance,
declarations of interest and marking a meeting held. One transaction each, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards.meeting_models import (
    CLEAR_DAYS,
    AgendaItem,
    AgendaPaper,
    Attendance,
    AttendanceKind,
    Declaration,
    Meeting,
    MeetingStatus,
    publish_deadline,
)
from boards.meeting_quorum import meeting_quorum
from boards.meeting_records import record_changed
from boards.models import Board, Person, Subgroup
from lscb import agenda_hooks, audit, limits
from lscb.progress import validate_evidence

MEETING_FIELDS = ("date", "start_time", "venue", "video_link")


def _record(meeting: Meeting, by, action: str, summary: str, obj=None, changes=None) -> None:
    audit.record(
        actor=by,
        action=f"meeting.{action}",
        obj=obj or meeting,
        board=meeting.board,
        summary=summary,
        changes=changes,
    )


def _check_place(venue: str, video_link: str) -> None:
    if not venue.strip() and not video_link.strip():
        raise ValidationError({"venue": "Enter where the meeting is held, or a video link."})


@transaction.atomic
def meeting_plan(
    *,
    board: Board,
    subgroup: Subgroup | None,
    date: dt.date,
    by,
    start_time: dt.time | None = None,
    venue: str = "",
    video_link: str = "",
) -> Meeting:
    """Put a meeting of the board or one of its subgroups in the diary."""
    if subgroup is not None and subgroup.board_id != board.pk:
        raise ValidationError({"subgroup": "This subgroup belongs to another board."})
    _check_place(venue, video_link)
    meeting = Meeting(
        board=board,
        subgroup=subgroup,
        date=date,
        start_time=start_time,
        venue=venue.strip(),
        video_link=video_link.strip(),
    )
    meeting.full_clean()
    meeting.save()
    _record(meeting, by, "planned", f"Planned the meeting of {meeting}")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, **fields) -> Meeting:
    """Change a meeting's date, time or place; refused once it has been held."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_held:
        raise ValidationError("The meeting has been held, so its date and place cannot change.")
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Not a meeting field: {', '.join(sorted(unknown))}")
    before = {name: str(getattr(meeting, name) or "") for name in fields}
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    _check_place(meeting.venue, meeting.video_link)
    meeting.full_clean()
    meeting.save(update_fields=list(fields))
    after = {name: str(getattr(meeting, name) or "") for name in fields}
    changed = {k: [before[k], after[k]] for k in fields if before[k] != after[k]}
    _record(meeting, by, "changed", f"Changed the meeting of {meeting}", changes=changed)
    return meeting


def _check_item(title: str, presenter: str, exempt_paragraph: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the item's title."
    elif too_long := limits.length_error("The title", title, limits.TITLE):
        errors["title"] = too_long
    if too_long := limits.length_error("The presenter", presenter, limits.NAME):
        errors["presenter"] = too_long
    if exempt_paragraph is not None and not 1 <= exempt_paragraph <= 7:
        errors["exempt_paragraph"] = "Choose a paragraph from 1 to 7 of Schedule 12A."
    return errors


def _editable_agenda(meeting: Meeting) -> Meeting:
    """The meeting, locked; refused once held, when the agenda is what was discussed."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.is_held:
        raise ValidationError("The meeting has been held, so its agenda cannot change.")
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    by,
    presenter: str = "",
    exempt_paragraph: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    meeting = _editable_agenda(meeting)
    if errors := _check_item(title, presenter, exempt_paragraph):
        raise ValidationError(errors)
    last = meeting.items.aggregate(last=Max("number"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=last + 1,
        title=title.strip(),
        presenter=presenter.strip(),
        exempt_paragraph=exempt_paragraph,
    )
    _record(meeting, by, "item_added", f"Added agenda item {item} to {meeting}", obj=item)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    by,
    presenter: str = "",
    exempt_paragraph: int | None = None,
) -> AgendaItem:
    meeting = _editable_agenda(item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if errors := _check_item(title, presenter, exempt_paragraph):
        raise ValidationError(errors)
    before = {"title": item.title, "presenter": item.presenter, "exempt": item.exempt_paragraph}
    item.title, item.presenter = title.strip(), presenter.strip()
    item.exempt_paragraph = exempt_paragraph
    item.save(update_fields=["title", "presenter", "exempt_paragraph"])
    after = {"title": item.title, "presenter": item.presenter, "exempt": item.exempt_paragraph}
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    _record(meeting, by, "item_changed", f"Changed agenda item {item}", obj=item, changes=changed)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> AgendaItem:
    """Swap an item with the one above or below it; the numbers follow the new order."""
    meeting = _editable_agenda(item.meeting)
    items = list(meeting.items.select_for_update().order_by("number", "id"))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        raise ValidationError(f"Item {items[index].number} cannot move {direction}.")
    items[index], items[other] = items[other], items[index]
    for number, it in enumerate(items, start=1):
        it.number = number
    AgendaItem.objects.bulk_update(items, ["number"])
    moved = items[other]
    _record(meeting, by, "item_moved", f"Moved agenda item {moved} {direction}", obj=moved)
    return moved


@transaction.atomic
def agenda_paper_add(*, item: AgendaItem, file: UploadedFile, by) -> AgendaPaper:
    """Attach a paper to an agenda item; the same file types and sizes as evidence."""
    meeting = _editable_agenda(item.meeting)
    try:
        validate_evidence(file)
    except ValidationError as exc:
        # The evidence rules, said of a paper.
        messages = [m.replace("Evidence", "A paper", 1) for m in exc.message_dict["evidence"]]
        raise ValidationError({"file": messages}) from exc
    paper = AgendaPaper(item=item, added_by=by if by and by.is_authenticated else None)
    paper.file.save(file.name, file, save=False)
    paper.save()
    _record(meeting, by, "paper_added", f"Attached {paper.name} to item {item}", obj=paper)
    return paper


def is_late(meeting_date: dt.date, on: dt.date) -> bool:
    """Whether an agenda published on `on` leaves fewer than CLEAR_DAYS clear days."""
    return on > publish_deadline(meeting_date)


@transaction.atomic
def agenda_publish(*, meeting: Meeting, by, reason: str = "", on: dt.date | None = None) -> Meeting:
    """Publish the agenda. Later than CLEAR_DAYS clear days before the meeting it needs a
    reason, which is kept with the meeting. Once it commits, the apps that act on a
    published agenda are told (the agenda packs are asked for); a failure there leaves
    the agenda published, and is logged."""
    day = on or timezone.localdate()
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("The agenda has already been published.")
    if day > meeting.date:
        raise ValidationError("The meeting has already taken place.")
    if not meeting.items.exists():
        raise ValidationError("Add at least one item to the agenda before publishing it.")
    reason = reason.strip()
    late = is_late(meeting.date, day)
    if late and not reason:
        raise ValidationError(
            {
                "reason": f"The agenda is late: it should go out at least {CLEAR_DAYS} clear "
                f"days before the meeting, by {publish_deadline(meeting.date):%-d %B %Y}. "
                "Say why it is late."
            }
        )
    if too_long := limits.length_error("The reason", reason, limits.NOTES):
        raise ValidationError({"reason": too_long})
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_on = day
    meeting.late_reason = reason if late else ""
    meeting.save(update_fields=["status", "agenda_published_on", "late_reason"])
    summary = f"Published the agenda of {meeting}"
    if late:
        summary += f", late: {reason}"
    _record(meeting, by, "agenda_published", summary)
    transaction.on_commit(
        partial(agenda_hooks.agenda_published, meeting=meeting, by=by), robust=True
    )
    return meeting


def _substitute(name: str, member: Person) -> Person:
    """The person of this name at the member's agency, added if they are new here."""
    person = Person.objects.filter(name=name, agency_id=member.agency_id).first()
    return person or Person.objects.create(name=name, agency_id=member.agency_id)


def _open_record(meeting: Meeting) -> Meeting:
    """The meeting, refused once its minutes are approved: they record who attended and
    what was declared, and the chair's approval locks them until reopened."""
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            "The minutes are approved, and they record the attendance and declarations, so "
            "these cannot change. The chair must reopen the minutes, giving a reason, first."
        )
    return meeting


@transaction.atomic
def meeting_record_attendance(
    *,
    meeting: Meeting,
    present: Iterable[Person],
    apologies: Iterable[Person],
    by,
    absent: Iterable[Person] = (),
    substitutes: Iterable[tuple[Person | str, Person]] = (),
) -> Meeting:
    """Record who came, who sent apologies, who stayed away and who came in a member's
    place (a person, or the name of someone new, with the member they stand in for).
    Replaces what was recorded before; quorum is judged as the meeting's date counts it."""
    # Locked so two officers saving at once cannot interleave their rows.
    _open_record(Meeting.objects.select_for_update().get(pk=meeting.pk))
    rows: dict[int, Attendance] = {}
    for kind, people in (
        (AttendanceKind.APOLOGIES, apologies),
        (AttendanceKind.ABSENT, absent),
        (AttendanceKind.PRESENT, present),
    ):
        for person in people:
            rows[person.pk] = Attendance(meeting=meeting, person=person, kind=kind)
    for who, member in substitutes:
        person = _substitute(who.strip(), member) if isinstance(who, str) else who
        if person.pk == member.pk:
            raise ValidationError("A member cannot be their own substitute.")
        rows.setdefault(member.pk, Attendance(meeting=meeting, person=member, kind="apologies"))
        rows[person.pk] = Attendance(
            meeting=meeting, person=person, kind=AttendanceKind.SUBSTITUTE, substitute_for=member
        )
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(rows.values())
    record_changed(meeting.pk)  # bulk_create sends no signal
    attended = [a for a in rows.values() if a.attended]
    meeting.quorum_met = meeting_quorum(meeting, rows.values()).met if attended else None
    meeting.save(update_fields=["quorum_met"])
    _record(
        meeting,
        by,
        "attendance",
        f"Recorded attendance for {meeting}: {len(attended)} present",
    )
    return meeting


@transaction.atomic
def declaration_add(
    *, meeting: Meeting, person: Person, interest: str, by, item: AgendaItem | None = None
) -> Declaration:
    """Record an interest a member declared at the meeting, in one item or in general."""
    meeting = _open_record(
        Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    )
    errors: dict[str, str] = {}
    if not interest.strip():
        errors["interest"] = "Describe the interest declared."
    elif too_long := limits.length_error("The interest", interest, limits.NOTES):
        errors["interest"] = too_long
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "This item is on another meeting's agenda."
    if errors:
        raise ValidationError(errors)
    declaration = Declaration.objects.create(
        meeting=meeting, person=person, item=item, interest=interest.strip()
    )
    _record(
        meeting,
        by,
        "declaration",
        f"Recorded {person}'s declaration of interest at {meeting}",
        obj=declaration,
    )
    return declaration


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by, today: dt.date | None = None) -> Meeting:
    """Say the meeting took place; its quorum is judged on the attendance recorded."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.is_held:
        raise ValidationError("The meeting is already marked as held.")
    if meeting.date > (today or timezone.localdate()):
        raise ValidationError("The meeting cannot be marked held before its date.")
    meeting.status = MeetingStatus.HELD
    meeting.quorum_met = meeting_quorum(meeting).met
    meeting.save(update_fields=["status", "quorum_met"])
    _record(meeting, by, "held", f"Marked the meeting of {meeting} as held")
    return meeting
