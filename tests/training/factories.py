"""Factories for training tests. Bookings and evaluations go through the services in tests
that check them."""

from __future__ import annotations

import datetime as dt

import factory

from tests.factories import AgencyFactory, BoardFactory
from training.models import Booking, Course, Level, LevelScheme, Need, Question, Session


class LevelSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevelScheme

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Training groups {n}")


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    scheme = factory.SubFactory(LevelSchemeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Group {n + 1}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    level = factory.SubFactory(LevelFactory, scheme__board=factory.SelfAttribute("...board"))
    refresh_months = 36


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    course = factory.SubFactory(CourseFactory)
    text = factory.Sequence(lambda n: f"I know what to do in case {n}")
    order = factory.Sequence(lambda n: n)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    board = factory.SubFactory(BoardFactory)
    agency = factory.SubFactory(AgencyFactory)
    role_group = factory.Sequence(lambda n: f"Role group {n}")
    level = factory.SubFactory(LevelFactory, scheme__board=factory.SelfAttribute("...board"))
    headcount = 10


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=7))
    trainer = "Sam Trainer"
    venue = "Civic Centre"
    capacity = 10


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    attendee_name = factory.Sequence(lambda n: f"Attendee {n}")
    agency = factory.SubFactory(AgencyFactory)
