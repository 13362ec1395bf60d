"""Freshness scenarios for outcomes' progress links (see freshness_scenarios.py)."""

from __future__ import annotations

from lscb.vocab import RAG
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, current_period
from workplans.services import links


def _outcome(w):
    start, end = current_period(w.today)
    return OutcomeFactory(workplan=WorkplanFactory(board=w.board, start=start, end=end))


def _sent(w):
    outcome = _outcome(w)
    return outcome, links.outcome_link_send(
        outcome=outcome, by=w.officer, sent_to="lead@health.example"
    )


def _outcome_link_send(w):
    outcome = _outcome(w)
    return (
        w.url("workplans:outcome_links", outcome.pk),
        lambda: links.outcome_link_send(
            outcome=outcome, by=w.officer, sent_to="lead@police.example.org"
        ),
        "lead@police.example.org",
    )


def _outcome_link_revoke(w):
    outcome, link = _sent(w)
    return (
        w.url("workplans:outcome_links", outcome.pk),
        lambda: links.outcome_link_revoke(link=link, by=w.officer),
        None,
    )


def _outcome_link_progress(w):
    outcome, link = _sent(w)
    return (
        w.url("workplans:outcome", outcome.pk),
        lambda: links.outcome_link_progress(
            link=link, date=w.today, rag=RAG.OFF_TRACK, narrative="Staff shortages"
        ),
        "lead@health.example (by secure link)",
    )


SCENARIOS = {
    "workplans.services.links.outcome_link_send": _outcome_link_send,
    "workplans.services.links.outcome_link_revoke": _outcome_link_revoke,
    "workplans.services.links.outcome_link_progress": _outcome_link_progress,
}
