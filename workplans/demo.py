"""Demo workplans, read from workplans/demo.yaml: Hartlepool LSCB's 2008/09 plan, last year's
plan (the one outcome carried into this year's), and the plan of the financial year holding
the day of loading, carried forward from 2008/09's unfinished outcomes and from last year's.

The data file says what the plans hold; this module only feeds them through the workplan
services, then dates what they wrote to the day each thing happened. Safe to run twice: a
plan is found by board, title and dates, and a lead's link by its outcome and address.
"""

from __future__ import annotations

import datetime as dt

from boards.models import Person, Theme
from lscb import demo_files, secure_links
from lscb.models import AuditEvent, SecureLink
from lscb.vocab import financial_year_label
from workplans import selectors, services
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome, Priority, Workplan
from workplans.services import links

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
    # In date order: an outcome carried forward links to one of the plan before its own.
    specs = (
        history,
        _dated(data["previous_workplan"], today),
        _dated(data["current_workplan"], today),
    )
    plans = [_plan(board, priorities, context, spec) for spec in specs]
    context["workplan"], context["previous_workplan"], context["current_workplan"] = plans
    _send_links(context, plans[-1], data["current_workplan"]["outcomes"])


def _dated(spec: dict, today: dt.date) -> dict:
    """A plan of a year counted from today's, titled with its year and approved a few days
    into it (or today, if that is sooner)."""
    plan = dict(spec)
    plan["title"] = f"{plan['title']} {financial_year_label(plan['start'], plan['end'])}"
    plan["approved_at"] = min(
        plan["start"] + dt.timedelta(days=plan.pop("approved_days_after_start")), today
    )
    return plan


def _plan(board, priorities, context, spec: dict) -> Workplan:
    workplan = Workplan.objects.filter(
        board=board, start=spec["start"], end=spec["end"], title=spec["title"]
    ).first()
    return workplan or _create(board, priorities, context, spec)


def _person(context: dict, name: str) -> Person:
    return context["people"].get(name) or Person.objects.get(name=name)


def _link_carried(outcome: Outcome, board, start: dt.date, title: str) -> None:
    """Point the outcome at the one it continues, in the plan its year carries forward from,
    as starting the year with that outcome carried forward would have."""
    source = selectors.plan_before(board, start).outcomes.get(title=title)
    Outcome.objects.filter(pk=outcome.pk).update(carried_from=source)
    outcome.carried_from = source


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
        if source := item.get("carried_from"):
            _link_carried(outcome, board, plan["start"], source)
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


def _send_links(context: dict, workplan: Workplan, outcomes: list[dict]) -> None:
    """Email each outcome's declared leads a link to record its progress, as the officer
    would from the outcome's links page, dated the day it was sent. A link once sent to an
    address for an outcome is not sent again, even when it has expired since."""
    officer = context["users"]["officer"]
    for item in outcomes:
        for spec in item.get("links", []):
            outcome = workplan.outcomes.get(title=item["title"])
            address = _person(context, spec["lead"]).email
            sent = SecureLink.objects.filter(
                purpose=OUTCOME_LINK_PURPOSE, object_id=outcome.pk, sent_to=address
            )
            if sent.exists():
                continue
            since = demo_files.audit_mark()
            link = links.outcome_link_send(outcome=outcome, by=officer, sent_to=address)
            demo_files.backdate(spec["sent"], since=since, rows=(link,))
            # It works for as long from the day it was sent as a link sent today would.
            expires = link.created_at + dt.timedelta(days=secure_links.link_days())
            SecureLink.objects.filter(pk=link.pk).update(expires_at=expires)
            for event in AuditEvent.objects.filter(pk__gt=since, action="link.sent"):
                changes = {**event.changes, "expires": expires.isoformat()}
                AuditEvent.objects.filter(pk=event.pk).update(changes=changes)
