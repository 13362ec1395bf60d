"""Factories for reviews tests. Plans are created directly (not through services) so tests
can set up signed-off plans and odd states; behaviour is tested through the services."""

from __future__ import annotations

import datetime as dt

import factory

from reviews.models import (
    Action,
    ActionProgress,
    Finding,
    FindingKind,
    Recommendation,
    RecommendationKind,
    Review,
    ReviewKind,
)
from tests.factories import BoardFactory, UserFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    board = factory.SubFactory(BoardFactory)
    kind = ReviewKind.SINGLE_AGENCY_INSPECTION
    title = factory.Sequence(lambda n: f"Review {n}")
    start_date = dt.date(2008, 10, 6)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    area = factory.Sequence(lambda n: f"Area {n}")
    kind = FindingKind.AREA_FOR_IMPROVEMENT

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = RecommendationKind.STATUTORY_REQUIREMENT
    standard_reference = "NMS 5"
    regulation_reference = "Regulation 16(2)"
    text = factory.Sequence(lambda n: f"Requirement text {n}")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    recommendation = factory.SubFactory(RecommendationFactory)
    board = factory.LazyAttribute(
        lambda action: action.recommendation.review.board if action.recommendation else None
    )
    what = factory.Sequence(lambda n: f"Action {n}")
    responsible = "Placement Team Manager"
    timescale = dt.date(2008, 12, 1)


class ActionProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionProgress

    action = factory.SubFactory(ActionFactory)
    date = dt.date(2009, 1, 12)
    rag = "on_track"
    narrative = "Going well."
    author = factory.SubFactory(UserFactory)
