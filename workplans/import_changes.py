"""What a workplan file would do to an existing workplan: which outcomes it adds, which it
changes (each field, old and new) and which it leaves as they are. Nothing is written here;
workplans.services.imports applies the result.

A row updates the outcome with the same title (ignoring case and spacing), so a workplan
exported, edited and imported again updates in place. Changing an outcome's title in the file
therefore adds a new outcome: rename it on its page instead. Outcomes the file does not
mention stay as they are; a retired outcome is never brought back, and rows matching one are
left out. A Review is recorded as progress unless the outcome's history already holds that
statement on that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from workplans.models import Outcome, ProgressUpdate, Workplan
from workplans.services import EDITABLE_FIELDS, outcome_snapshot

ADDED, CHANGED, UNCHANGED, RETIRED = "added", "changed", "unchanged", "retired"
# Compared field by field; the title is how rows match and the order stays as it is.
_COMPARED = ("how", "who", "lead_subgroups", "leads", "themes", "due_date")


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _row_snapshot(row) -> dict[str, str]:
    return {
        "how": row.how.strip(),
        "who": row.who.strip(),
        "lead_subgroups": ", ".join(sorted(row.subgroup_names)),
        "leads": ", ".join(sorted(row.person_names)),
        "themes": ", ".join(sorted(row.theme_names)),
        "due_date": row.due_date or "",
    }


def compare_rows(workplan: Workplan, rows: list, *, review_date: dt.date | None) -> dict:
    """Mark each ImportRow with its status, the outcome and version it updates, its changes
    and whether its Review is new progress; returns the counts."""
    outcomes = list(
        Outcome.objects.filter(workplan=workplan).prefetch_related(
            "lead_subgroups", "leads", "themes"
        )
    )
    by_title: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_title[title_key(outcome.title)].append(outcome)
    history: dict[int, set[tuple]] = defaultdict(set)
    for outcome_id, day, rag, narrative in ProgressUpdate.objects.filter(
        outcome__workplan=workplan
    ).values_list("outcome_id", "date", "rag", "narrative"):
        history[outcome_id].add((day, rag, narrative.strip()))
    in_file = Counter(title_key(r.title) for r in rows)
    counts = Counter()
    for row in rows:
        key = title_key(row.title)
        if not key:
            continue  # already an error: the row has no outcome
        if in_file[key] > 1:
            row.errors.append("Another row has the same outcome; each outcome may appear once.")
        matches = by_title.get(key, [])
        if len(matches) > 1:
            row.errors.append(
                "The workplan has more than one outcome with this title, so the row cannot "
                "tell which to update. Rename one of them first."
            )
            continue
        outcome = matches[0] if matches else None
        if outcome is None:
            row.status = ADDED
        elif outcome.is_retired:
            row.status = RETIRED
            row.record_progress = False
        else:
            row.match_id, row.match_version = outcome.pk, outcome.version
            old, new = outcome_snapshot(outcome), _row_snapshot(row)
            row.changes = [
                [EDITABLE_FIELDS[name], old[name], new[name]]
                for name in _COMPARED
                if old[name] != new[name]
            ]
            row.status = CHANGED if row.changes else UNCHANGED
            day = row.review_date or (review_date.isoformat() if review_date else None)
            if row.rag and day:
                said = (dt.date.fromisoformat(day), row.rag, row.review.strip())
                row.record_progress = said not in history[outcome.pk]
        counts[row.status] += 1
        if row.rag and row.record_progress:
            counts["progress"] += 1
    return {name: counts[name] for name in (ADDED, CHANGED, UNCHANGED, RETIRED, "progress")}
