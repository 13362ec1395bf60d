"""The training panel on the board page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lscb.vocab import Quarter
from tests.training.factories import BookingFactory, NeedFactory
from training.models import Attendance, Reaction

pytestmark = pytest.mark.django_db


def test_the_board_page_shows_training_once_there_is_a_needs_analysis(client, board, bob):
    client.force_login(bob)
    url = reverse("boards:detail", args=[board.slug])
    assert "Multi-agency training" not in client.get(url).content.decode()

    need = NeedFactory(board=board, headcount=4)
    booking = BookingFactory(
        session__course__board=board,
        session__course__level=need.level,
        agency=need.agency,
        attendance=Attendance.ATTENDED,
    )
    Reaction.objects.create(booking=booking, score=5)
    page = client.get(url).content.decode()
    assert "Multi-agency training" in page
    assert "1 of 4 (25%)" in page
    assert "5.0 out of 5" in page


def test_the_training_and_report_panels_count_from_one_read_of_the_training(client, board, alice):
    """The board page shows training to date and the last quarter's training (the report
    panel, as the quarter's report gives it): both are counted from one read."""
    last_quarter = Quarter.containing(dt.date.today()).previous()
    need = NeedFactory(board=board, headcount=2)
    booking = BookingFactory(
        session__course__board=board,
        session__course__level=need.level,
        session__date=last_quarter.start + dt.timedelta(days=10),
        agency=need.agency,
        attendance=Attendance.ATTENDED,
    )
    Reaction.objects.create(booking=booking, score=4)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("boards:detail", args=[board.slug])).content.decode()

    def reads(table: str) -> int:
        return sum(f'FROM "{table}" ' in q["sql"] for q in ctx.captured_queries)

    assert (reads("training_need"), reads("training_booking"), reads("training_answer")) == (
        1,
        1,
        1,
    )
    assert "Multi-agency training" in page
    assert f"Training in {last_quarter.label}" in page
    assert page.count("1 of 2 (50%)") == 2  # to date, and at the quarter's end
    assert "4.0 out of 5 (1)" in page  # the quarter's reaction, as its report counts it
