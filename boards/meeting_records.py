"""A meeting's record beyond its minutes: who attended and what interests were declared.

Minutes PDFs print both, so `Meeting.record_version` moves on with every change to either,
in the same transaction: from the model signals for a row saved or deleted (the officer's
forms and the admin alike), and from `record_changed` where a service writes rows in bulk,
which sends none. reporting.pack_models puts the version in the minutes' fingerprint.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from boards.meeting_models import Attendance, Declaration, Meeting


def record_changed(meeting_id: int) -> None:
    Meeting.objects.filter(pk=meeting_id).update(record_version=F("record_version") + 1)


def _on_change(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures load rows as they are
        record_changed(instance.meeting_id)


def connect() -> None:
    """Called from BoardsConfig.ready()."""
    for model in (Attendance, Declaration):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"record-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"record-del-{model.__name__}")
