"""Two records of the board hearing from children and young people this year, read from
voice/demo.yaml. Safe to run again."""

from __future__ import annotations

from lscb import demo_files
from voice.models import VoiceRecord
from voice.services import voice_record_save
from workplans.models import Outcome


def load(context: dict) -> None:
    board = context["board"]
    officer = context.get("users", {}).get("officer")
    for spec in demo_files.read("voice", context["today"])["records"]:
        spec = dict(spec)
        titles = spec.pop("outcomes", [])
        if VoiceRecord.objects.filter(board=board, title=spec["title"]).exists():
            continue
        voice_record_save(
            board=board,
            data=spec,
            outcomes=Outcome.objects.filter(workplan__board=board, title__in=titles),
            by=officer,
        )
