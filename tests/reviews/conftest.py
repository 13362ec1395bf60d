from __future__ import annotations

import pytest

from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory


@pytest.fixture
def review(board):
    return ReviewFactory(board=board, title="Adoption service inspection")


@pytest.fixture
def recommendation(review):
    return RecommendationFactory(review=review, number=1)


@pytest.fixture
def action(recommendation):
    return ActionFactory(recommendation=recommendation)


@pytest.fixture
def other_review(other_board):
    return ReviewFactory(board=other_board, title="Someone else's review")
