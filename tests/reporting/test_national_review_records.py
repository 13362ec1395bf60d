"""Practice review records in the shape of the national serious incident notification
statistics: nature, dates, statutory clocks met or missed, and nothing that identifies a child."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reporting.national import Period
from reporting.national_reviews import COUNT_HEADERS, RECORD_HEADERS, review_records
from reviews.models import ReviewKind
from tests.reporting.test_national_exports import read_csv, read_xlsx
from tests.reviews.factories import ReviewFactory

D = dt.date
IDENTIFYING = ["Child B", "Baby Rose", "Serious case review: Child B", "born 3 May"]


@pytest.fixture
def notifications(board, other_board):
    """Three notifications in 2008/09 and four reviews that are not in its export."""
    scr = ReviewFactory(
        board=board,
        kind=ReviewKind.SERIOUS_CASE_REVIEW,
        title="Serious case review: Child B",
        subject_reference="Child B",
        summary="Baby Rose, born 3 May, was hurt at home.",
        criteria_met=["wt2006-serious-harm"],
        incident_known_date=D(2008, 6, 2),
        notification_date=D(2008, 6, 5),  # due 9 June: met
        start_date=D(2008, 7, 1),
        published_date=D(2009, 1, 15),  # due 1 January: missed
    )
    cspr = ReviewFactory(
        board=board,
        kind=ReviewKind.PRACTICE_REVIEW,
        title="Practice review: Child E",
        subject_reference="Child E",
        criteria_met=["wt2018-known-suspected", "wt2018-died"],
        incident_known_date=D(2008, 10, 6),
        notification_date=D(2008, 10, 20),  # due 13 October: missed
        decision_date=D(2008, 11, 3),  # due 10 November: met
        start_date=D(2008, 11, 20),  # never published: missed
    )
    rapid = ReviewFactory(
        board=board,
        kind=ReviewKind.RAPID_REVIEW,
        title="Rapid review: Child F",
        criteria_met=["wt2018-known-suspected"],
        notification_date=D(2009, 2, 4),  # no date the incident was known
        start_date=D(2009, 2, 4),
    )
    ReviewFactory(board=board, kind=ReviewKind.SERIOUS_CASE_REVIEW, notification_date=D(2008, 3, 3))
    ReviewFactory(board=board, kind=ReviewKind.JTAI, start_date=D(2008, 10, 6))
    ReviewFactory(board=board, kind=ReviewKind.NEAR_MISS, start_date=D(2008, 10, 6))
    ReviewFactory(board=other_board, kind=ReviewKind.RAPID_REVIEW, notification_date=D(2008, 9, 1))
    return scr, cspr, rapid


def expected_records(scr, cspr, rapid):
    return [
        [scr.pk, "Serious case review", "Serious harm", "2008Q1", D(2008, 6, 2), D(2008, 6, 5),
         D(2008, 6, 9), "Met", None, None, "Does not apply", D(2008, 7, 1), D(2009, 1, 1),
         D(2009, 1, 15), "Missed"],
        [cspr.pk, "Child safeguarding practice review", "Child death", "2008Q3", D(2008, 10, 6),
         D(2008, 10, 20), D(2008, 10, 13), "Missed", D(2008, 11, 10), D(2008, 11, 3), "Met",
         D(2008, 11, 20), D(2009, 5, 20), None, "Missed"],
        [rapid.pk, "Rapid review", "Other", "2008Q4", None, D(2009, 2, 4), None, "Not recorded",
         D(2009, 2, 25), None, "Missed", None, None, None, "Does not apply"],
    ]  # fmt: skip


def _as_text(row):
    return ["" if v is None else str(v) for v in row]


def _from_xlsx(row):
    return [v.date() if isinstance(v, dt.datetime) else v for v in row]


def test_review_records_exports_match_the_reviews(client, notifications, bob):
    expected = expected_records(*notifications)
    client.force_login(bob)
    args = [notifications[0].board.slug, "2008-09"]

    rows = read_csv(client.get(reverse("reporting:review_records_csv", args=args)))
    assert rows == [list(RECORD_HEADERS)] + [_as_text(r) for r in expected]

    response = client.get(reverse("reporting:review_records_xlsx", args=args))
    rows = read_xlsx(response, "Notifications")
    assert tuple(rows[0]) == RECORD_HEADERS
    assert [_from_xlsx(r) for r in rows[1:]] == expected


def test_the_counts_sheet_counts_notifications_by_quarter_and_nature_noughts_included(
    client, notifications, bob
):
    client.force_login(bob)
    url = reverse("reporting:review_records_xlsx", args=[notifications[0].board.slug, "2008-09"])
    rows = read_xlsx(client.get(url), "Counts")
    assert tuple(rows[0]) == COUNT_HEADERS
    assert len(rows) - 1 == 4 * 3
    assert {(q, n): c for q, n, c in rows[1:] if c} == {
        ("2008Q1", "Serious harm"): 1,
        ("2008Q3", "Child death"): 1,
        ("2008Q4", "Other"): 1,
    }


def test_a_quarters_export_holds_only_that_quarters_notifications(client, notifications, bob):
    client.force_login(bob)
    url = reverse("reporting:review_records_csv", args=[notifications[0].board.slug, "2008Q3"])
    rows = read_csv(client.get(url))
    assert [r[0] for r in rows[1:]] == [str(notifications[1].pk)]


def test_nothing_that_could_identify_a_child_is_exported(client, notifications, bob):
    client.force_login(bob)
    slug = notifications[0].board.slug
    csv_text = client.get(reverse("reporting:review_records_csv", args=[slug, "2008-09"]))
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("reporting:review_records_xlsx", args=[slug, "2008-09"])).content
        )
    )
    cells = " ".join(
        str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row
    )
    for text in IDENTIFYING + ["Child E", "Child F"]:
        assert text not in csv_text.content.decode(), text
        assert text not in cells, text


def test_a_clock_still_running_on_the_day_of_the_export_is_not_yet_due(notifications):
    rapid = notifications[2]
    [record] = review_records(rapid.board, Period.parse("2008Q4"), today=D(2009, 2, 20))
    assert record.cells()[8:11] == (D(2009, 2, 25), None, "Not yet due")


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("name", ["reporting:review_records_csv", "reporting:review_records_xlsx"])
def test_review_record_downloads_run_the_same_queries_however_many_reviews(
    client, board, bob, count, name
):
    for n in range(count):
        ReviewFactory(
            board=board,
            kind=ReviewKind.PRACTICE_REVIEW,
            notification_date=D(2008, 4, 1) + dt.timedelta(days=10 * n),
            incident_known_date=D(2008, 4, 1) + dt.timedelta(days=10 * n),
        )
    client.force_login(bob)
    # session, user, board, memberships (access), the period's reviews
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name, args=[board.slug, "2008-09"]))
    assert response.status_code == 200
    assert len(ctx.captured_queries) == 5, [q["sql"] for q in ctx.captured_queries]
