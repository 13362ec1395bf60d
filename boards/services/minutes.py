"""Writes for a meeting's minutes: what was discussed under each agenda item. One
transaction, audited."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.meeting_models import Meeting, MeetingStatus, Minute
from lscb import audit, limits


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
