"""Reads of what children and families said and what the board did about it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from boards.models import Board
from voice.models import VoiceRecord


def records(board: Board) -> QuerySet[VoiceRecord]:
    return VoiceRecord.objects.filter(board=board).prefetch_related("outcomes", "reviews")


def _between(board: Board, start: dt.date, end: dt.date) -> QuerySet[VoiceRecord]:
    return VoiceRecord.objects.filter(board=board, date__range=(start, end))


def you_said_we_did(board: Board, start: dt.date, end: dt.date) -> list[VoiceRecord]:
    """The records of a period, oldest first, as the yearly report sets them out."""
    return list(_between(board, start, end).order_by("date", "pk"))


def any_between(board: Board, start: dt.date, end: dt.date) -> bool:
    """Whether the period has any record (one query)."""
    return _between(board, start, end).exists()


def public_records(board: Board) -> QuerySet[VoiceRecord]:
    """Only those the board chose to show publicly, newest first."""
    return VoiceRecord.objects.filter(board=board, public=True).order_by("-date", "-pk")
