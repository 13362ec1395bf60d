"""Selectors the reporting app and the board page rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from boards.access import board_access
from boards.models import Access
from lscb.charts import rag_bar_chart
from lscb.vocab import RAG, Quarter
from tests.factories import member
from tests.workplans.factories import WorkplanFactory, make_outcomes
from workplans import selectors, services
from workplans.models import Workplan
from workplans.panels import workplan_panel

D = dt.date
Q3 = Quarter.parse("2008Q3")


def record(outcome, by, rag, date, narrative="n"):
    return services.outcome_record_progress(
        outcome=outcome, by=by, rag=rag, narrative=narrative, date=date
    )


class TestReportAppendix:
    def test_status_as_at_the_quarter_end_ignores_later_updates(
        self, board, alice, outcome_2008, subgroup
    ):
        outcome_2008.who = "Training Group"
        outcome_2008.save()
        record(outcome_2008, alice, RAG.ON_TRACK, D(2008, 9, 1), "Q2 words")
        record(outcome_2008, alice, RAG.AT_RISK, D(2008, 12, 20), "Q3 words")
        record(outcome_2008, alice, RAG.COMPLETE, D(2009, 1, 10), "Q4 words")
        workplan, rows = selectors.report_appendix(board, Q3)
        assert workplan == outcome_2008.workplan
        (row,) = rows
        assert (row.rag, row.narrative, row.update_date) == (
            RAG.AT_RISK,
            "Q3 words",
            D(2008, 12, 20),
        )
        assert row.rag_label == "At risk"
        assert row.who == "Training Group" and row.lead_subgroups == ("Training",)
        _, (q2_row,) = selectors.report_appendix(board, Quarter.parse("2008Q2"))
        assert (q2_row.rag, q2_row.narrative) == (RAG.ON_TRACK, "Q2 words")
        _, (q1_row,) = selectors.report_appendix(board, Quarter.parse("2008Q1"))
        assert (q1_row.rag, q1_row.rag_label, q1_row.update_date) == ("", "No update", None)

    def test_back_dated_update_counts_on_its_own_date(self, board, alice, outcome_2008):
        record(outcome_2008, alice, RAG.ON_TRACK, D(2008, 12, 1))
        record(outcome_2008, alice, RAG.AT_RISK, D(2008, 8, 1))  # recorded later, dated earlier
        _, (row,) = selectors.report_appendix(board, Q3)
        assert row.rag == RAG.ON_TRACK

    def test_picks_the_workplan_covering_the_quarter_end_else_the_latest_before(self, board):
        old = WorkplanFactory(board=board, start=D(2007, 4, 1), end=D(2008, 3, 31))
        current = WorkplanFactory(board=board, start=D(2008, 4, 1), end=D(2009, 3, 31))
        assert selectors.report_appendix(board, Q3)[0] == current
        assert selectors.report_appendix(board, Quarter.parse("2007Q4"))[0] == old
        assert selectors.report_appendix(board, Quarter.parse("2010Q1"))[0] == current
        assert selectors.report_appendix(board, Quarter.parse("2006Q1")) == (None, [])

    def test_approved_plan_wins_over_a_draft_for_the_same_period(self, board, carol):
        approved = WorkplanFactory(board=board, start=D(2008, 4, 1), end=D(2009, 3, 31))
        services.workplan_approve(workplan=approved, by=carol)
        WorkplanFactory(board=board, start=D(2008, 6, 1), end=D(2009, 3, 31))
        assert selectors.report_appendix(board, Q3)[0] == approved

    def test_other_boards_plans_are_never_used(self, board, other_board):
        WorkplanFactory(board=other_board, start=D(2008, 4, 1), end=D(2009, 3, 31))
        assert selectors.report_appendix(board, Q3) == (None, [])

    @pytest.mark.parametrize("n", [3, 60])
    def test_fixed_number_of_queries(
        self, board, alice, workplan_2008, subgroup, n, django_assert_num_queries
    ):
        for o in make_outcomes(workplan_2008, n, subgroups=[subgroup]):
            record(o, alice, RAG.ON_TRACK, D(2008, 10, 1))
        # 1 the workplan   2 outcomes with their as-at-quarter-end status   3 lead subgroups
        # 4 their impact ratings, for the flag (one more since impact is rated apart)
        with django_assert_num_queries(4):
            _, rows = selectors.report_appendix(board, Q3)
        assert len(rows) == n


class TestRagCounts:
    def test_counts_per_subgroup_now_and_as_at_a_date(
        self, alice, workplan_2008, subgroup, other_subgroup
    ):
        a, b, c = make_outcomes(workplan_2008, 3)
        a.lead_subgroups.add(subgroup, other_subgroup)
        b.lead_subgroups.add(subgroup)
        record(a, alice, RAG.ON_TRACK, D(2008, 9, 1))
        record(a, alice, RAG.AT_RISK, D(2008, 12, 1))
        record(b, alice, RAG.COMPLETE, D(2008, 10, 1))
        assert selectors.rag_counts_by_subgroup(workplan_2008) == [
            ("Quality and Performance", {"at_risk": 1}),
            ("Training", {"at_risk": 1, "complete": 1}),
            ("No lead subgroup", {"not_started": 1}),
        ]
        assert selectors.rag_counts_by_subgroup(workplan_2008, as_of=D(2008, 9, 30)) == [
            ("Quality and Performance", {"on_track": 1}),
            ("Training", {"on_track": 1, "not_started": 1}),
            ("No lead subgroup", {"not_started": 1}),
        ]

    def test_counts_from_the_tables_outcomes_equal_the_databases(
        self, alice, workplan_2008, subgroup, other_subgroup, django_assert_num_queries
    ):
        a, b, c, d = make_outcomes(workplan_2008, 4)
        a.lead_subgroups.add(subgroup, other_subgroup)
        b.lead_subgroups.add(subgroup)
        d.lead_subgroups.add(other_subgroup)
        record(a, alice, RAG.AT_RISK, D(2008, 12, 1))
        record(b, alice, RAG.COMPLETE, D(2008, 10, 1))
        record(c, alice, RAG.OFF_TRACK, D(2008, 11, 1))
        outcomes = selectors.with_links(
            workplan_2008, list(selectors.outcomes_for_table(workplan_2008))
        )
        with django_assert_num_queries(0):
            from_table = selectors.rag_counts_of(outcomes)
        assert from_table == selectors.rag_counts_by_subgroup(workplan_2008)
        assert from_table[-1] == ("No lead subgroup", {"off_track": 1})

    def test_feeds_the_shared_chart(self, alice, workplan_2008, subgroup):
        (o,) = make_outcomes(workplan_2008, 1, subgroups=[subgroup])
        record(o, alice, RAG.AT_RISK, D(2008, 12, 1))
        svg = rag_bar_chart(selectors.rag_counts_by_subgroup(workplan_2008), title="T")
        assert "Training: 1 at risk" in svg

    @pytest.mark.parametrize("n", [3, 60])
    def test_one_query(self, workplan_2008, subgroup, n, django_assert_num_queries):
        make_outcomes(workplan_2008, n, subgroups=[subgroup])
        with django_assert_num_queries(1):
            selectors.rag_counts_by_subgroup(workplan_2008, as_of=D(2008, 12, 31))


class TestMyUpdatesDue:
    def test_board_officer_answers_for_every_outcome_not_updated_this_quarter(
        self, board, alice, workplan
    ):
        fresh, stale, never, done = make_outcomes(workplan, 4)
        today = dt.date.today()
        quarter_start = Quarter.containing(today).start
        record(fresh, alice, RAG.ON_TRACK, today)
        if quarter_start > workplan.start:
            record(stale, alice, RAG.ON_TRACK, quarter_start - dt.timedelta(days=1))
        record(done, alice, RAG.COMPLETE, today)
        _, quarter, due = selectors.my_outcomes_due(alice, board, board_access(alice, board))
        assert quarter == Quarter.containing(today)
        assert due == [stale, never]

    def test_member_answers_for_named_and_subgroup_outcomes_only(
        self, board, workplan, subgroup, other_subgroup
    ):
        sally = member(board, "sally", Access.OFFICER, subgroup=subgroup)
        mine_by_group, mine_by_name, not_mine = make_outcomes(workplan, 3)
        mine_by_group.lead_subgroups.add(subgroup)
        not_mine.lead_subgroups.add(other_subgroup)
        mine_by_name.leads.add(sally.person)
        _, _, due = selectors.my_outcomes_due(sally, board, board_access(sally, board))
        assert due == [mine_by_group, mine_by_name]

    def test_plain_member_has_nothing_due(self, board, bob, workplan):
        make_outcomes(workplan, 2)
        assert selectors.my_outcomes_due(bob, board, board_access(bob, board))[2] == []

    def test_demo_style_past_workplan_everything_not_complete_is_due(
        self, board, alice, workplan_2008
    ):
        a, b = make_outcomes(workplan_2008, 2)
        record(a, alice, RAG.ON_TRACK, D(2008, 12, 1))
        record(b, alice, RAG.COMPLETE, D(2008, 12, 1))
        workplan, _, due = selectors.my_outcomes_due(alice, board, board_access(alice, board))
        assert workplan == workplan_2008 and due == [a]

    def test_my_updates_page_lists_them(self, client, board, alice, workplan):
        (o,) = make_outcomes(workplan, 1)
        client.force_login(alice)
        body = client.get(reverse("workplans:my_updates", args=["northtown"])).content.decode()
        assert o.title in body
        assert reverse("workplans:record_progress", args=["northtown", o.pk]) in body


class TestDashboardPanel:
    def test_panel_shows_the_current_workplan_chart_and_not_updated_count(
        self, board, alice, workplan, subgroup
    ):
        a, b, c = make_outcomes(workplan, 3, subgroups=[subgroup])
        record(a, alice, RAG.ON_TRACK, dt.date.today())
        template, context = workplan_panel(board, board_access(alice, board))
        assert template == "workplans/includes/dashboard_panel.html"
        assert context["workplan"] == workplan
        assert (context["total"], context["not_updated"]) == (3, 2)
        assert "<svg" in context["chart"]

    def test_no_workplan_no_panel(self, board, alice):
        assert workplan_panel(board, board_access(alice, board)) is None

    def test_board_page_shows_the_panel_linking_to_the_workplan(self, client, board, bob, workplan):
        make_outcomes(workplan, 2)
        client.force_login(bob)
        body = client.get(reverse("boards:detail", args=["northtown"])).content.decode()
        assert "workplan-panel-title" in body
        assert reverse("workplans:detail", args=["northtown", workplan.pk]) in body


def test_current_workplan_prefers_the_one_covering_today(board):
    WorkplanFactory(board=board, start=D(2008, 4, 1), end=D(2009, 3, 31))
    now = WorkplanFactory(board=board)
    assert selectors.current_workplan(board) == now
    assert selectors.current_workplan(board, D(2010, 1, 1)).start == D(2008, 4, 1)
    assert Workplan.objects.count() == 2


def test_current_workplan_prefers_approved_then_latest_covering_else_latest_earlier(board):
    approved = Workplan.Status.APPROVED
    old_approved = WorkplanFactory(
        board=board, start=D(2008, 4, 1), end=D(2009, 3, 31), status=approved
    )
    old_draft = WorkplanFactory(board=board, start=D(2008, 6, 1), end=D(2009, 3, 31))
    # Covering the day, an approved plan wins over a later draft.
    assert selectors.current_workplan(board, D(2008, 12, 1)) == old_approved
    # Before any plan has started there is none.
    assert selectors.current_workplan(board, D(2008, 3, 1)) is None
    # Two drafts covering the day: the later start wins.
    new_draft = WorkplanFactory(board=board, start=D(2010, 4, 1), end=D(2011, 3, 31))
    newer_draft = WorkplanFactory(board=board, start=D(2010, 5, 1), end=D(2011, 3, 31))
    assert selectors.current_workplan(board, D(2010, 12, 1)) == newer_draft
    # None covering: the latest started, approved or not.
    assert selectors.current_workplan(board, D(2009, 12, 1)) == old_draft
    assert selectors.current_workplan(board, D(2012, 1, 1)) == newer_draft
    assert new_draft.status != approved


def test_timeline_marks_rag_changes_in_date_order(alice, outcome_2008):
    record(outcome_2008, alice, RAG.AT_RISK, D(2008, 12, 1))
    record(outcome_2008, alice, RAG.ON_TRACK, D(2008, 9, 1))
    newest, oldest = selectors.outcome_timeline(outcome_2008)
    assert (newest.update.rag, newest.previous_rag) == (RAG.AT_RISK, RAG.ON_TRACK)
    assert oldest.previous_rag == ""
