"""Writes for agenda packs and minutes as PDF: an officer asks for one, a worker renders it.

A pack is one row per meeting and kind. Asking again while a render is queued or running
changes nothing; asking after it is ready or failed queues a fresh render, and the file
already made stays downloadable until the new one replaces it.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from boards.meeting_models import Meeting
from lscb import audit
from lscb.vocab import plural
from reporting.pack_models import MeetingPack, PackKind, PackStatus, current_digest
from reporting.services import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


def _claim_lapsed(now: dt.datetime) -> Q:
    """A render claimed longer ago than the hard time limit: its worker is gone."""
    limit = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 5)
    return Q(status=PackStatus.RENDERING, started_at__lt=now - limit)


def _send_render(pack_id: int) -> bool:
    """Hand the render to a worker; False when the broker is unavailable (the sweep sends
    it later)."""
    task = current_app.tasks["reporting.tasks.render_meeting_pack"]
    try:
        task.delay(pack_id)
    except Exception:
        logger.exception("Could not queue pack %s; the sweep will retry", pack_id)
        return False
    return True


def pack_request(*, meeting: Meeting, kind: PackKind, by) -> MeetingPack:
    """Queue a render of the meeting's pack of this kind, unless one is already on its way.
    `pack.sent` says, once committed, whether a worker has it."""
    kind = PackKind(kind)
    if kind.is_minutes and not meeting.is_held:
        raise ValidationError("Minutes can be prepared once the meeting is held.")
    now = timezone.now()
    with transaction.atomic():
        pack, created = MeetingPack.objects.select_for_update().get_or_create(
            meeting=meeting, kind=kind, defaults={"requested_at": now, "requested_by": by}
        )
        pack.sent = None
        if not created:
            busy = (
                pack.in_progress
                and not MeetingPack.objects.filter(_claim_lapsed(now), pk=pack.pk).exists()
            )
            if busy:
                return pack
            pack.status, pack.error = PackStatus.QUEUED, ""
            pack.requested_at, pack.requested_by = now, by
            pack.save(update_fields=["status", "error", "requested_at", "requested_by"])
        audit.record(
            actor=by,
            action="reporting.pack_requested",
            summary=f"Asked for the {kind.label.lower()} of {meeting}",
            obj=pack,
            board=meeting.board,
        )
        transaction.on_commit(lambda: setattr(pack, "sent", _send_render(pack.pk)))
    return pack


AGENDA_PACKS = (PackKind.PUBLIC, PackKind.MEMBERS)


def agenda_packs_prepare(*, meeting: Meeting, by) -> list[MeetingPack]:
    """Ask for the public and members' agenda packs of a meeting whose agenda has just been
    published, so the public pack is ready by the time the public looks for it. Registered
    in ReportingConfig.ready() to run once the publishing commits. A pack already on its
    way, or whose file shows the agenda as it stands, is left alone; so is a meeting
    already past (an agenda recorded after the event), whose packs the officer's button
    prepares when wanted. Returns the packs asked for."""
    if meeting.date < timezone.localdate():
        return []
    items = list(meeting.items.order_by("number", "pk").prefetch_related("papers"))
    found = {p.kind: p for p in MeetingPack.objects.filter(meeting=meeting, kind__in=AGENDA_PACKS)}
    asked = []
    for kind in AGENDA_PACKS:
        pack = found.get(kind)
        if pack is not None and (
            pack.in_progress
            or (pack.has_file and pack.agenda_digest == current_digest(kind, meeting, items))
        ):
            continue
        asked.append(pack_request(meeting=meeting, kind=kind, by=by))
    return asked


def pack_render(*, pack_id: int, task_id: str = "", last_attempt: bool = True) -> str:
    """Claim, render, store and mark one pack. Safe to call any number of times: only the
    call that claims a queued pack renders it. Returns "ready", "failed" or "skipped"; a
    transient error (the database or the file store briefly away) puts the pack back in
    the queue and is raised for the task to try again, unless this is its last attempt."""
    from reporting.minutes_document import render_minutes
    from reporting.packs import render_pack
    from reporting.storage import save_atomically

    now = timezone.now()
    claimed = (
        MeetingPack.objects.filter(pk=pack_id)
        .filter(Q(status=PackStatus.QUEUED) | _claim_lapsed(now))
        .update(
            status=PackStatus.RENDERING,
            started_at=now,
            task_id=task_id[:255],
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if not claimed:
        return "skipped"
    pack = MeetingPack.objects.select_related("meeting__board", "meeting__subgroup").get(pk=pack_id)
    try:
        kind = PackKind(pack.kind)
        render = render_minutes if kind.is_minutes else render_pack
        rendered = render(pack.meeting, kind)
        name = save_atomically(pack.storage_name(), rendered.data)
    except TRANSIENT_ERRORS as exc:
        if not last_attempt:
            MeetingPack.objects.filter(
                pk=pack_id, status=PackStatus.RENDERING, started_at=now
            ).update(status=PackStatus.QUEUED, error=f"Trying again after: {exc}"[:2000])
            raise
        _mark_failed(pack_id, now, exc)
        return "failed"
    except Exception as exc:  # noqa: BLE001 - the officer sees the error and can ask again
        logger.exception("Pack %s failed", pack_id)
        _mark_failed(pack_id, now, exc)
        return "failed"
    with transaction.atomic():
        finished = timezone.now()
        done = MeetingPack.objects.filter(
            pk=pack_id, status=PackStatus.RENDERING, started_at=now
        ).update(
            status=PackStatus.READY,
            pdf=name,
            page_count=rendered.page_count,
            size=len(rendered.data),
            agenda_digest=rendered.agenda_digest,
            finished_at=finished,
            ready_at=finished,
        )
        if done:
            audit.record(
                actor=None,
                action="reporting.pack_ready",
                summary=f"Prepared the {pack.get_kind_display().lower()} of {pack.meeting} "
                f"({plural(rendered.page_count, 'page')})",
                obj=pack,
                board=pack.meeting.board,
            )
    return "ready" if done else "skipped"


def _mark_failed(pack_id: int, started: dt.datetime, exc: BaseException) -> None:
    MeetingPack.objects.filter(pk=pack_id, status=PackStatus.RENDERING, started_at=started).update(
        status=PackStatus.FAILED,
        error=(str(exc) or type(exc).__name__)[:2000],
        finished_at=timezone.now(),
    )


def packs_needing_a_push(now: dt.datetime | None = None) -> list[int]:
    """Packs whose message was lost: queued for ten minutes, or claimed by a dead worker."""
    now = now or timezone.now()
    return list(
        MeetingPack.objects.filter(
            Q(status=PackStatus.QUEUED, requested_at__lt=now - dt.timedelta(minutes=10))
            | _claim_lapsed(now)
        ).values_list("pk", flat=True)
    )
