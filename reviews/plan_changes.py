"""What an action plan file would do to the plan already on a review: which requirements,
recommendations and actions it adds, which it changes (each field, old and new) and which it
leaves as they are. Nothing is written here; reviews.services.plan_import applies the result.

How rows find what they update, so an exported plan edited and imported again updates in place:
- a requirement or recommendation by its kind and number;
- an action by its place under that number, counting only the actions still on the plan
  (the second action row under requirement 3 is the second of requirement 3's actions that
  is not withdrawn); rows past the last one add actions. A row with the text of one of the
  number's withdrawn actions (from a file exported before it was withdrawn) is left out.
A withdrawn item is never brought back: rows that match one are left out, and the preview
says so. Items on the plan that the file does not mention stay as they are. Progress is
recorded when the file states something the action's history does not already hold.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Prefetch

from boards.models import Theme
from lscb.vocab import RAG, plural
from reviews.models import Action, ActionProgress, Recommendation, RecommendationKind, Review
from reviews.timescales import format_timescale

ADDED, CHANGED, UNCHANGED, WITHDRAWN = "added", "changed", "unchanged", "withdrawn"
_STATUSES = (ADDED, CHANGED, UNCHANGED, WITHDRAWN)

# (key in the file's plan, field on the model, label shown in the preview)
_REC_FIELDS = (
    ("standard", "standard_reference", "Standard"),
    ("regulation", "regulation_reference", "Regulation"),
    ("text", "text", "Text"),
)


def _label(item: dict) -> str:
    return f"{RecommendationKind(item['kind']).label} {item['number']}"


def _action_view(what: str, responsible: str, timescale: str, is_month: bool) -> dict[str, str]:
    """An action's definition as the preview shows it, for comparing file and plan."""
    day = dt.date.fromisoformat(timescale) if timescale else None
    return {
        "What will be done": what.strip(),
        "Person responsible": responsible.strip(),
        "Timescale": format_timescale(day, bool(is_month and day)),
    }


def _differences(old: dict[str, str], new: dict[str, str]) -> list[list[str]]:
    return [[label, old[label], new[label]] for label in new if old[label] != new[label]]


def compare_plan(review: Review, recommendations: list[dict]) -> dict:
    """Mark each recommendation and action dict (from plan_files.read_plan) with its status,
    the id and version it updates, and its changes; returns the counts and warnings."""
    stored = {
        (r.kind, r.number): r
        for r in Recommendation.objects.filter(review=review).prefetch_related(
            "themes",
            Prefetch(
                "actions",
                queryset=Action.objects.order_by("position", "id"),
                to_attr="ordered_actions",
            ),
        )
    }
    history: dict[int, set[tuple]] = defaultdict(set)
    for action_id, day, rag, narrative in ActionProgress.objects.filter(
        action__recommendation__review=review
    ).values_list("action_id", "date", "rag", "narrative"):
        history[action_id].add((day, rag, narrative.strip()))
    theme_names = dict(
        Theme.objects.filter(pk__in={t for r in recommendations for t in r.get("themes", [])})
        .values_list("pk", "name")
        .order_by()
    )
    counts = {f"{what}_{status}": 0 for what in ("recs", "actions") for status in _STATUSES}
    counts["progress"] = 0
    warnings: list[str] = []
    needs_date = False
    for item in recommendations:
        rec = stored.get((item["kind"], item["number"]))
        item["changes"] = []
        if rec is None:
            item["status"] = ADDED
        elif rec.is_withdrawn:
            item["status"] = WITHDRAWN
            warnings.append(
                f"{_label(item)} was withdrawn, so its rows are left out: a withdrawn item is "
                "not brought back by an import."
            )
        else:
            item["id"], item["version"] = rec.pk, rec.version
            old = {label: getattr(rec, field) for _, field, label in _REC_FIELDS}
            new = {label: item[key].strip() for key, _, label in _REC_FIELDS}
            old["Themes"] = ", ".join(sorted(t.name for t in rec.themes.all()))
            new["Themes"] = ", ".join(sorted(theme_names.get(t, "") for t in item["themes"]))
            item["changes"] = _differences(old, new)
            item["status"] = CHANGED if item["changes"] else UNCHANGED
        counts[f"recs_{item['status']}"] += 1
        actions = list(rec.ordered_actions) if rec is not None else []
        live = iter([a for a in actions if not a.is_withdrawn])
        # The text of a withdrawn action, in a file exported while it was still listed.
        gone = {a.what.strip() for a in actions if a.is_withdrawn}
        gone -= {a.what.strip() for a in actions if not a.is_withdrawn}
        for act in item["actions"]:
            act["changes"] = []
            act["record_progress"] = False
            if item["status"] == WITHDRAWN or act["what"].strip() in gone:
                if item["status"] != WITHDRAWN:
                    warnings.append(
                        f"{item['sheet']} row {act['row']}: that action of {_label(item)} was "
                        "withdrawn, so the row is left out."
                    )
                act["status"] = WITHDRAWN
                counts["actions_withdrawn"] += 1
                continue
            action = next(live, None)
            new = _action_view(act["what"], act["responsible"], act["timescale"], act["is_month"])
            if action is None:
                act["status"] = ADDED
            else:
                act["id"], act["version"] = action.pk, action.version
                old = {
                    "What will be done": action.what,
                    "Person responsible": action.responsible,
                    "Timescale": format_timescale(action.timescale, action.timescale_is_month),
                }
                act["changes"] = _differences(old, new)
                act["status"] = CHANGED if act["changes"] else UNCHANGED
            counts[f"actions_{act['status']}"] += 1
            progress = act.get("progress")
            if progress and _is_news(progress, action, history):
                act["record_progress"] = True
                counts["progress"] += 1
                needs_date = needs_date or not progress["date"]
                if progress["stated_rag"] == RAG.COMPLETE:
                    warnings.append(
                        f"{item['sheet']} row {act['row']}: reported complete, imported as On "
                        "track until someone records its completion with evidence."
                    )
    return {"counts": counts, "warnings": warnings, "needs_date": needs_date}


def _is_news(progress: dict, action: Action | None, history: dict[int, set[tuple]]) -> bool:
    """Whether the file's progress is something the action's history does not hold yet."""
    if action is None:
        return True
    # "Complete" in a file is recorded as On track, so either may already be there.
    rags = {progress["stated_rag"], progress["rag"]}
    narrative = progress["narrative"]
    if action.current_rag == RAG.COMPLETE and RAG.COMPLETE in rags:
        return False  # closed with evidence; a spreadsheet cannot reopen it
    if progress["date"] is None:
        return not (action.current_rag in rags and action.current_narrative.strip() == narrative)
    day = dt.date.fromisoformat(progress["date"])
    return not any((day, rag, narrative) in history[action.pk] for rag in rags)


def describe(c: dict[str, int]) -> str:
    """What an import did, in words: "added 1 requirement or recommendation and 2 actions,
    changed 1 action, recorded progress on 2 actions"."""
    recs = ("requirement or recommendation", "requirements or recommendations")
    parts = []
    for verb, rec_key, action_key in (
        ("added", "recs_added", "actions_added"),
        ("changed", "recs_changed", "actions_changed"),
    ):
        things = []
        if c.get(rec_key):
            things.append(plural(c[rec_key], *recs))
        if c.get(action_key):
            things.append(plural(c[action_key], "action"))
        if things:
            parts.append(f"{verb} {' and '.join(things)}")
    if c.get("progress"):
        parts.append(f"recorded progress on {plural(c['progress'], 'action')}")
    return ", ".join(parts) or "nothing changed"
