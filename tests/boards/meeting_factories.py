"""Factories for meetings, their agenda items and attendance."""

from __future__ import annotations

import datetime as dt

import factory

from boards.models import AgendaItem, Constitution, Meeting
from tests.factories import BoardFactory, MembershipFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    venue = "Civic Centre"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n + 1}")


def seats(board, count: int, *, subgroup=None, on: dt.date | None = None, **fields) -> list:
    """`count` voting seats on the board (or subgroup) held on `on`; returns their people."""
    day = on or dt.date.today()
    return [
        MembershipFactory(
            board=board,
            subgroup=subgroup,
            term_start=day - dt.timedelta(days=400),
            term_end=day + dt.timedelta(days=400),
            **fields,
        ).person
        for _ in range(count)
    ]


def constitution(board, quorum: int | None, subgroup=None) -> Constitution:
    return Constitution.objects.create(board=board, subgroup=subgroup, quorum=quorum)
