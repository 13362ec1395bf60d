"""An exported action plan leaves withdrawn items off its sheets, lists them apart with
their reasons, and brings none of them back when it is imported again."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reviews.plan_files import WITHDRAWN_HEADERS, WITHDRAWN_SHEET, read_plan
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

WITHDRAWN_AT = dt.datetime(2009, 2, 3, 12, tzinfo=dt.UTC)


@pytest.fixture
def plan_with_withdrawals(review):
    one = RecommendationFactory(review=review, number=1, text="Keep health records")
    ActionFactory(recommendation=one, what="Amend the guidance", position=1)
    ActionFactory(
        recommendation=one,
        what="Write to every GP",
        position=2,
        withdrawn_at=WITHDRAWN_AT,
        withdrawn_reason="The health trust does this already.",
    )
    ActionFactory(recommendation=one, what="Audit the files", position=3)
    two = RecommendationFactory(
        review=review,
        number=2,
        text="Hold a panel each month",
        withdrawn_at=WITHDRAWN_AT,
        withdrawn_reason="Entered twice; the same as requirement 1.",
    )
    ActionFactory(recommendation=two, what="Book the rooms")
    RecommendationFactory(
        review=review,
        kind="recommendation",
        number=1,
        text="Train panel members",
        withdrawn_at=WITHDRAWN_AT,
        withdrawn_reason="The inspectors took it back.",
    )
    RecommendationFactory(review=review, number=3, text="Review the panel's minutes")
    return review


def _export(client, board, review):
    response = client.get(reverse("reviews:export", args=[board.slug, review.pk]))
    assert response.status_code == 200
    return response.content


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_withdrawn_items_are_left_off_the_plan_and_listed_with_their_reasons(
    client, bob, board, plan_with_withdrawals
):
    client.force_login(bob)
    wb = load_workbook(io.BytesIO(_export(client, board, plan_with_withdrawals)))
    # No live good-practice recommendation is left, so that sheet goes.
    assert wb.sheetnames == ["Statutory requirements", WITHDRAWN_SHEET]
    plan = _rows(wb["Statutory requirements"])
    assert [(r[0], r[4] or "") for r in plan] == [
        (1, "Amend the guidance"),
        (1, "Audit the files"),
        (3, ""),
    ]
    text = str(plan)
    assert "Write to every GP" not in text and "Hold a panel each month" not in text

    withdrawn = wb[WITHDRAWN_SHEET]
    assert [c.value for c in withdrawn[1]] == WITHDRAWN_HEADERS
    assert _rows(withdrawn) == [
        [
            "Action 2 of statutory requirement 1",
            "Write to every GP",
            "3 February 2009",
            "The health trust does this already.",
        ],
        [
            "Statutory requirement 2",
            "Hold a panel each month",
            "3 February 2009",
            "Entered twice; the same as requirement 1.",
        ],
        [
            "Good-practice recommendation 1",
            "Train panel members",
            "3 February 2009",
            "The inspectors took it back.",
        ],
    ]


def test_a_plan_with_nothing_withdrawn_has_no_withdrawn_sheet(client, bob, board, review):
    RecommendationFactory(review=review, number=1)
    client.force_login(bob)
    wb = load_workbook(io.BytesIO(_export(client, board, review)))
    assert WITHDRAWN_SHEET not in wb.sheetnames


def test_an_exported_plan_read_back_brings_no_withdrawn_item_with_it(
    client, bob, board, plan_with_withdrawals
):
    client.force_login(bob)
    content = _export(client, board, plan_with_withdrawals)
    parsed = read_plan(
        SimpleUploadedFile("plan.xlsx", content),
        review=ReviewFactory(board=board),
        themes_by_name={},
        today=timezone.localdate(),
    )
    assert parsed.errors == []
    assert [(r["kind"], r["number"]) for r in parsed.recommendations] == [
        ("statutory_requirement", 1),
        ("statutory_requirement", 3),
    ]
    assert [a["what"] for a in parsed.recommendations[0]["actions"]] == [
        "Amend the guidance",
        "Audit the files",
    ]
    assert parsed.action_count == 2
