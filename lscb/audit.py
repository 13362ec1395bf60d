"""Write and read the audit trail. Services call `record` inside their transaction."""

from __future__ import annotations

import logging

from django.db import models

from lscb.models import AuditEvent

logger = logging.getLogger("lscb.audit")


def record(
    *,
    actor,
    action: str,
    summary: str,
    obj: models.Model | None = None,
    board=None,
    changes: dict | None = None,
) -> AuditEvent:
    event = AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        board=board,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary,
        changes=changes or {},
    )
    logger.info("%s by %s: %s", action, getattr(actor, "username", "system"), summary)
    return event


def history_for(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")
