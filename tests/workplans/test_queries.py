"""Query counts stay the same however big the workplan grows.

Every page starts with the same four queries:
  1. the session, 2. the signed-in user,
  3. the board by slug, 4. the user's current memberships of it (board_access).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lscb.vocab import RAG
from tests.factories import PersonFactory
from tests.workplans.factories import WorkplanFactory, add_update, make_outcomes
from workplans import services


def url(name, *args):
    return reverse(f"workplans:{name}", args=["northtown", *args])


@pytest.fixture
def grow(workplan, subgroup, other_subgroup, theme, alice):
    """Adds n outcomes led by two subgroups and a named lead, each with one update."""
    lead = PersonFactory()

    def _grow(n):
        outcomes = make_outcomes(
            workplan, n, subgroups=[subgroup, other_subgroup], themes=[theme], leads=[lead]
        )
        for o in outcomes[:3]:
            services.outcome_record_progress(
                outcome=o, by=alice, rag=RAG.ON_TRACK, narrative="", date=dt.date.today()
            )
        return outcomes

    return _grow


@pytest.mark.parametrize("n", [5, 500])
def test_workplan_page_queries_do_not_grow_with_outcomes(
    client, bob, workplan, grow, n, django_assert_num_queries
):
    grow(n)
    client.force_login(bob)
    # 1-4 session, user, board, memberships
    # 5 the workplan (with approved_by)   6 its priorities
    # 7 outcomes   8 their lead subgroups   9 their themes (the chart counts these rows)
    # 10 which of them name bob as a lead (his right to record progress on them)
    # 11 filter choices: lead subgroups   12 named leads   13 themes
    # 14 the outcomes in plan order, for the retired ones (and the arrange list of those
    #    who may author the plan)
    with django_assert_num_queries(14):
        response = client.get(url("detail", workplan.pk))
    assert len(response.context["table"].outcomes) == n


@pytest.mark.parametrize("n", [5, 500])
def test_workplan_page_queries_for_an_officer(
    client, alice, workplan, grow, n, django_assert_num_queries
):
    grow(n)
    client.force_login(alice)
    # as for bob, less 10: an officer may record progress on every outcome
    with django_assert_num_queries(13):
        response = client.get(url("detail", workplan.pk))
    assert all(o.can_record for o in response.context["table"].outcomes)


@pytest.mark.parametrize("n", [5, 500])
def test_filtered_workplan_page_queries_do_not_grow(
    client, bob, workplan, grow, subgroup, n, django_assert_num_queries
):
    grow(n)
    client.force_login(bob)
    # as above, plus one: checking the chosen subgroup exists (the form's validation);
    # the filter then narrows the outcomes query without adding any; plus one: the chart,
    # shared by every filter, counts the whole plan's RAG statuses in a query of its own
    with django_assert_num_queries(16):
        response = client.get(url("detail", workplan.pk) + f"?subgroup={subgroup.pk}&sort=-rag")
    assert len(response.context["table"].outcomes) == n


@pytest.mark.parametrize("updates", [2, 40])
def test_outcome_page_queries_do_not_grow_with_updates(
    client, bob, alice, outcome, updates, django_assert_num_queries
):
    for i in range(updates):
        add_update(outcome, alice, date=dt.date.today(), rag=RAG.ON_TRACK, narrative=f"u{i}")
    client.force_login(bob)
    # 1-4 session, user, board, memberships
    # 5 the outcome with its workplan   6 lead subgroups   7 named leads   8 themes
    # 9 the outcomes of later years carried forward from it
    # 10 updates with their authors      11 the audit trail with actors
    # 12 the indicator measuring the outcome, if any (reporting's panel beside the ratings)
    with django_assert_num_queries(12):
        response = client.get(url("outcome", outcome.pk))
    assert len(response.context["timeline"]) == updates


@pytest.mark.parametrize("n", [5, 500])
def test_my_updates_queries_do_not_grow(
    client, alice, workplan, grow, n, django_assert_num_queries
):
    grow(n)
    client.force_login(alice)
    # 1-4 session, user, board, memberships
    # 5 the current workplan covering today
    # 6 outcomes due   7 their lead subgroups   8 their themes
    # 9 the person's own open actions, from reviews and from minutes alike
    with django_assert_num_queries(9):
        response = client.get(url("my_updates"))
    assert len(response.context["due"].outcomes) == n - 3


@pytest.mark.parametrize("n", [2, 30])
def test_list_page_queries_do_not_grow(client, bob, board, n, django_assert_num_queries):
    for i in range(n):
        WorkplanFactory(board=board, title=f"Plan {i}")
    client.force_login(bob)
    # 1-4 session, user, board, memberships   5 workplans with outcome counts and approvers
    with django_assert_num_queries(5):
        response = client.get(url("list"))
    assert len(response.context["workplans"]) == n


@pytest.mark.parametrize("n", [5, 500])
def test_export_queries_do_not_grow(client, bob, workplan, grow, n, django_assert_num_queries):
    grow(n)
    client.force_login(bob)
    # 1-4 session, user, board, memberships   5 workplan
    # 6 outcomes   7 lead subgroups   8 named leads   9 themes
    with django_assert_num_queries(9):
        client.get(url("export", workplan.pk) + "?format=csv")
