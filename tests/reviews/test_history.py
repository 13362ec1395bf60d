"""A review's change history: every event of the review and all it holds, dated, newest first."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lscb.models import AuditEvent
from lscb.vocab import RAG
from reviews.models import FindingKind, RecommendationKind
from reviews.services.action_plan import action_add, action_delete, recommendation_add
from reviews.services.progress import action_record_progress
from reviews.services.review_records import finding_add, review_create


def _inspection(board, by, recommendations: int):
    review = review_create(
        board=board, by=by, kind="ilacs", title="Inspection", start_date=dt.date(2008, 9, 1)
    )
    finding_add(review=review, by=by, area="Staying safe", kind=FindingKind.STRENGTH)
    for number in range(1, recommendations + 1):
        rec = recommendation_add(
            review=review,
            by=by,
            number=number,
            kind=RecommendationKind.RECOMMENDATION,
            text=f"Do thing {number}",
        )
        action = action_add(recommendation=rec, by=by, what=f"Step {number}")
        action_record_progress(
            action=action, by=by, date=dt.date(2008, 10, 1), rag=RAG.ON_TRACK, narrative="Begun"
        )
    return review


def _rows(page: str) -> list[list[str]]:
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>|\s+", " ", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_history_lists_every_event_with_its_date_and_time_newest_first(client, board, alice):
    review = _inspection(board, alice, recommendations=12)
    rec = review.recommendations.get(number=12)
    gone = rec.actions.get().pk
    action_delete(action=rec.actions.get(), by=alice)
    client.force_login(alice)
    rows = _rows(
        client.get(reverse("reviews:history", args=[board.slug, review.pk])).content.decode()
    )
    # the review, its finding, 12 recommendations with an action and an update each, then
    # the deletion of one action, recorded against the review (the deleted row's own two
    # events stay in the audit trail but no longer belong to anything on this review)
    assert len(rows) == 1 + 1 + 12 * 3 - 2 + 1
    assert all(re.fullmatch(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d", when) for when, _, _ in rows)
    assert rows[0][2].startswith("Deleted an action")
    assert rows[-1][2].startswith("Added")
    events = AuditEvent.objects.filter(object_type__startswith="reviews.").exclude(
        object_type="reviews.action", object_id=str(gone)
    )
    assert [what for _, _, what in rows] == list(
        events.order_by("-at", "-id").values_list("summary", flat=True)
    )


@pytest.mark.parametrize("size", [2, 8])
def test_history_query_count_does_not_grow_with_events(client, board, alice, size):
    review = _inspection(board, alice, recommendations=size)
    client.force_login(alice)
    url = reverse("reviews:history", args=[board.slug, review.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # session, user, memberships, board, review, events with their actors
    assert len(queries) == 6, [q["sql"][:80] for q in queries]


def test_history_leaves_out_other_reviews(client, board, alice):
    mine = _inspection(board, alice, recommendations=1)
    _inspection(board, alice, recommendations=3)
    client.force_login(alice)
    rows = _rows(
        client.get(reverse("reviews:history", args=[board.slug, mine.pk])).content.decode()
    )
    assert len(rows) == 5
