"""Counted words agree with their counts, and labels say each thing once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from boards.models import Role
from lscb.vocab import plural
from reviews.models import RecommendationKind
from reviews.plan_files import requirements_and_actions
from tests.factories import MembershipFactory, PersonFactory, SubgroupFactory
from tests.reviews.factories import RecommendationFactory, ReviewFactory


def test_plural_agrees_with_its_count():
    assert plural(1, "action") == "1 action"
    assert plural(0, "action") == "0 actions"
    assert plural(2, "action") == "2 actions"
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"


def test_an_import_counts_requirements_and_actions_in_words():
    assert requirements_and_actions(1, 1) == "1 requirement or recommendation with 1 action"
    assert requirements_and_actions(12, 30) == (
        "12 requirements or recommendations with 30 actions"
    )


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_subgroup_page_says_non_voting_once(client, board, bob):
    panel = SubgroupFactory(board=board)

    def seat(name, role, voting):
        MembershipFactory(
            board=board, subgroup=panel, person=PersonFactory(name=name), role=role, voting=voting
        )

    seat("Alan Adviser", Role.ADVISER, False)
    seat("Olive Officer", Role.OFFICER, False)
    seat("Oscar Observer", Role.OBSERVER, False)
    seat("Rita Rep", Role.AGENCY_REPRESENTATIVE, False)
    seat("Vera Voter", Role.AGENCY_REPRESENTATIVE, True)
    client.force_login(bob)
    page = _text(client.get(reverse("boards:subgroup", args=[board.slug, panel.pk])))
    assert "Adviser (non-voting) " in page
    assert "Officer in attendance (no seat) " in page
    assert "Participant observer (no vote) " in page
    assert "Rita Rep" in page and "Agency representative (non-voting)" in page
    assert page.count("(non-voting)") == 2
    assert "(non-voting) (non-voting)" not in page and "(no seat) (non-voting)" not in page


@pytest.mark.parametrize(
    ("kind", "one", "many"),
    [
        (RecommendationKind.AREA_FOR_IMPROVEMENT, "Area for improvement", "Areas for improvement"),
        (
            RecommendationKind.STATUTORY_REQUIREMENT,
            "Statutory requirement",
            "Statutory requirements",
        ),
        (
            RecommendationKind.RECOMMENDATION,
            "Good-practice recommendation",
            "Good-practice recommendations",
        ),
    ],
)
def test_plan_section_headings_are_proper_plurals(client, board, bob, kind, one, many):
    review = ReviewFactory(board=board)
    RecommendationFactory(review=review, kind=kind, number=1)
    url = reverse("reviews:detail", args=[board.slug, review.pk])
    client.force_login(bob)
    html = client.get(url).content.decode()
    assert f'<h3 class="govuk-heading-m">{one}</h3>' in html
    RecommendationFactory(review=review, kind=kind, number=2)
    html = client.get(url).content.decode()
    assert f'<h3 class="govuk-heading-m">{many}</h3>' in html
    assert "improvements" not in html
