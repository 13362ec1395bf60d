"""Demo workplans, read from workplans/demo.yaml: Hartlepool LSCB's 2008/09 plan, and the
plan of the financial year holding the day of loading, carried forward from 2008/09's
unfinished outcomes.

The data file says what the plans hold; this module only feeds them through the workplan
services, then dates what they wrote to the day each thing happened. Safe to run twice: a
plan is found by board, title and dates.
"""

from __future__ import annotations

import datetime as dt

from boards.models import Person, Theme
from lscb import demo_files
from lscb.vocab import financial_year_label
from workplans import services
from workplans.models import Priority, Workplan

# A plan is drafted this long before the chair approves it.
DRAFTING = dt.timedelta(days=14)


def load(context: dict) -> None:
    today = context["today"]
    data = demo_files.read("workplans", today)
    board = context["board"]
    priorities = [
        Priority.objects.get_or_create(
            board=board, title=p["title"], defaults={"description": p["description"]}
        )[0]
        for p in data["priorities"]
    ]
    history = dict(data["workplan"], outcomes=data["outcomes"])
    current = dict(data["current_workplan"])
    year = financial_year_label(current["start"], current["end"])
    current["title"] = f"{current['title']} {year}"
    current["approved_at"] = min(
        current["start"] + dt.timedelta(days=current.pop("approved_days_after_start")), today
    )
    plans = [_plan(board, priorities, context, spec) for spec in (history, current)]
    context["workplan"], context["current_workplan"] = plans


def _plan(board, priorities, context, spec: dict) -> Workplan:
    workplan = Workplan.objects.filter(
        board=board, start=spec["start"], end=spec["end"], title=spec["title"]
    ).first()
    return workplan or _create(board, priorities, context, spec)


def _person(context: dict, name: str) -> Person:
    return context["people"].get(name) or Person.objects.get(name=name)


def _create(board, priorities, context, plan: dict) -> Workplan:
    users, subgroups, today = context["users"], context["subgroups"], context["today"]
    officer, chair = users["officer"], users["chair"]
    themes = {t.slug: t for t in Theme.objects.all()}
    drafted = demo_files.recorded_at(plan["approved_at"]) - DRAFTING
    since = demo_files.audit_mark()
    workplan = services.workplan_create(
        board=board, by=officer, title=plan["title"], start=plan["start"], end=plan["end"]
    )
    workplan.priorities.set(priorities)
    demo_files.backdate(drafted, since=since, rows=(workplan,))
    for order, item in enumerate(plan["outcomes"], start=1):
        since = demo_files.audit_mark()
        outcome = services.outcome_create(
            workplan=workplan,
            by=officer,
            title=item["title"],
            how=item["how"],
            who=item["who"],
            order=order,
            due_date=plan["end"],
            lead_subgroups=[subgroups[g] for g in item.get("lead_subgroups", [])],
            leads=[_person(context, p) for p in item.get("leads", [])],
            themes=[themes[s] for s in item.get("themes", [])],
        )
        outcome.workplan = workplan
        demo_files.backdate(drafted, since=since)
        for update in item.get("progress", []):
            # An update written relative to today may fall before this year's plan began
            # (early in April, say); the plan then simply has less progress so far.
            if not plan["start"] <= update["date"] <= today:
                continue
            since = demo_files.audit_mark()
            recorded = services.outcome_record_progress(
                outcome=outcome,
                by=officer,
                rag=update["rag"],
                narrative=update["narrative"],
                impact=update.get("impact", ""),
                impact_narrative=update.get("impact_narrative", ""),
                date=update["date"],
                today=today,
            )
            demo_files.backdate(update["date"], since=since, rows=(recorded,))
    since = demo_files.audit_mark()
    services.workplan_approve(workplan=workplan, by=chair)
    approved_at = demo_files.recorded_at(plan["approved_at"])
    Workplan.objects.filter(pk=workplan.pk).update(approved_at=approved_at)
    workplan.approved_at = approved_at
    demo_files.backdate(approved_at, since=since)
    return workplan
