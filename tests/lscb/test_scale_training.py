"""The scale generator's training volume: the option that makes a board's training history
as large as a real partnership's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from boards.models import Board
from lscb.vocab import Quarter
from training.models import Session


@pytest.mark.django_db
def test_each_session_books_as_many_people_as_asked():
    from tooling.bench.scale import generate

    until = Quarter.containing(dt.date.today()).year
    generate(boards=1, years=1, seed=1, until=until, say=str, trained_per_session=3)
    board = Board.objects.get(slug="scale-001")
    booked = Session.objects.filter(course__board=board).annotate(n=Count("bookings"))
    assert booked.count() == 3
    assert {s.n for s in booked} == {3}


@pytest.mark.django_db
def test_a_session_with_no_one_booked_is_refused_before_anything_is_written():
    with pytest.raises(CommandError, match="--trained-per-session"):
        call_command("generate_scale", boards=1, years=1, trained_per_session=0)
    assert not Board.objects.filter(slug__startswith="scale-").exists()
