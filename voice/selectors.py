"""Reads of what children and families said and what the board did about it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from boards.models import Board
from voice.models import VoiceRecord


def records(board: Board) -> QuerySet[VoiceRecord]:
    return VoiceRecord.objects.filter(board=board).prefetch_related("outcomes", "reviews")


def you_said_we_did(board: Board, start: dt.date, end: dt.date) -> list[VoiceRecord]:
    """The records of a period, oldest first, as the yearly report sets them out."""
    return list(
        VoiceRecord.objects.filter(board=board, date__range=(start, end)).order_by("date", "pk")
    )


def public_records(board: Board) -> QuerySet[VoiceRecord]:
    """Only those the board chose to show publicly, newest first."""
    return VoiceRecord.objects.filter(board=board, public=True).order_by("-date", "-pk")
