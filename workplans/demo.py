"""Demo workplan: Hartlepool LSCB's 2008/09 plan, read from workplans/demo.yaml.

The data file says what the plan holds; this module only feeds it through the workplan services.
Safe to run twice: the plan is found by board, title and dates.
"""

from __future__ import annotations

from django.utils import timezone

from boards.models import Person, Theme
from lscb import demo_files
from workplans import services
from workplans.models import Priority, Workplan


def load(context: dict) -> None:
    data = demo_files.read("workplans")
    board = context["board"]
    users = context["users"]
    officer, chair = users["officer"], users["chair"]
    priorities = [
        Priority.objects.get_or_create(
            board=board, title=p["title"], defaults={"description": p["description"]}
        )[0]
        for p in data["priorities"]
    ]
    plan = data["workplan"]
    workplan = Workplan.objects.filter(
        board=board, start=plan["start"], end=plan["end"], title=plan["title"]
    ).first()
    if workplan is None:
        workplan = _create(board, officer, chair, priorities, context, data)
    context["workplan"] = workplan


def _person(context: dict, name: str) -> Person:
    return context["people"].get(name) or Person.objects.get(name=name)


def _create(board, officer, chair, priorities, context, data) -> Workplan:
    plan = data["workplan"]
    subgroups = context["subgroups"]
    themes = {t.slug: t for t in Theme.objects.all()}
    workplan = services.workplan_create(
        board=board, by=officer, title=plan["title"], start=plan["start"], end=plan["end"]
    )
    workplan.priorities.set(priorities)
    for order, item in enumerate(data["outcomes"], start=1):
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
        for update in item.get("progress", []):
            services.outcome_record_progress(
                outcome=outcome,
                by=officer,
                rag=update["rag"],
                narrative=update["narrative"],
                date=update["date"],
            )
    services.workplan_approve(workplan=workplan, by=chair)
    approved_at = timezone.make_aware(plan["approved_at"])
    Workplan.objects.filter(pk=workplan.pk).update(approved_at=approved_at)
    workplan.approved_at = approved_at
    return workplan
