"""Query counts of the authoring pages stay the same however much the board holds.

Every page starts with the same four queries:
  1. the session, 2. the signed-in user,
  3. the board by slug, 4. the user's current memberships of it (board_access).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from boards.models import Access
from tests.factories import PersonFactory, SubgroupFactory, member
from tests.workplans.factories import WorkplanFactory, make_outcomes


def url(name, *args):
    return reverse(f"workplans:{name}", args=["northtown", *args])


@pytest.fixture
def grown(board, subgroup, other_subgroup, theme):
    """A 2008/09 plan of n outcomes, each led by two subgroups with a theme and a lead."""

    def _grow(n):
        plan = WorkplanFactory(
            board=board,
            title="Workplan 2008/09",
            start=dt.date(2008, 4, 1),
            end=dt.date(2009, 3, 31),
        )
        lead = PersonFactory()
        make_outcomes(plan, n, subgroups=[subgroup, other_subgroup], themes=[theme], leads=[lead])
        return plan

    return _grow


@pytest.mark.parametrize("n", [2, 30])
def test_start_page(client, alice, board, n, django_assert_num_queries):
    for year in range(1990, 1990 + n):
        WorkplanFactory(board=board, start=dt.date(year, 4, 1), end=dt.date(year + 1, 3, 31))
    client.force_login(alice)
    # 1-4 session, user, board, memberships   5 the periods of the board's plans
    with django_assert_num_queries(5):
        response = client.get(url("start"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 500])
def test_carry_forward_page(client, alice, grown, n, django_assert_num_queries):
    grown(n)
    client.force_login(alice)
    client.post(url("start"), {"year": "2009", "title": "", "way": "carry"})
    # 1-4 session, user, board, memberships   5 the plan before 2009/10
    # 6 its open outcomes   7 their lead subgroups   8 their themes
    with django_assert_num_queries(8):
        response = client.get(url("start_carry"))
    assert len(response.context["candidates"]) == n


@pytest.mark.parametrize("n", [5, 500])
def test_check_page(client, alice, grown, n, django_assert_num_queries):
    plan = grown(n)
    client.force_login(alice)
    client.post(url("start"), {"year": "2009", "title": "", "way": "carry"})
    ids = list(plan.outcomes.values_list("pk", flat=True))
    client.post(url("start_carry"), {"outcomes": ids})
    # 1-4 session, user, board, memberships   5 the chosen outcomes with their plans
    with django_assert_num_queries(5):
        response = client.get(url("start_check"))
    assert len(response.context["chosen"]) == n


@pytest.mark.parametrize("n", [3, 60])
def test_add_outcome_page(client, alice, board, workplan, theme, n, django_assert_num_queries):
    for i in range(n):
        SubgroupFactory(board=board, name=f"Subgroup {i}")
        member(board, f"person{i}")
    client.force_login(alice)
    # 1-4 session, user, board, memberships   5 the workplan
    # 6 the board's active subgroups   7 its current members   8 the themes
    with django_assert_num_queries(8):
        response = client.get(url("outcome_add", workplan.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 500])
def test_retire_page(client, alice, grown, n, django_assert_num_queries):
    outcome = grown(n).outcomes.first()
    client.force_login(alice)
    # 1-4 session, user, board, memberships   5 the outcome with its plan
    with django_assert_num_queries(5):
        response = client.get(url("outcome_retire", outcome.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 500])
def test_retire_page_for_a_subgroup_officer(
    client, board, subgroup, grown, n, django_assert_num_queries
):
    outcome = grown(n).outcomes.first()
    client.force_login(member(board, "sam", Access.OFFICER, subgroup=subgroup))
    # as for an officer, plus 6: the outcome's lead subgroups (is one of them sam's?)
    with django_assert_num_queries(6):
        response = client.get(url("outcome_retire", outcome.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 500])
def test_approve_page(client, carol, grown, n, django_assert_num_queries):
    plan = grown(n)
    client.force_login(carol)
    # 1-4 session, user, board, memberships   5 the workplan
    # 6 the counts of its outcomes and of those without leads or dates
    with django_assert_num_queries(6):
        response = client.get(url("approve", plan.pk))
    assert response.context["summary"].outcomes == n


@pytest.mark.parametrize("n", [5, 500])
def test_workplan_page_for_a_subgroup_officer(
    client, board, subgroup, grown, n, django_assert_num_queries
):
    plan = grown(n)
    client.force_login(member(board, "sam", Access.OFFICER, subgroup=subgroup))
    # 1-4 session, user, board, memberships
    # 5 the workplan   6 its priorities
    # 7 outcomes   8 their lead subgroups   9 their themes
    # 10 which of them name sam as a lead
    # 11 filter choices: lead subgroups   12 named leads   13 themes
    # 14 the outcomes in plan order to arrange   15 their lead subgroups (which are sam's)
    with django_assert_num_queries(15):
        response = client.get(url("detail", plan.pk))
    assert len(response.context["arrangement"].live) == n


def test_the_empty_add_outcome_form_comes_from_the_cache_until_its_choices_change(
    client, alice, board, workplan, theme, django_assert_num_queries
):
    from tests.factories import ThemeFactory

    client.force_login(alice)
    client.get(url("outcome_add", workplan.pk))
    # 1-4 session, user, board, memberships   5 the workplan: no form is built.
    with django_assert_num_queries(5):
        response = client.get(url("outcome_add", workplan.pk))
    assert "Private fostering" not in response.content.decode()
    SubgroupFactory(board=board, name="Missing children subgroup")
    member(board, "newcomer")
    ThemeFactory(name="Private fostering")
    after = client.get(url("outcome_add", workplan.pk)).content.decode()
    for name in ("Missing children subgroup", "newcomer", "Private fostering"):
        assert name in after
