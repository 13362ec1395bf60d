"""Freshness scenarios for agenda packs (see freshness_scenarios.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from boards.models import AgendaItem, Meeting
from reporting.pack_models import MeetingPack, PackKind
from reporting.services import packs


def _meeting(w) -> Meeting:
    meeting = Meeting.objects.create(board=w.board, date=w.today, venue="Town hall")
    AgendaItem.objects.create(meeting=meeting, number=1, title="Neglect strategy")
    return meeting


def _page(meeting: Meeting) -> str:
    return reverse("boards:meeting", args=[meeting.board.slug, meeting.pk])


def _pack_request(w):
    meeting = _meeting(w)
    return (
        _page(meeting),
        lambda: packs.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=w.officer),
        "Queued",
    )


def _agenda_packs_prepare(w):
    meeting = _meeting(w)
    return (
        _page(meeting),
        lambda: packs.agenda_packs_prepare(meeting=meeting, by=w.officer),
        "Queued",
    )


def _pack_render(w):
    meeting = _meeting(w)
    pack = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.MEMBERS, requested_at=timezone.now()
    )
    return (
        _page(meeting),
        lambda: packs.pack_render(pack_id=pack.pk),
        "Download the members&#x27; agenda pack",
    )


SCENARIOS = {
    "reporting.services.packs.pack_request": _pack_request,
    "reporting.services.packs.pack_render": _pack_render,
    "reporting.services.packs.agenda_packs_prepare": _agenda_packs_prepare,
}
