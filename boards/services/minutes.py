"""Writes for a meeting's minutes: what was discussed under each agenda item, and the
chair's approval at the next meeting, which locks them until reopened (lscb.sign_off, as
review action plans). One transaction each, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from boards.access import Need, board_access
from boards.meeting_models import Meeting, MeetingStatus, Minute, MinutesReopening
from boards.meeting_selectors import next_meeting
from lscb import audit, limits, sign_off


def lock_for_minutes(meeting: Meeting) -> Meeting:
    """The meeting under a row lock, refused unless its minutes may be written: once it has
    been held, and until they are approved."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            "The minutes are approved, so they cannot change. The chair must reopen them, "
            "giving a reason, first."
        )
    if not meeting.is_held:
        raise ValidationError("Minutes can be written once the meeting is marked as held.")
    return meeting


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    discussions: Mapping[int, str],
    by,
    originals: Mapping[int, str] | None = None,
) -> list[Minute]:
    """Save what was discussed under each agenda item, keyed by the item's id.

    `originals` are the texts the writer started from. An item whose text they left as it
    was is not written, so a colleague's change to it made meanwhile stays; an item both
    changed is refused, keeping what each typed, rather than one silently losing theirs."""
    meeting = lock_for_minutes(meeting)
    items = {item.pk: item for item in meeting.items.select_related("minute")}
    errors: dict[str, str] = {}
    todo = []
    for pk, text in discussions.items():
        if pk not in items:
            raise ValidationError("This item is on another meeting's agenda.")
        item, text = items[pk], text.strip()
        minute = getattr(item, "minute", None) or Minute(item=item)
        started = minute.discussion if originals is None else originals.get(pk, "").strip()
        if text == started or text == minute.discussion:
            continue
        if started != minute.discussion:
            errors[f"item_{pk}"] = (
                f"Someone else changed the minute of item {item.number} while you were "
                "writing. Copy what you wrote, reload the page and add it to theirs."
            )
        elif too_long := limits.length_error(
            f"The minute of item {item.number}", text, limits.REPORT_NARRATIVE
        ):
            errors[f"item_{pk}"] = too_long
        todo.append((item, minute, text))
    if errors:
        raise ValidationError(errors)
    changed: dict[str, list[str]] = {}
    for item, minute, text in todo:
        changed[f"item {item.number}"] = [minute.discussion, text]
        minute.discussion, minute.written_by = text, by
        minute.full_clean()
        minute.save()
    if changed:
        audit.record(
            actor=by,
            action="meeting.minutes_written",
            obj=meeting,
            board=meeting.board,
            summary=f"Wrote the minutes of {meeting}: {', '.join(changed)}",
            changes=changed,
        )
    return [minute for _, minute, _ in todo]


def _require_chair(meeting: Meeting, by) -> None:
    if not board_access(by, meeting.board).can(Need.APPROVE):
        raise PermissionDenied("Only the board's chair can approve or reopen minutes.")


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by, today: dt.date | None = None) -> Meeting:
    """The chair approves the minutes at the body's next meeting: who and when are kept,
    the meeting's status becomes minutes approved, and the minutes and their decisions lock
    until the chair reopens them."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    _require_chair(meeting, by)
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError("These minutes are already approved.")
    if not meeting.is_held:
        raise ValidationError("The meeting has not been held, so it has no minutes to approve.")
    if not Minute.objects.filter(item__meeting=meeting).exclude(discussion="").exists():
        raise ValidationError("Nothing is minuted yet: write the minutes before approving them.")
    after = next_meeting(meeting)
    if after is None or after.date > (today or timezone.localdate()):
        raise ValidationError(
            "Minutes are approved at the next meeting. "
            + (
                f"The next one is on {after.date:%-d %B %Y}."
                if after
                else "Plan the next meeting first."
            )
        )
    meeting.status = MeetingStatus.MINUTES_APPROVED
    sign_off.sign(meeting, by=by, also=("status",))
    audit.record(
        actor=by,
        action="meeting.minutes_approved",
        obj=meeting,
        board=meeting.board,
        summary=f"Approved the minutes of {meeting} at the meeting of {after.date:%-d %B %Y}",
    )
    return meeting


@transaction.atomic
def minutes_reopen(*, meeting: Meeting, by, reason: str) -> MinutesReopening:
    """The chair reopens approved minutes to correct them; the reason and the approval it
    undoes are kept, and the meeting is held again with its minutes open."""
    reason = sign_off.reopening_reason(reason, "Say why the minutes are being reopened.")
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    _require_chair(meeting, by)
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise ValidationError("These minutes are not approved, so they are already open.")
    meeting.status = MeetingStatus.HELD
    reopening = sign_off.reopen(
        meeting, by=by, reason=reason, record=MinutesReopening, also=("status",), meeting=meeting
    )
    audit.record(
        actor=by,
        action="meeting.minutes_reopened",
        obj=meeting,
        board=meeting.board,
        summary=f"Reopened the minutes of {meeting}: {reason}",
        changes={"reason": reason},
    )
    return reopening
