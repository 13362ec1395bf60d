"""Progress on actions, which can always be recorded, signed off or not."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lscb import audit, secure_links
from lscb.models import SecureLink
from lscb.progress import current_status, ratings_summary, validate_progress
from reviews.models import ACTION_SOURCE, Action, ActionProgress

WITHDRAWN = "This action has been withdrawn: it takes no more progress."


def refresh_current(action: Action) -> None:
    # Same rule as workplan outcomes: see lscb.progress.current_status.
    _, status = current_status(action.updates.all())
    for name, value in status.items():
        setattr(action, name, value)
    action.save(update_fields=list(status))


def action_record_progress(
    *,
    action: Action,
    by,
    date: dt.date,
    rag: str,
    narrative: str = "",
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
    impact: str = "",
    impact_narrative: str = "",
    via: SecureLink | None = None,
) -> ActionProgress:
    """Record progress on an action: delivery (`rag`) and, when it can be said, impact.
    Closing it as complete needs evidence attached.

    `by` is the officer recording it; a partner without an account reports through a
    secure link instead (`via`, with `by=None`), and the link's address is the author.
    A withdrawn action takes no more progress, even if it was withdrawn while the form
    was open."""
    if (by is None) == (via is None):
        raise ValueError("Progress is recorded by a person or through a link, not both.")
    validate_progress(
        rag=rag,
        narrative=narrative,
        date=date,
        evidence=evidence,
        evidence_required_for_complete=True,
        today=today,
        impact=impact,
        impact_narrative=impact_narrative,
    )
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if action.withdrawn_at is not None:
            raise ValidationError(WITHDRAWN)
        source = Action.objects.select_related(*ACTION_SOURCE).get(pk=action.pk)
        update = ActionProgress(
            action=action,
            date=date,
            rag=rag,
            narrative=narrative.strip(),
            impact=impact,
            impact_narrative=impact_narrative.strip(),
            author=by,
            reported_via=via,
        )
        if evidence:
            update.evidence = evidence
        update.save()
        refresh_current(action)
        summary = f"Recorded {ratings_summary(rag, impact)} on an action of “{source.source_title}”"
        changes = {"rag": rag, "impact": impact, "date": date.isoformat()}
        if via is not None:
            secure_links.link_used(
                link=via, summary=f"{summary}, reported by {via.sent_to}", changes=changes
            )
        else:
            audit.record(
                actor=by,
                action="action.progress",
                summary=summary,
                obj=action,
                board=source.board,
                changes=changes,
            )
    return update
