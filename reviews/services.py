"""Writes for reviews and their action plans. Each runs in one transaction and is audited.

A signed-off action plan is locked: its recommendations and the definitions of their actions
cannot be added, changed or deleted until the chair reopens it with a recorded reason.
Progress on actions can always be recorded, signed off or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from boards.access import Need, board_access
from boards.models import Agency, Person, Theme
from lscb import audit
from lscb.progress import current_status, validate_progress
from lscb.vocab import RAG
from reviews.models import (
    Action,
    ActionPlanReopening,
    ActionProgress,
    Finding,
    Recommendation,
    Review,
    ReviewStatus,
)


class PlanLocked(ValidationError):
    """The action plan is signed off; reopen it before changing recommendations."""


REVIEW_FIELDS = (
    "kind",
    "title",
    "subject_reference",
    "guidance",
    "criteria_met",
    "lead_reviewer",
    "inspectorate",
    "summary",
    "status",
    "start_date",
    "incident_known_date",
    "notification_date",
    "decision_date",
    "report_date",
    "action_statement_date",
    "published_date",
    "closed_date",
)


def _lock(review: Review) -> Review:
    """Re-read the review under a row lock so sign-off and edits cannot interleave."""
    return Review.objects.select_for_update().get(pk=review.pk)


def ensure_plan_open(review: Review) -> None:
    if review.signed_off_at is not None:
        raise PlanLocked(
            "The action plan was signed off, so its recommendations and actions cannot "
            "change. The chair must reopen it, giving a reason, first."
        )


def _require_chair(review: Review, by) -> None:
    if not board_access(by, review.board).can(Need.APPROVE):
        raise PermissionDenied("Only the board's chair can sign off or reopen an action plan.")


def _clean_review_fields(fields: dict) -> dict:
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown review fields: {', '.join(sorted(unknown))}")
    return fields


def review_create(*, board, by, **fields) -> Review:
    with transaction.atomic():
        review = Review(board=board, **_clean_review_fields(fields))
        review.full_clean()
        review.save()
        audit.record(
            actor=by,
            action="review.added",
            summary=f"Added {review.get_kind_display().lower()} “{review.title}”",
            obj=review,
            board=board,
        )
    return review


def review_update(*, review: Review, by, **fields) -> Review:
    with transaction.atomic():
        review = _lock(review)
        changes = {}
        for name, value in _clean_review_fields(fields).items():
            old = getattr(review, name)
            if old != value:
                changes[name] = [str(old), str(value)]
                setattr(review, name, value)
        review.full_clean()
        review.save()
        if changes:
            audit.record(
                actor=by,
                action="review.changed",
                summary=f"Changed {', '.join(changes)} of “{review.title}”",
                obj=review,
                board=review.board,
                changes=changes,
            )
    return review


def review_sign_off(*, review: Review, by) -> Review:
    """The chair signs off the action plan: who and when are recorded, and the plan locks."""
    with transaction.atomic():
        review = _lock(review)
        _require_chair(review, by)
        if review.is_signed_off:
            raise ValidationError("This action plan is already signed off.")
        if not review.recommendations.exists():
            raise ValidationError(
                "There is nothing to sign off: the action plan has no recommendations yet."
            )
        review.signed_off_by = by
        review.signed_off_at = timezone.now()
        review.save(update_fields=["signed_off_by", "signed_off_at"])
        audit.record(
            actor=by,
            action="review.signed_off",
            summary=f"Signed off the action plan of “{review.title}”",
            obj=review,
            board=review.board,
        )
    return review


def review_reopen(*, review: Review, by, reason: str) -> ActionPlanReopening:
    """The chair reopens a signed-off plan; the reason and the earlier sign-off are kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action plan is being reopened."})
    with transaction.atomic():
        review = _lock(review)
        _require_chair(review, by)
        if not review.is_signed_off:
            raise ValidationError("This action plan is not signed off, so it is already open.")
        reopening = ActionPlanReopening.objects.create(
            review=review,
            by=by,
            reason=reason,
            previously_signed_off_by=review.signed_off_by,
            previously_signed_off_at=review.signed_off_at,
        )
        review.signed_off_by = None
        review.signed_off_at = None
        review.save(update_fields=["signed_off_by", "signed_off_at"])
        audit.record(
            actor=by,
            action="review.reopened",
            summary=f"Reopened the action plan of “{review.title}”: {reason}",
            obj=review,
            board=review.board,
            changes={"reason": reason},
        )
    return reopening


def finding_add(
    *,
    review: Review,
    by,
    area: str,
    kind: str,
    judgement: str = "",
    summary: str = "",
    themes: Iterable[Theme] = (),
    position: int | None = None,
) -> Finding:
    with transaction.atomic():
        finding = Finding(
            review=review,
            area=area,
            kind=kind,
            judgement=judgement,
            summary=summary,
            position=review.findings.count() + 1 if position is None else position,
        )
        finding.full_clean()
        finding.save()
        finding.themes.set(themes)
        audit.record(
            actor=by,
            action="finding.added",
            summary=f"Recorded finding “{finding}” for “{review.title}”",
            obj=finding,
            board=review.board,
        )
    return finding


def recommendation_add(
    *,
    review: Review,
    by,
    number: int,
    kind: str,
    text: str,
    standard_reference: str = "",
    regulation_reference: str = "",
    themes: Iterable[Theme] = (),
) -> Recommendation:
    with transaction.atomic():
        ensure_plan_open(_lock(review))
        rec = Recommendation(
            review=review,
            number=number,
            kind=kind,
            text=text,
            standard_reference=standard_reference,
            regulation_reference=regulation_reference,
        )
        rec.full_clean()
        rec.save()
        rec.themes.set(themes)
        audit.record(
            actor=by,
            action="recommendation.added",
            summary=f"Added {rec} to “{review.title}”",
            obj=rec,
            board=review.board,
        )
    return rec


def recommendation_update(*, recommendation: Recommendation, by, **fields) -> Recommendation:
    themes = fields.pop("themes", None)
    allowed = {"number", "kind", "text", "standard_reference", "regulation_reference"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown recommendation fields: {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        review = _lock(recommendation.review)
        ensure_plan_open(review)
        for name, value in fields.items():
            setattr(recommendation, name, value)
        recommendation.full_clean()
        recommendation.save()
        if themes is not None:
            recommendation.themes.set(themes)
        audit.record(
            actor=by,
            action="recommendation.changed",
            summary=f"Changed {recommendation} of “{review.title}”",
            obj=recommendation,
            board=review.board,
            changes={k: str(v) for k, v in fields.items()},
        )
    return recommendation


def recommendation_delete(*, recommendation: Recommendation, by) -> None:
    with transaction.atomic():
        review = _lock(recommendation.review)
        ensure_plan_open(review)
        audit.record(
            actor=by,
            action="recommendation.deleted",
            summary=f"Deleted {recommendation} of “{review.title}”",
            obj=recommendation,
            board=review.board,
        )
        recommendation.delete()


def action_add(
    *,
    recommendation: Recommendation,
    by,
    what: str,
    responsible: str = "",
    responsible_people: Iterable[Person] = (),
    agency: Agency | None = None,
    timescale: dt.date | None = None,
    timescale_is_month: bool = False,
    position: int | None = None,
) -> Action:
    with transaction.atomic():
        review = _lock(recommendation.review)
        ensure_plan_open(review)
        action = Action(
            recommendation=recommendation,
            what=what,
            responsible=responsible,
            agency=agency,
            timescale=timescale,
            timescale_is_month=timescale_is_month and timescale is not None,
            position=recommendation.actions.count() + 1 if position is None else position,
        )
        action.full_clean()
        action.save()
        action.responsible_people.set(responsible_people)
        audit.record(
            actor=by,
            action="action.added",
            summary=f"Added an action to {recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
        )
    return action


ACTION_DEFINITION_FIELDS = {
    "what",
    "responsible",
    "agency",
    "timescale",
    "timescale_is_month",
    "position",
}


def action_update(*, action: Action, by, **fields) -> Action:
    people = fields.pop("responsible_people", None)
    if set(fields) - ACTION_DEFINITION_FIELDS:
        raise TypeError(f"Unknown action fields: {sorted(set(fields) - ACTION_DEFINITION_FIELDS)}")
    with transaction.atomic():
        review = _lock(action.recommendation.review)
        ensure_plan_open(review)
        for name, value in fields.items():
            setattr(action, name, value)
        action.full_clean()
        action.save()
        if people is not None:
            action.responsible_people.set(people)
        audit.record(
            actor=by,
            action="action.changed",
            summary=f"Changed an action of {action.recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
            changes={k: str(v) for k, v in fields.items()},
        )
    return action


def action_delete(*, action: Action, by) -> None:
    with transaction.atomic():
        review = _lock(action.recommendation.review)
        ensure_plan_open(review)
        audit.record(
            actor=by,
            action="action.deleted",
            summary=f"Deleted an action of {action.recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
        )
        action.delete()


def _refresh_current(action: Action) -> None:
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
) -> ActionProgress:
    """Record progress on an action. Closing it as complete needs evidence attached."""
    validate_progress(
        rag=rag,
        narrative=narrative,
        date=date,
        evidence=evidence,
        evidence_required_for_complete=True,
        today=today,
    )
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        review = Review.objects.select_related("board").get(pk=action.recommendation.review_id)
        update = ActionProgress(
            action=action, date=date, rag=rag, narrative=narrative.strip(), author=by
        )
        if evidence:
            update.evidence = evidence
        update.save()
        _refresh_current(action)
        audit.record(
            actor=by,
            action="action.progress",
            summary=f"Recorded {RAG(rag).label.lower()} on an action of “{review.title}”",
            obj=action,
            board=review.board,
            changes={"rag": rag, "date": date.isoformat()},
        )
    return update


def review_close(*, review: Review, by, on: dt.date) -> Review:
    return review_update(review=review, by=by, status=ReviewStatus.CLOSED, closed_date=on)


def action_plan_import(
    *, review: Review, by, plan: list[dict], today: dt.date | None = None
) -> tuple[int, int]:
    """Write a checked action plan (from plan_files.read_plan) to a review, all or nothing.

    Returns (recommendations added, actions added). Responsible lines that match the name of
    someone on the board also link that person.
    """
    day = today or dt.date.today()
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("board").get(pk=review.pk)
        ensure_plan_open(review)
        lines = {
            line.strip()
            for rec in plan
            for act in rec["actions"]
            for line in act["responsible"].splitlines()
            if line.strip()
        }
        people = {
            p.name: p
            for p in Person.objects.filter(memberships__board=review.board, name__in=lines)
        }
        themes = Theme.objects.in_bulk({t for rec in plan for t in rec.get("themes", [])})
        rec_count = action_count = 0
        for item in plan:
            rec = Recommendation(
                review=review,
                number=item["number"],
                kind=item["kind"],
                standard_reference=item["standard"][:50],
                regulation_reference=item["regulation"][:100],
                text=item["text"],
            )
            rec.full_clean()
            rec.save()
            rec.themes.set([themes[t] for t in item.get("themes", []) if t in themes])
            rec_count += 1
            for position, act in enumerate(item["actions"], start=1):
                timescale = dt.date.fromisoformat(act["timescale"]) if act["timescale"] else None
                action = Action.objects.create(
                    recommendation=rec,
                    position=position,
                    what=act["what"],
                    responsible=act["responsible"],
                    timescale=timescale,
                    timescale_is_month=bool(act["is_month"] and timescale),
                )
                matched = [
                    people[n.strip()]
                    for n in act["responsible"].splitlines()
                    if n.strip() in people
                ]
                if matched:
                    action.responsible_people.set(matched)
                action_count += 1
                progress = act.get("progress")
                if progress:
                    progress_date = (
                        dt.date.fromisoformat(progress["date"]) if progress["date"] else day
                    )
                    validate_progress(
                        rag=progress["rag"],
                        narrative=progress["narrative"],
                        date=progress_date,
                        evidence_required_for_complete=True,
                        today=day,
                    )
                    ActionProgress.objects.create(
                        action=action,
                        date=progress_date,
                        rag=progress["rag"],
                        narrative=progress["narrative"],
                        author=by,
                    )
                    _refresh_current(action)
        audit.record(
            actor=by,
            action="review.plan_imported",
            summary=f"Imported {rec_count} requirements or recommendations and {action_count} "
            f"actions into “{review.title}”",
            obj=review,
            board=review.board,
        )
    return rec_count, action_count
