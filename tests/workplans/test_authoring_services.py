"""Starting a year's workplan, carrying outcomes forward, moving and retiring outcomes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boards.models import Access
from lscb import audit
from lscb.vocab import RAG, Quarter
from tests.factories import member
from tests.workplans.factories import OutcomeFactory
from workplans import selectors, services
from workplans.services import authoring


def test_carried_forward_outcome_keeps_its_definition_and_points_back(
    board, alice, outcome_2008, subgroup, theme
):
    outcome_2008.themes.add(theme)
    plan = authoring.workplan_start_year(
        board=board, by=alice, year=2009, title="", carry_forward=[outcome_2008]
    )
    assert plan.title == "Workplan 2009/10" and not plan.is_approved
    copy = plan.outcomes.get()
    assert copy.carried_from == outcome_2008
    assert (copy.title, copy.how, copy.who) == (
        outcome_2008.title,
        outcome_2008.how,
        outcome_2008.who,
    )
    assert list(copy.lead_subgroups.all()) == [subgroup]
    assert list(copy.themes.all()) == [theme]
    assert "Carried forward" in audit.history_for(copy).get().summary


def test_a_completed_outcome_stays_behind(board, alice, outcome_2008):
    services.outcome_record_progress(
        outcome=outcome_2008, by=alice, rag=RAG.COMPLETE, narrative="Done", date=dt.date(2009, 3, 1)
    )
    with pytest.raises(ValidationError):
        authoring.workplan_start_year(
            board=board, by=alice, year=2009, title="", carry_forward=[outcome_2008]
        )


def test_a_year_is_started_once_per_board(board, alice, workplan_2008):
    with pytest.raises(ValidationError) as exc:
        authoring.workplan_start_year(board=board, by=alice, year=2008, title="Again")
    assert "already a workplan for 2008/09" in str(exc.value)


def test_a_member_cannot_start_a_year(board, bob):
    with pytest.raises(PermissionDenied):
        authoring.workplan_start_year(board=board, by=bob, year=2010, title="")


def test_moving_up_swaps_with_the_outcome_above(workplan, alice):
    first = OutcomeFactory(workplan=workplan, order=1)
    second = OutcomeFactory(workplan=workplan, order=2)
    authoring.outcome_move(outcome=second, by=alice, direction="up")
    assert list(selectors.outcomes_for_table(workplan)) == [second, first]
    with pytest.raises(ValidationError):
        authoring.outcome_move(outcome=second, by=alice, direction="up")


def test_subgroup_officer_may_retire_their_subgroups_outcome_only(
    board, outcome, other_subgroup, subgroup
):
    sam = member(board, "sam", Access.OFFICER, subgroup=subgroup)
    other = OutcomeFactory(workplan=outcome.workplan)
    other.lead_subgroups.add(other_subgroup)
    with pytest.raises(PermissionDenied):
        authoring.outcome_retire(outcome=other, by=sam, reason="Not ours")
    authoring.outcome_retire(outcome=outcome, by=sam, reason="Merged into another")
    assert outcome.retired_on == dt.date.today()


def test_a_retired_outcome_leaves_later_quarters_but_stays_in_its_own(board, alice, outcome_2008):
    authoring.outcome_retire(
        outcome=outcome_2008, by=alice, reason="Merged", on=dt.date(2008, 11, 1)
    )
    _, q3_rows = selectors.report_appendix(board, Quarter(2008, 3))
    _, q4_rows = selectors.report_appendix(board, Quarter(2008, 4))
    assert [r.outcome_id for r in q3_rows] == [outcome_2008.pk]
    assert q4_rows == []
    with pytest.raises(ValidationError):
        services.outcome_record_progress(
            outcome=outcome_2008,
            by=alice,
            rag=RAG.ON_TRACK,
            narrative="",
            date=dt.date(2008, 12, 1),
        )


def test_retiring_needs_a_reason(outcome, alice):
    with pytest.raises(ValidationError):
        authoring.outcome_retire(outcome=outcome, by=alice, reason="  ")
