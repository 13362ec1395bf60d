"""Thematic counts, the dashboard summary and the selectors the quarterly report calls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lscb.vocab import Quarter
from reviews.selectors.dashboard import DASHBOARD_ACTION_LIMIT, dashboard_summary
from reviews.selectors.report import open_actions_for_report, review_activity
from reviews.selectors.themes import theme_items, theme_matrix
from reviews.services.sign_off import review_sign_off
from tests.factories import PersonFactory, ThemeFactory
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)

TODAY = dt.date(2009, 3, 1)


@pytest.fixture
def neglect(db):
    return ThemeFactory(slug="neglect", name="Neglect")


def _row(matrix, theme):
    return next(r for r in matrix.rows if r.theme == theme)


def test_open_overdue_and_repeated_counts_per_theme_and_source(board, other_board, neglect):
    scr = ReviewFactory(board=board, kind="scr")
    jtai = ReviewFactory(board=board, kind="jtai")
    peer = ReviewFactory(board=board, kind="peer_review")
    # Open and overdue case review recommendation.
    late = RecommendationFactory(review=scr, themes=[neglect])
    ActionFactory(recommendation=late, timescale=dt.date(2009, 1, 1))
    # Open, not overdue.
    ActionFactory(
        recommendation=RecommendationFactory(review=scr, themes=[neglect]),
        timescale=dt.date(2009, 6, 1),
    )
    # Complete: neither open nor overdue, but it still counts towards "raised by".
    done = RecommendationFactory(review=jtai, themes=[neglect])
    ActionFactory(recommendation=done, current_rag="complete", timescale=dt.date(2008, 1, 1))
    # An inspection concern and a strength: only the concern counts.
    FindingFactory(review=jtai, kind="judgement", judgement="inadequate", themes=[neglect])
    FindingFactory(review=peer, kind="strength", themes=[neglect])
    # Another board's items never count.
    RecommendationFactory(review=ReviewFactory(board=other_board, kind="scr"), themes=[neglect])

    row = _row(theme_matrix(board, TODAY), neglect)
    assert (row.cells["case_reviews"].open, row.cells["case_reviews"].overdue) == (2, 1)
    assert (row.cells["inspections"].open, row.cells["inspections"].overdue) == (0, 0)
    assert row.cells["findings"].open == 1 and row.cells["findings"].overdue is None
    assert row.raised_by == 2 and row.is_hotspot  # scr and jtai; the strength does not count


def test_a_recommendation_with_no_actions_is_open_until_its_review_closes(board, neglect):
    open_review = ReviewFactory(board=board, kind="near_miss")
    closed = ReviewFactory(board=board, kind="near_miss", status="closed")
    RecommendationFactory(review=open_review, themes=[neglect])
    RecommendationFactory(review=closed, themes=[neglect])
    assert _row(theme_matrix(board, TODAY), neglect).cells["case_reviews"].open == 1


def test_workplan_outcomes_are_counted_through_theme_outcomes(board, neglect):
    from tests.workplans.factories import OutcomeFactory, WorkplanFactory

    workplan = WorkplanFactory(board=board)
    open_late = OutcomeFactory(workplan=workplan, due_date=dt.date(2009, 1, 31))
    open_later = OutcomeFactory(workplan=workplan, due_date=dt.date(2009, 6, 30))
    finished = OutcomeFactory(workplan=workplan, due_date=dt.date(2009, 1, 31))
    type(finished).objects.filter(pk=finished.pk).update(current_rag="complete")
    for outcome in (open_late, open_later, finished):
        outcome.themes.add(neglect)
    cell = _row(theme_matrix(board, TODAY), neglect).cells["outcomes"]
    assert (cell.open, cell.overdue) == (2, 1)
    items = theme_items(board, neglect, source="outcomes", state="overdue", today=TODAY)
    assert items.outcomes == [open_late]


def test_every_number_on_the_themes_page_links_to_its_items(client, bob, board, neglect):
    scr = ReviewFactory(board=board, kind="scr", title="The late review")
    rec = RecommendationFactory(review=scr, themes=[neglect], text="Train staff in neglect.")
    ActionFactory(recommendation=rec, timescale=dt.date(2009, 1, 1))
    jtai = ReviewFactory(board=board, kind="jtai", title="The inspection")
    FindingFactory(review=jtai, themes=[neglect], summary="Neglect not spotted early.")
    client.force_login(bob)
    page = client.get(reverse("reviews:themes", args=[board.slug])).content.decode()
    base = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    assert f"{base}?source=case_reviews&amp;state=overdue" in page
    assert f"{base}?state=repeated" in page
    assert "raised by 2 reviews and inspections" in page
    overdue = client.get(f"{base}?source=case_reviews&state=overdue").content.decode()
    assert "Train staff in neglect." in overdue
    repeated = client.get(f"{base}?state=repeated").content.decode()
    assert "The late review" in repeated and "The inspection" in repeated
    assert "Neglect not spotted early." in repeated
    assert client.get(f"{base}?source=nonsense&state=open").status_code == 404


def test_dashboard_summary_lists_due_soon_clocks_and_overdue_actions(board):
    # Notified 1 April 2009: due 24 April; on 21 April three working days are left (amber).
    ReviewFactory(board=board, kind="rapid_review", notification_date=dt.date(2009, 4, 1))
    ReviewFactory(
        board=board, kind="rapid_review", notification_date=dt.date(2009, 4, 1), status="closed"
    )
    ActionFactory(recommendation__review__board=board, timescale=dt.date(2009, 4, 1))
    ActionFactory(
        recommendation__review__board=board, timescale=dt.date(2009, 4, 1), current_rag="complete"
    )
    summary = dashboard_summary(board, dt.date(2009, 4, 21))
    assert [a.clock.state for a in summary.clock_alerts] == ["due_soon"]
    assert summary.overdue_action_total == 1


def test_dashboard_summary_lists_the_earliest_overdue_actions_and_counts_them_all(board):
    review = ReviewFactory(board=board)
    for day in range(DASHBOARD_ACTION_LIMIT + 3, 0, -1):  # newest first, to test the order
        ActionFactory(recommendation__review=review, timescale=dt.date(2009, 3, day))
    ActionFactory(recommendation__review=review, timescale=dt.date(2009, 5, 1))  # not yet due

    summary = dashboard_summary(board, dt.date(2009, 4, 21))

    assert len(summary.overdue_actions) == DASHBOARD_ACTION_LIMIT
    assert summary.overdue_action_total == DASHBOARD_ACTION_LIMIT + 3
    shown = [a.timescale_label for a in summary.overdue_actions]
    assert shown[0] == "1 March 2009" and shown[-1] == f"{DASHBOARD_ACTION_LIMIT} March 2009"


def test_dashboard_summary_is_nothing_for_a_board_without_reviews(board):
    assert dashboard_summary(board, TODAY) is None


@pytest.fixture
def report_data(board, alice):
    review = ReviewFactory(
        board=board,
        kind="single_agency_inspection",
        title="Adoption inspection",
        start_date=dt.date(2008, 10, 6),
        report_date=dt.date(2008, 11, 14),
    )
    rec = RecommendationFactory(review=review, number=2, kind="recommendation")
    on_track = ActionFactory(recommendation=rec, what="Advertise", timescale=dt.date(2008, 12, 1))
    ActionProgressFactory(action=on_track, date=dt.date(2008, 12, 10), rag="on_track")
    # Completed in February: open as of 31 December, closed as of 31 March.
    finished = ActionFactory(recommendation=rec, what="File records", timescale=dt.date(2009, 3, 1))
    ActionProgressFactory(action=finished, date=dt.date(2008, 12, 1), rag="at_risk")
    ActionProgressFactory(action=finished, date=dt.date(2009, 2, 10), rag="complete")
    finished.current_rag = "complete"
    finished.save()
    # A review that starts later is not in earlier reports.
    later = ReviewFactory(board=board, start_date=dt.date(2009, 2, 1), title="Later review")
    ActionFactory(recommendation=RecommendationFactory(review=later), what="Later action")
    return review


def test_open_actions_for_report_as_of_a_date(board, report_data):
    rows = open_actions_for_report(board, dt.date(2008, 12, 31))
    assert [r.action_text for r in rows] == ["Advertise", "File records"]
    advertise, records = rows
    assert advertise.review_title == "Adoption inspection"
    assert advertise.review_kind_label == "Single-agency inspection"
    assert (advertise.recommendation_number, advertise.recommendation_kind) == (2, "recommendation")
    assert (advertise.rag, advertise.overdue) == ("on_track", True)
    assert (records.rag, records.overdue) == ("at_risk", False)
    assert [c.code for c in advertise.clocks] == ["action_statement"]
    assert advertise.clocks[0].state == "on_time"

    march = open_actions_for_report(board, dt.date(2009, 3, 31))
    assert [r.action_text for r in march] == ["Advertise", "Later action"]


def test_open_actions_for_report_runs_two_queries_however_many_actions(board, report_data):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            open_actions_for_report(board, dt.date(2009, 3, 31))
        return len(ctx.captured_queries)

    small = count()
    for _ in range(20):
        action = ActionFactory(recommendation__review=report_data)
        action.responsible_people.add(*PersonFactory.create_batch(2))
    assert count() == small == 2


def test_review_activity_lists_reviews_active_in_the_quarter(board, report_data, carol):
    review_sign_off(review=report_data, by=carol)
    ReviewFactory(
        board=board,
        title="Closed long ago",
        start_date=dt.date(2007, 1, 1),
        status="closed",
        closed_date=dt.date(2008, 3, 1),
    )
    q3 = review_activity(board, Quarter.parse("2008Q3"))
    assert [a.title for a in q3] == ["Adoption inspection"]
    activity = q3[0]
    assert (dt.date(2008, 10, 6), "started") in activity.events
    assert (dt.date(2008, 11, 14), "inspection report received") in activity.events
    assert activity.open_actions == 2 and activity.recommendation_count == 1
    q4 = review_activity(board, Quarter.parse("2008Q4"))
    assert [a.title for a in q4] == ["Adoption inspection", "Later review"]
    assert q4[0].actions_completed_in_quarter == 1 and q4[0].open_actions == 1


def test_review_activity_shows_a_review_closed_later_as_open_at_the_quarters_end(board):
    planned = ReviewFactory(
        board=board,
        title="Planned then closed",
        start_date=dt.date(2008, 10, 6),
        status="closed",
        closed_date=dt.date(2009, 6, 15),
    )
    RecommendationFactory(review=planned)
    ReviewFactory(
        board=board,
        title="Under way then closed",
        start_date=dt.date(2008, 10, 6),
        status="closed",
        closed_date=dt.date(2009, 1, 20),
    )
    q3 = {a.title: a for a in review_activity(board, Quarter.parse("2008Q3"))}
    assert q3["Planned then closed"].status == "action_plan"
    assert q3["Planned then closed"].status_label == "Report received: action plan in progress"
    assert q3["Under way then closed"].status == "in_progress"
    q4 = {a.title: a for a in review_activity(board, Quarter.parse("2008Q4"))}
    assert q4["Under way then closed"].status_label == "Closed"
    assert (dt.date(2009, 1, 20), "closed") in q4["Under way then closed"].events
