"""Outcomes amber or red on impact for more than two quarters running are flagged, and the
edge cases of "running" are settled here (see workplans.impact for the rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from lscb.vocab import RAG, Impact, Quarter
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans.impact import FLAGGED_RUN, concern_run, impact_flags, plan_impact_flags
from workplans.models import ProgressUpdate

D = dt.date
Q = Quarter.parse
FEB_2009 = D(2009, 2, 10)  # in 2008Q4


def rate(outcome, author, day: dt.date, impact: str, rag: str = RAG.ON_TRACK):
    return ProgressUpdate.objects.create(
        outcome=outcome,
        author=author,
        date=day,
        rag=rag,
        narrative="Delivery as planned",
        impact=impact,
        impact_narrative="What the audit found" if impact else "",
    )


class TestConcernRun:
    def test_three_quarters_amber_or_red_are_a_flagged_run(self):
        run = concern_run(
            {Q("2008Q2"): "amber", Q("2008Q3"): "red", Q("2008Q4"): "amber"}, FEB_2009
        )
        assert run == (Q("2008Q2"), Q("2008Q3"), Q("2008Q4")) and len(run) >= FLAGGED_RUN

    def test_two_quarters_are_not_more_than_two(self):
        assert len(concern_run({Q("2008Q3"): "red", Q("2008Q4"): "red"}, FEB_2009)) == 2

    def test_a_quarter_with_no_rating_breaks_the_run(self):
        ratings = {Q("2008Q1"): "red", Q("2008Q2"): "red", Q("2008Q4"): "red"}
        assert concern_run(ratings, FEB_2009) == (Q("2008Q4"),)

    def test_a_green_quarter_ends_it(self):
        ratings = {Q("2008Q1"): "red", Q("2008Q2"): "red", Q("2008Q3"): "red", Q("2008Q4"): "green"}
        assert concern_run(ratings, FEB_2009) == ()

    def test_this_quarter_not_yet_rated_keeps_last_quarters_run(self):
        ratings = {Q("2008Q1"): "red", Q("2008Q2"): "amber", Q("2008Q3"): "red"}
        assert len(concern_run(ratings, FEB_2009)) == 3  # 2008Q4 is not rated yet

    def test_a_run_that_ended_before_last_quarter_is_history(self):
        ratings = {Q("2008Q1"): "red", Q("2008Q2"): "amber", Q("2008Q3"): "red"}
        assert concern_run(ratings, D(2009, 5, 1)) == ()
        assert concern_run({}, FEB_2009) == ()


@pytest.fixture
def plan(board):
    return WorkplanFactory(board=board, start=D(2008, 4, 1), end=D(2009, 3, 31))


class TestImpactFlags:
    def test_the_latest_rating_in_each_quarter_counts(self, plan, alice):
        outcome = OutcomeFactory(workplan=plan)
        rate(outcome, alice, D(2008, 7, 5), Impact.RED)
        rate(outcome, alice, D(2008, 10, 5), Impact.RED)
        rate(outcome, alice, D(2009, 1, 5), Impact.AMBER)
        assert outcome.pk in impact_flags([outcome], FEB_2009)
        # Later in 2008Q3 it was rated green: that quarter is green and the run is two.
        rate(outcome, alice, D(2008, 12, 20), Impact.GREEN)
        assert impact_flags([outcome], FEB_2009) == {}

    def test_a_flag_names_its_quarters_and_latest_rating(self, plan, alice):
        outcome = OutcomeFactory(workplan=plan, title="Neglect audit")
        for day in (D(2008, 5, 1), D(2008, 8, 1), D(2008, 11, 1), D(2009, 2, 1)):
            rate(outcome, alice, day, Impact.AMBER)
        flag = impact_flags([outcome], FEB_2009)[outcome.pk]
        assert flag.quarters == (Q("2008Q1"), Q("2008Q2"), Q("2008Q3"), Q("2008Q4"))
        assert (flag.since, flag.latest_label) == ("Q1 2008/09", "Some difference")

    def test_unrated_statements_and_ratings_after_the_day_do_not_count(self, plan, alice):
        outcome = OutcomeFactory(workplan=plan)
        rate(outcome, alice, D(2008, 8, 1), Impact.RED)
        rate(outcome, alice, D(2008, 11, 1), Impact.RED)
        rate(outcome, alice, D(2008, 12, 1), "")  # "too early to say" rates nothing
        assert impact_flags([outcome], D(2009, 1, 20)) == {}
        rate(outcome, alice, D(2009, 2, 1), Impact.RED)
        assert impact_flags([outcome], D(2009, 1, 20)) == {}  # not yet recorded then
        assert outcome.pk in impact_flags([outcome], FEB_2009)

    def test_retired_outcomes_are_not_flagged(self, plan, alice):
        outcome = OutcomeFactory(workplan=plan, retired_on=D(2009, 1, 30))
        for day in (D(2008, 8, 1), D(2008, 11, 1), D(2009, 1, 10)):
            rate(outcome, alice, day, Impact.RED)
        assert impact_flags([outcome], FEB_2009) == {}
        assert outcome.pk in impact_flags([outcome], D(2009, 1, 20))  # live then

    def test_a_run_continues_into_the_outcome_carried_forward(self, board, plan, alice):
        before = OutcomeFactory(workplan=plan)
        rate(before, alice, D(2008, 11, 1), Impact.RED)
        rate(before, alice, D(2009, 2, 1), Impact.AMBER)
        after = OutcomeFactory(
            workplan=WorkplanFactory(board=board, start=D(2009, 4, 1), end=D(2010, 3, 31)),
            carried_from=before,
        )
        rate(after, alice, D(2009, 5, 1), Impact.RED)
        flags = impact_flags([before, after], D(2009, 6, 1))
        assert list(flags) == [after.pk]  # the one carried forward stands for both
        assert flags[after.pk].since == "Q3 2008/09"

    def test_plan_flags_in_plan_order_in_two_queries(self, plan, alice, django_assert_num_queries):
        outcomes = [OutcomeFactory(workplan=plan, order=i) for i in (2, 1, 3)]
        for outcome in outcomes[:2]:
            for day in (D(2008, 8, 1), D(2008, 11, 1), D(2009, 2, 1)):
                rate(outcome, alice, day, Impact.RED)
        # the plan's outcomes; their impact ratings
        with django_assert_num_queries(2):
            flags = plan_impact_flags(plan, FEB_2009)
        assert [f.outcome.pk for f in flags] == [outcomes[1].pk, outcomes[0].pk]


def _flag_outcomes(plan, author, n: int, theme) -> None:
    """n outcomes on `theme`, each red on impact in the last three quarters to today."""
    today = dt.date.today()
    quarters = [Quarter.containing(today)]
    for _ in range(2):
        quarters.insert(0, quarters[0].previous())
    for _ in range(n):
        outcome = OutcomeFactory(workplan=plan)
        outcome.themes.add(theme)
        for quarter in quarters:
            day = min(quarter.end, today)
            if plan.start <= day <= plan.end:
                rate(outcome, author, day, Impact.RED)


@pytest.mark.parametrize("n", [2, 12])
def test_the_board_page_and_the_theme_list_show_flagged_outcomes_in_the_same_queries(
    client, board, alice, n
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.factories import ThemeFactory

    today = dt.date.today()
    start = Quarter.containing(today).previous().previous().start
    plan = WorkplanFactory(board=board, start=start, end=start.replace(year=start.year + 1))
    theme = ThemeFactory(slug="neglect")
    _flag_outcomes(plan, alice, n, theme)
    client.force_login(alice)
    board_page = client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    assert f"{n} outcomes flagged for impact" in board_page
    url = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    with CaptureQueriesContext(connection) as ctx:
        theme_page = client.get(url).content.decode()
    assert theme_page.count("amber or red on impact for 3 quarters running") == n
    # session, user, board, memberships, theme, the first outcomes with their workplans
    # (and how many there are), their impact ratings (one query at any size), the first
    # recommendations with their reviews, the first findings.
    assert len(ctx.captured_queries) == 9, [q["sql"][:60] for q in ctx.captured_queries]
