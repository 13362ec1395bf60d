"""Query counts on board list pages do not grow with the number of boards or members."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Access, Constitution, Role
from tests.factories import (
    AgencyFactory,
    BoardFactory,
    MembershipFactory,
    SubgroupFactory,
    ThemeFactory,
    UserFactory,
    member,
)


def _user_on_boards(count: int):
    user = UserFactory(username=f"busy{count}")
    person = None
    for i in range(count):
        board = BoardFactory(name=f"Board {count}-{i}", slug=f"b{count}-{i}")
        m = (
            MembershipFactory(board=board, person__user=user)
            if person is None
            else (MembershipFactory(board=board, person=person))
        )
        person = m.person
        for _ in range(3):
            SubgroupFactory(board=board)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("boards", [2, 20])
def test_home_page_queries_are_flat(client, django_assert_num_queries, boards):
    user = _user_on_boards(boards)
    client.force_login(user)
    # 1 session, 2 user, 3 the user's boards (membership subquery inside)
    with django_assert_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('app-card"') == boards


def _grow_board(board, n: int, themes) -> None:
    """n more of everything the board page and its panels show: board members with terms
    ending soon, subgroups with members and constitutions, outcomes with progress, open
    reviews with overdue actions, and quarterly reports."""
    from boards.models import EligibilityExclusion, Employment, RoleRule
    from lscb.vocab import RAG
    from tests.reporting.factories import QuarterlyReportFactory
    from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
    from tests.workplans.factories import OutcomeFactory, WorkplanFactory, add_update

    workplan = board.workplans.first() or WorkplanFactory(board=board)
    author = UserFactory(username=f"author-{board.slug}-{n}")
    agency = AgencyFactory(name="Northtown Council")
    today = dt.date.today()
    for i in range(n):
        MembershipFactory(board=board, term_end=today + dt.timedelta(days=20 + i))
        subgroup = SubgroupFactory(board=board)
        chair = MembershipFactory(board=board, subgroup=subgroup, role=Role.CHAIR)
        Employment.objects.create(
            person=chair.person, agency=agency, start=today - dt.timedelta(days=900)
        )
        MembershipFactory(board=board, subgroup=subgroup)
        rules = Constitution.objects.create(
            board=board, subgroup=subgroup, max_size=1, max_terms=2, max_term_months=36
        )
        RoleRule.objects.create(constitution=rules, role=Role.CHAIR, min_count=1)
        EligibilityExclusion.objects.create(
            constitution=rules,
            role=Role.CHAIR,
            agency=agency,
            within_months=12,
            reason="employed by the council within the last year",
        )
        outcome = OutcomeFactory(workplan=workplan)
        outcome.lead_subgroups.add(subgroup)
        outcome.themes.set(themes)
        add_update(outcome, author, date=today, rag=RAG.AT_RISK)
        review = ReviewFactory(board=board, start_date=today - dt.timedelta(days=400))
        recommendation = RecommendationFactory(review=review, themes=themes)
        ActionFactory(recommendation=recommendation, timescale=today - dt.timedelta(days=30))
        QuarterlyReportFactory(board=board)


@pytest.mark.django_db
def test_board_page_with_every_panel_runs_the_same_queries_small_and_large(client, board):
    officer = member(board, "olive", Access.OFFICER)
    Constitution.objects.create(board=board, max_size=40)
    themes = [ThemeFactory(slug="neglect"), ThemeFactory(slug="early-help")]
    client.force_login(officer)
    url = reverse("boards:detail", args=[board.slug])

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    # session, user, board, memberships (access); subgroups, every membership of the
    # board and its panels, past and current (+ person and agency names; the member list,
    # terms ending soon, member counts and the constitution check's seats and terms all
    # read it); the constitution check: constitutions (+ subgroup), their role rules,
    # their exclusions, jobs; workplan panel: current workplan with its outcome and
    # not-updated counts, RAG by subgroup, outcomes flagged for impact (the plan's
    # outcomes, their impact ratings: two more since impact is rated apart); reviews
    # panel: open reviews, first overdue actions (+ reviews, + count of all); training
    # and report panels: the board's needs analysis, read once for both (none here, so
    # nothing more of training); report panel: latest report.
    _grow_board(board, 2, themes)
    small, page = count()
    _grow_board(board, 20, themes)
    large, page = count()
    assert small == large == 18
    # Every panel and check is on the page, so none was skipped to keep the count down.
    for text in ("Quarterly report", "RAG status of outcomes", "overdue", "may not sit on"):
        assert text in page, text


@pytest.mark.django_db
@pytest.mark.parametrize("members", [3, 30])
def test_subgroup_page_queries_are_flat(client, django_assert_num_queries, board, members):
    panel = SubgroupFactory(board=board, name="Adoption Panel")
    rules = Constitution.objects.create(board=board, subgroup=panel, max_size=10, max_terms=3)
    for role, low in [(Role.CHAIR, 1), (Role.INDEPENDENT_PERSON, 3)]:
        rules.role_rules.create(role=role, min_count=low)
    rules.exclusions.create(
        role=Role.INDEPENDENT_PERSON, agency=AgencyFactory(), reason="recent employee"
    )
    for i in range(members):
        MembershipFactory(
            board=board,
            subgroup=panel,
            role=Role.INDEPENDENT_PERSON if i % 2 else Role.PROFESSIONAL,
        )
    user = member(board, "viewer", Access.MEMBER)
    client.force_login(user)
    url = reverse("boards:subgroup", args=[board.slug, panel.pk])
    # 1 session, 2 user, 3 board, 4 the user's memberships (access), 5 subgroup,
    # 6 constitution, 7 role rules, 8 exclusions; the check: 9 current seats, 10 past terms,
    # 11 relevant jobs; 12 the current members listed on the page.
    with django_assert_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
