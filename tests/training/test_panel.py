"""The training panel on the board page."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
