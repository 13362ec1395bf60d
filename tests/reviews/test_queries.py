"""Query counts stay the same as reviews, recommendations and actions grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.selectors.themes import outcomes_available
from tests.factories import AgencyFactory, PersonFactory, ThemeFactory
from tests.reviews.factories import (
    ActionFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)


def _grow(board, n: int, themes) -> list:
    """n reviews, each with a finding, two recommendations and two actions apiece."""
    reviews = []
    agency = AgencyFactory()
    person = PersonFactory()
    for i in range(n):
        review = ReviewFactory(
            board=board, kind="jtai" if i % 2 else "scr", report_date=dt.date(2009, 1, 5)
        )
        FindingFactory(review=review, themes=themes)
        for number in (1, 2):
            rec = RecommendationFactory(review=review, number=number, themes=themes)
            for _ in range(2):
                action = ActionFactory(
                    recommendation=rec, agency=agency, timescale=dt.date(2009, 1, 1)
                )
                action.responsible_people.add(person)
        reviews.append(review)
    return reviews


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def themes(db):
    return [ThemeFactory(slug="neglect"), ThemeFactory(slug="information-sharing")]


EXPECTED = {
    "list": 6,
    "themes": 8 if outcomes_available() else 7,
    "theme_items": 8,
    "repeated": 9,
    "findings": 7,
    "everything": 9 if outcomes_available() else 8,
}


@pytest.mark.parametrize(
    "page", ["list", "themes", "theme_items", "repeated", "findings", "everything"]
)
def test_list_pages_run_the_same_queries_at_5_and_50_reviews(client, bob, board, themes, page):
    client.force_login(bob)
    slug = board.slug
    urls = {
        # session, user, board, memberships (access), COUNT for the paginator, reviews with
        # their action counts as subqueries.
        "list": reverse("reviews:list", args=[slug]),
        # session, user, board, memberships, themes, recommendation tags with flags,
        # finding tags (+ outcome counts per theme once workplans defines Theme.outcomes).
        "themes": reverse("reviews:themes", args=[slug]),
        # session, user, board, memberships, theme, COUNT of the recommendations (the
        # paginator), one page of them with flags and their reviews, their actions
        # (prefetch). 10 recommendations, then 100: two pages.
        "theme_items": reverse("reviews:theme_items", args=[slug, "neglect"])
        + "?source=case_reviews&state=open",
        # session, user, board, memberships, theme, COUNT of the reviews that raised it,
        # one page of them, their recommendations on it, their concerns on it. 5 reviews,
        # then 50: three pages.
        "repeated": reverse("reviews:theme_items", args=[slug, "neglect"]) + "?state=repeated",
        # session, user, board, memberships, theme, COUNT of the findings, one page of them
        # with their reviews.
        "findings": reverse("reviews:theme_items", args=[slug, "neglect"])
        + "?source=findings&state=open",
        # session, user, board, memberships, theme, (the first outcomes, once workplans
        # defines them), the first recommendations with their reviews, their actions
        # (prefetch), the first findings with their reviews; each list counted in the query
        # that reads its first rows. 10 recommendations, then 100: more than are shown.
        "everything": reverse("reviews:theme_items", args=[slug, "neglect"]),
    }
    _grow(board, 5, themes)
    small = _count(client, urls[page])
    _grow(board, 45, themes)
    large = _count(client, urls[page])
    assert small == large
    assert small == EXPECTED[page], small


def test_list_with_overdue_filter_runs_the_same_queries(client, bob, board, themes):
    client.force_login(bob)
    url = reverse("reviews:list", args=[board.slug]) + "?overdue=on&kind=jtai"
    _grow(board, 5, themes)
    small = _count(client, url)
    _grow(board, 45, themes)
    # The overdue filter adds one query: the reviews whose clocks are checked in Python.
    assert _count(client, url) == small


def test_review_page_runs_the_same_queries_with_5_and_50_recommendations(
    client, bob, board, themes
):
    client.force_login(bob)
    review = ReviewFactory(board=board, report_date=dt.date(2009, 1, 5))
    url = reverse("reviews:detail", args=[board.slug, review.pk])
    agency = AgencyFactory()

    def grow(start, n):
        for number in range(start, start + n):
            rec = RecommendationFactory(review=review, number=number, themes=themes)
            FindingFactory(review=review, themes=themes)
            for _ in range(2):
                action = ActionFactory(recommendation=rec, agency=agency)
                action.responsible_people.add(PersonFactory())

    # session, user, board, memberships, review (+ signed_off_by), findings, findings'
    # themes, recommendations, their themes, their actions (+ agency), actions' people,
    # reopenings (+ the names of who reopened and who had signed off).
    grow(1, 5)
    small = _count(client, url)
    grow(6, 45)
    assert _count(client, url) == small
    assert small == 12


def test_outcome_column_counts_run_one_query(client, bob, board, themes):
    pytest.importorskip("workplans.models")
    from tests.workplans.factories import OutcomeFactory, WorkplanFactory

    client.force_login(bob)
    url = reverse("reviews:themes", args=[board.slug])
    workplan = WorkplanFactory(board=board)
    for _ in range(3):
        OutcomeFactory(workplan=workplan).themes.set(themes)
    small = _count(client, url)
    for _ in range(30):
        OutcomeFactory(workplan=workplan).themes.set(themes)
    assert _count(client, url) == small


def test_dashboard_panel_runs_the_same_queries_at_5_and_50_reviews(board, bob, themes):
    from boards.access import board_access
    from reviews.panels import reviews_panel

    access = board_access(bob, board)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            template, context = reviews_panel(board, access)
        return len(ctx.captured_queries)

    # open reviews, the first overdue actions with their reviews and the count of all.
    _grow(board, 5, themes)
    small = count()
    _grow(board, 45, themes)
    assert count() == small == 2


# The authoring pages' forms, each opened (GET) by an officer. Every page starts with
# session, user, board, memberships (access) and its own object; a list of checkboxes costs
# one query (lscb.widgets.Checkboxes reads the choices once).
AUTHORING_PAGES = {
    # review; themes.
    "finding_add": 6,
    # finding (+ review); its themes; its number on the review; themes.
    "finding_edit": 8,
    # finding (+ review); its number on the review.
    "finding_withdraw": 6,
    # review; themes.
    "recommendation_add": 6,
    # recommendation (+ review); its themes; themes.
    "recommendation_edit": 7,
    # recommendation (+ review).
    "recommendation_withdraw": 5,
    # recommendation (+ review); the board's people; agencies.
    "action_add": 7,
    # action (+ recommendation, review, agency); its people; its number under its
    # recommendation; the board's people; agencies.
    "action_edit": 9,
    # action (+ recommendation, review, agency); its number under its recommendation.
    "action_withdraw": 6,
}


@pytest.mark.parametrize("page", AUTHORING_PAGES)
def test_authoring_forms_run_the_same_queries_on_small_and_large_plans(
    client, alice, board, themes, page
):
    from tests.factories import member

    client.force_login(alice)
    review = ReviewFactory(board=board)
    agency = AgencyFactory()
    finding = FindingFactory(review=review, themes=themes)
    rec = RecommendationFactory(review=review, number=1, themes=themes)
    action = ActionFactory(recommendation=rec, agency=agency)
    action.responsible_people.add(PersonFactory())
    target = {"finding": finding, "recommendation": rec, "action": action}
    name = page.rsplit("_", 1)[0]
    if page.endswith("_add"):
        parent = review if name != "action" else rec
        url = reverse(f"reviews:{page}", args=[board.slug, parent.pk])
    else:
        url = reverse(f"reviews:{page}", args=[board.slug, target[name].pk])

    def grow(start: int, n: int) -> None:
        """n more of everything the forms list or count: findings, recommendations and
        actions on the review, themes, agencies and people on the board."""
        for i in range(start, start + n):
            FindingFactory(review=review, themes=themes)
            other = RecommendationFactory(review=review, number=i, themes=themes)
            ActionFactory(recommendation=other, agency=agency)
            ActionFactory(recommendation=rec, agency=agency)
            ThemeFactory()
            AgencyFactory()
            member(board, f"member{i}")

    grow(2, 3)
    small = _count(client, url)
    grow(5, 30)
    assert _count(client, url) == small
    assert small == AUTHORING_PAGES[page], small


def _without_token(html: bytes) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


@pytest.mark.parametrize("page", ["finding_add", "recommendation_add", "action_add"])
def test_an_empty_add_form_comes_from_the_cache_until_its_choices_change(
    client, alice, board, themes, page
):
    from tests.factories import member

    client.force_login(alice)
    review = ReviewFactory(board=board)
    rec = RecommendationFactory(review=review, number=1)
    parent = rec if page == "action_add" else review
    url = reverse(f"reviews:{page}", args=[board.slug, parent.pk])
    first = client.get(url).content
    # session, user, board, memberships, the review (or recommendation): no form is built.
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url).content
    assert len(ctx.captured_queries) == 5
    assert _without_token(again) == _without_token(first)
    # A new theme, agency or member of the board is offered on the next view.
    ThemeFactory(name="Private fostering")
    AgencyFactory(name="Harbour Trust")
    member(board, "newcomer")
    after = client.get(url).content.decode()
    expected = {"action_add": ["Harbour Trust", "newcomer"]}.get(page, ["Private fostering"])
    for name in expected:
        assert name in after
