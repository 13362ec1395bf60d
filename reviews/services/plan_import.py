"""Importing a whole action plan into a review from a checked plan file."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from boards.models import Person, Theme
from lscb import audit
from lscb.progress import validate_progress
from reviews.models import Action, ActionProgress, Recommendation, Review
from reviews.plan_files import requirements_and_actions
from reviews.services.progress import refresh_current
from reviews.services.sign_off import ensure_plan_open


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
                    refresh_current(action)
        audit.record(
            actor=by,
            action="review.plan_imported",
            summary=f"Imported {requirements_and_actions(rec_count, action_count)} "
            f"into “{review.title}”",
            obj=review,
            board=review.board,
        )
    return rec_count, action_count
