"""Factories for workplans tests. Progress goes through the service in tests that check it."""

from __future__ import annotations

import datetime as dt

import factory

from lscb.vocab import Quarter
from tests.factories import BoardFactory
from workplans.models import Outcome, ProgressUpdate, Workplan


def current_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The financial year containing today, so 'today' is a valid progress date."""
    year = Quarter.containing(today or dt.date.today()).year
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


class WorkplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplan

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Workplan {n}")
    start = factory.LazyFunction(lambda: current_period()[0])
    end = factory.LazyFunction(lambda: current_period()[1])


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    workplan = factory.SubFactory(WorkplanFactory)
    title = factory.Sequence(lambda n: f"Outcome {n}")
    how = "Do the work."
    who = "Training Group"
    order = factory.Sequence(lambda n: n)


def make_outcomes(workplan: Workplan, n: int, *, subgroups=(), themes=(), leads=()) -> list:
    """n outcomes with the same links, in a handful of queries (for query-count tests)."""
    outcomes = Outcome.objects.bulk_create(
        Outcome(workplan=workplan, title=f"Outcome {i}", how="How", who="Who", order=i)
        for i in range(n)
    )
    for field, values in (("lead_subgroups", subgroups), ("themes", themes), ("leads", leads)):
        through = getattr(Outcome, field).through
        fk = {"lead_subgroups": "subgroup_id", "themes": "theme_id", "leads": "person_id"}[field]
        through.objects.bulk_create(
            through(outcome_id=o.pk, **{fk: v.pk}) for o in outcomes for v in values
        )
    return outcomes


def add_update(outcome: Outcome, author, *, date: dt.date, rag: str, narrative: str = "x"):
    """A raw update row, for building read fixtures; the current_* copy is not refreshed."""
    return ProgressUpdate.objects.create(
        outcome=outcome, author=author, date=date, rag=rag, narrative=narrative
    )
