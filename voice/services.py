"""Writes of voice records: one transaction, who did it, an audit record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Board
from lscb import audit
from voice.models import VoiceRecord

FIELDS = (
    "title",
    "date",
    "who",
    "number_heard",
    "age_from",
    "age_to",
    "method",
    "you_said",
    "we_did",
    "public",
)


def _check(record: VoiceRecord, outcomes: list, reviews: list) -> None:
    errors = {}
    if (
        record.age_from is not None
        and record.age_to is not None
        and record.age_from > record.age_to
    ):
        errors["age_to"] = "The oldest age cannot be less than the youngest."
    if any(o.workplan.board_id != record.board_id for o in outcomes):
        errors["outcomes"] = "Choose only outcomes of this board's workplans."
    if any(r.board_id != record.board_id for r in reviews):
        errors["reviews"] = "Choose only reviews of this board."
    if errors:
        raise ValidationError(errors)


def voice_record_save(
    *,
    board: Board,
    data: dict,
    by,
    record: VoiceRecord | None = None,
    outcomes: Iterable = (),
    reviews: Iterable = (),
) -> VoiceRecord:
    """Record (or change) one time the board heard from children and families."""
    outcomes, reviews = list(outcomes), list(reviews)
    with transaction.atomic():
        created = record is None
        record = record or VoiceRecord(board=board, created_by=by)
        before = {name: str(getattr(record, name, "")) for name in FIELDS}
        for name in FIELDS:
            if name in data:
                setattr(record, name, data[name])
        _check(record, outcomes, reviews)
        record.full_clean()
        record.save()
        record.outcomes.set(outcomes)
        record.reviews.set(reviews)
        after = {name: str(getattr(record, name)) for name in FIELDS}
        audit.record(
            actor=by,
            action="voice.recorded" if created else "voice.changed",
            summary=f"{'Recorded' if created else 'Changed'} “{record.title}”",
            obj=record,
            board=board,
            changes={}
            if created
            else {k: [before[k], after[k]] for k in FIELDS if before[k] != after[k]},
        )
    return record
