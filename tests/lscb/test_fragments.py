"""Cached parts of board pages: a hit runs only the fixed per-request queries, never serves
stale data, never shares one viewer's rights or CSRF token with another, and a failing
cache costs the rendering, never the page.

Every page starts with the same four queries:
  1. the session, 2. the signed-in user,
  3. the board by slug, 4. the user's current memberships of it (board_access).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.access import board_access
from boards.models import Board
from lscb import fragments, freshness
from lscb.fragments import CSRF_MARKER, CSRF_PLACEHOLDER, cached_fragment, fragment_key
from lscb.vocab import RAG, Quarter
from reporting.models import QuarterlyReport, ReportStatus
from reviews.services.progress import action_record_progress
from tests.factories import PersonFactory, SubgroupFactory, ThemeFactory
from tests.reporting.factories import PortfolioMeetingFactory, QuarterlyReportFactory
from tests.reviews.factories import (
    ActionFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.workplans.factories import WorkplanFactory, make_outcomes
from workplans import services as workplans_services

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def without_tokens(response) -> str:
    return TOKEN.sub(r"\1\2", response.content.decode())


def fetch(client, url):
    """The response and the SQL it ran."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [q["sql"] for q in ctx.captured_queries]


def listing(queries) -> str:
    return "\n".join(f"{i}. {sql}" for i, sql in enumerate(queries, 1))


def text(response) -> str:
    return response.content.decode()


# --- the data every page shows, at a given size ------------------------------------------


class Data:
    def __init__(self, board, alice, n: int) -> None:
        today = dt.date.today()
        self.board = board
        theme = ThemeFactory(name="Neglect", slug="neglect")
        subgroup = SubgroupFactory(board=board, name="Training")
        self.workplan = WorkplanFactory(board=board, title="Workplan this year")
        self.outcomes = make_outcomes(
            self.workplan, n, subgroups=[subgroup], themes=[theme], leads=[PersonFactory()]
        )
        for outcome in self.outcomes[:1]:
            workplans_services.outcome_record_progress(
                outcome=outcome, by=alice, rag=RAG.ON_TRACK, narrative="Begun", date=today
            )
        self.reviews = []
        for i in range(n):
            review = ReviewFactory(board=board, title=f"Review {i}", report_date=today)
            FindingFactory(review=review, themes=[theme])
            rec = RecommendationFactory(review=review, number=1, themes=[theme])
            ActionFactory(recommendation=rec, timescale=today - dt.timedelta(days=1))
            self.reviews.append(review)
        # The review page shows one review; give it n recommendations too.
        self.review = self.reviews[0]
        for number in range(2, n + 1):
            rec = RecommendationFactory(review=self.review, number=number, themes=[theme])
            ActionFactory(recommendation=rec)
        quarter = Quarter.containing(today)
        for version in range(1, n + 1):
            QuarterlyReportFactory(
                board=board, quarter=quarter.code, version=version, status=ReportStatus.READY
            )
        PortfolioMeetingFactory(board=board)


def page_url(page: str, data: Data) -> str:
    slug = data.board.slug
    return {
        "board": reverse("boards:detail", args=[slug]),
        "workplan": reverse("workplans:detail", args=[slug, data.workplan.pk]),
        "outcome": reverse("workplans:outcome", args=[slug, data.outcomes[0].pk]),
        "my_updates": reverse("workplans:my_updates", args=[slug]),
        "review_list": reverse("reviews:list", args=[slug]),
        "review": reverse("reviews:detail", args=[slug, data.review.pk]),
        "themes": reverse("reviews:themes", args=[slug]),
        "theme_items": reverse("reviews:theme_items", args=[slug, "neglect"]),
        "reports": reverse("reporting:list", args=[slug]),
    }[page]


# Who looks, and the queries a hit still runs: the four every page runs, then
WARM = {
    "board": ("bob", 4),  # nothing else
    "workplan": ("bob", 5),  # 5 the workplan (with approved_by), which the view loads
    # 5 the outcome with its workplan, 6 its lead subgroups, 7 its named leads: bob's right
    # to record progress depends on them (a board officer's does not: 5)
    "outcome": ("bob", 7),
    "outcome_as_officer": ("alice", 5),
    "my_updates": ("alice", 4),  # nothing else
    "review_list": ("bob", 4),  # nothing else
    "review": ("bob", 5),  # 5 the review (with signed_off_by), which the view loads
    "review_as_chair": ("carol", 6),  # as above, 6 whether it has recommendations (sign-off)
    "themes": ("bob", 4),  # nothing else
    "theme_items": ("bob", 5),  # 5 the theme by its slug
    "reports": ("alice", 5),  # 5 whether a report is in progress (the page's refresh)
}


@pytest.fixture
def people(alice, bob, carol, pat):
    return {u.username: u for u in (alice, bob, carol, pat)}


# --- 5. a hit runs only the fixed queries and gives the same page ------------------------


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize("page", list(WARM))
def test_second_request_is_served_from_the_cache_with_only_the_fixed_queries(
    client, board, people, page, n
):
    who, expected = WARM[page]
    data = Data(board, people["alice"], n)
    client.force_login(people[who])
    url = page_url(page.removesuffix("_as_chair").removesuffix("_as_officer"), data)

    first, cold = fetch(client, url)
    second, warm = fetch(client, url)

    assert len(warm) < len(cold), listing(warm)
    assert len(warm) == expected, listing(warm)
    assert without_tokens(second) == without_tokens(first)


# --- 6. no stale page after a write --------------------------------------------------------


@pytest.fixture
def one_outcome(board):
    workplan = WorkplanFactory(board=board, title="Workplan this year")
    (outcome,) = make_outcomes(workplan, 1)
    freshness.touch_board(board.pk)
    return outcome


def test_pages_show_progress_recorded_after_they_were_cached(
    client, board, alice, bob, one_outcome
):
    slug = board.slug
    urls = {
        "board": reverse("boards:detail", args=[slug]),
        "workplan": reverse("workplans:detail", args=[slug, one_outcome.workplan_id]),
        "outcome": reverse("workplans:outcome", args=[slug, one_outcome.pk]),
    }
    client.force_login(bob)
    before = {name: text(fetch(client, url)[0]) for name, url in urls.items()}
    assert "<strong>1</strong> outcome not yet complete has no update" in before["board"]
    assert "No review yet." in before["workplan"]
    assert "No progress has been recorded yet." in before["outcome"]
    # And they are cached now.
    assert len(fetch(client, urls["workplan"])[1]) == WARM["workplan"][1]

    workplans_services.outcome_record_progress(
        outcome=one_outcome,
        by=alice,
        rag=RAG.AT_RISK,
        narrative="Trainers are off sick",
        date=dt.date.today(),
    )

    after = {name: text(fetch(client, url)[0]) for name, url in urls.items()}
    assert "<strong>0</strong> outcomes not yet complete have no update" in after["board"]
    for name in ("workplan", "outcome"):
        assert "app-rag--at_risk" in after[name], name
        assert "Trainers are off sick" in after[name], name
    assert "No review yet." not in after["workplan"]
    assert "No progress has been recorded yet." not in after["outcome"]


def test_review_page_shows_action_progress_recorded_after_it_was_cached(client, board, alice, bob):
    action = ActionFactory(recommendation=RecommendationFactory(review=ReviewFactory(board=board)))
    url = reverse("reviews:detail", args=[board.slug, action.recommendation.review_id])
    client.force_login(bob)
    fetch(client, url)
    assert len(fetch(client, url)[1]) == WARM["review"][1]  # cached

    action_record_progress(
        action=action, by=alice, date=dt.date.today(), rag=RAG.OFF_TRACK, narrative="No staff"
    )

    page = text(fetch(client, url)[0])
    assert "app-rag--off_track" in page
    assert "No staff" in page


def test_reports_list_shows_a_report_that_became_ready_after_it_was_cached(
    client, board, pat, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    from reporting import services as reporting_services
    from reporting.pdf import RenderedPDF

    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr("reporting.report.report_html", lambda board, quarter: "<html></html>")
    monkeypatch.setattr("reporting.pdf.render_pdf", lambda html, **kw: RenderedPDF(b"%PDF", 1))
    report = QuarterlyReportFactory(board=board, quarter="2008Q3", version=1)
    download = reverse("reporting:download", args=[board.slug, report.pk])
    url = reverse("reporting:list", args=[board.slug])
    client.force_login(pat)
    assert download not in text(fetch(client, url)[0])
    assert len(fetch(client, url)[1]) == WARM["reports"][1]  # cached

    with django_capture_on_commit_callbacks(execute=False):
        assert reporting_services.report_render(report_id=report.pk) == "ready"

    page = text(fetch(client, url)[0])
    assert download in page
    assert "app-report-status--ready" in page


# --- 7. one viewer's rights never reach another ------------------------------------------


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_workplan_page_record_links_follow_the_viewer_not_the_cache(
    client, board, alice, bob, one_outcome, first
):
    url = reverse("workplans:detail", args=[board.slug, one_outcome.workplan_id])
    people = {"alice": alice, "bob": bob}
    pages = {}
    for who in (first, *({"alice", "bob"} - {first})):
        client.force_login(people[who])
        pages[who] = text(fetch(client, url)[0])
    record = reverse("workplans:record_progress", args=[board.slug, one_outcome.pk])
    assert record in pages["alice"]
    assert record not in pages["bob"]


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_outcome_page_edit_buttons_follow_the_viewer_not_the_cache(
    client, board, alice, bob, one_outcome, first
):
    url = reverse("workplans:outcome", args=[board.slug, one_outcome.pk])
    people = {"alice": alice, "bob": bob}
    pages = {}
    for who in (first, *({"alice", "bob"} - {first})):
        client.force_login(people[who])
        pages[who] = text(fetch(client, url)[0])
    assert "Edit the outcome" in pages["alice"] and "Record progress" in pages["alice"]
    assert "Edit the outcome" not in pages["bob"] and "Record progress" not in pages["bob"]


@pytest.mark.parametrize("first", ["alice", "pat"])
def test_reports_list_request_button_follows_the_viewer_not_the_cache(
    client, board, alice, pat, first
):
    url = reverse("reporting:list", args=[board.slug])
    people = {"alice": alice, "pat": pat}
    pages = {}
    for who in (first, *({"alice", "pat"} - {first})):
        client.force_login(people[who])
        pages[who] = text(fetch(client, url)[0])
    assert "Request the PDF report" in pages["alice"]
    assert "Request the PDF report" not in pages["pat"]
    assert CSRF_PLACEHOLDER not in pages["alice"]


@pytest.mark.parametrize("first", ["carol", "bob"])
def test_review_page_sign_off_and_record_links_follow_the_viewer_not_the_cache(
    client, board, carol, bob, first
):
    action = ActionFactory(recommendation=RecommendationFactory(review=ReviewFactory(board=board)))
    review_id = action.recommendation.review_id
    url = reverse("reviews:detail", args=[board.slug, review_id])
    people = {"carol": carol, "bob": bob}
    pages = {}
    for who in (first, *({"carol", "bob"} - {first})):
        client.force_login(people[who])
        pages[who] = text(fetch(client, url)[0])
    record = reverse("reviews:record_progress", args=[board.slug, action.pk])
    edit = reverse("reviews:edit", args=[board.slug, review_id])
    assert "Sign off the action plan" in pages["carol"]
    assert record in pages["carol"] and edit in pages["carol"]
    assert "Sign off the action plan" not in pages["bob"]
    assert record not in pages["bob"] and edit not in pages["bob"]


def _my_updates_pages(client, board, alice, bob, first) -> dict[str, str]:
    workplan = WorkplanFactory(board=board, title="Workplan this year")
    make_outcomes(workplan, 2)
    freshness.touch_board(board.pk)
    url = reverse("workplans:my_updates", args=[board.slug])
    people = {"alice": alice, "bob": bob}
    pages = {}
    for who in (first, *({"alice", "bob"} - {first})):
        client.force_login(people[who])
        pages[who] = text(fetch(client, url)[0])
    return pages


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_my_updates_due_without_a_cache_are_each_viewers_own(
    client, board, alice, bob, first, monkeypatch
):
    """The control for the test below: with no cache, the page is right for both."""
    monkeypatch.setattr(fragments, "_cache", lambda: BrokenCache())
    pages = _my_updates_pages(client, board, alice, bob, first)
    assert "2 updates due" in pages["alice"]
    assert "As a board officer you answer for every outcome." in pages["alice"]
    assert "0 updates due" in pages["bob"]
    assert "Nothing is due from you this quarter." in pages["bob"]


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_my_updates_due_follow_the_viewer_not_the_cache(client, board, alice, bob, first):
    """alice, a board officer, answers for every outcome; bob, a plain member who leads
    none, answers for nothing. Whoever looks first must not decide what the other sees."""
    pages = _my_updates_pages(client, board, alice, bob, first)
    assert "2 updates due" in pages["alice"]
    assert "As a board officer you answer for every outcome." in pages["alice"]
    assert "0 updates due" in pages["bob"]
    assert "Nothing is due from you this quarter." in pages["bob"]


# --- 8. a CSRF token in a cached part is the viewer's own ---------------------------------


def test_request_form_from_a_cached_reports_list_passes_the_csrf_check(board, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("reporting:list", args=[board.slug])
    action = reverse("reporting:request", args=[board.slug])
    form = re.compile(
        rf'<form method="post" action="{re.escape(action)}">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
    )

    first, cold = fetch(client, url)
    second, warm = fetch(client, url)
    assert len(warm) == WARM["reports"][1] < len(cold)  # the second came from the cache
    tokens = form.findall(text(second))
    assert tokens, "no request form with a CSRF field on the cached page"
    # The token is this response's own: the same one the page's sign-out form carries.
    page_tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(second)))
    assert len(page_tokens) == 1

    # The cached part holds the placeholder and no token.
    fresh = Board.objects.get(pk=board.pk)
    key = fragment_key(
        "report-list", fresh, [board_access(alice, fresh).cache_key], areas=["reporting"]
    )
    stored = caches[settings.FRAGMENT_CACHE].get(key)
    assert stored is not None
    assert CSRF_PLACEHOLDER in stored
    assert CSRF_MARKER not in stored

    quarter = re.search(r'name="quarter" value="([^"]+)"', text(second)).group(1)
    response = client.post(action, {"csrfmiddlewaretoken": tokens[0], "quarter": quarter})
    assert response.status_code == 302
    assert QuarterlyReport.objects.filter(board=board, quarter=quarter).exists()


def test_a_browser_whose_first_visit_is_a_cache_hit_gets_a_working_token(board, alice):
    """Another browser of the same login warmed the cache; this one has no CSRF cookie yet."""
    url = reverse("reporting:list", args=[board.slug])
    warmer = Client()
    warmer.force_login(alice)
    fetch(warmer, url)

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page, queries = fetch(client, url)
    assert len(queries) == WARM["reports"][1]  # a hit
    action = reverse("reporting:request", args=[board.slug])
    token = re.search(
        rf'action="{re.escape(action)}">\s*<input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        text(page),
    ).group(1)
    response = client.post(action, {"csrfmiddlewaretoken": token, "quarter": "2008Q3"})
    assert response.status_code == 302


def test_a_post_without_a_token_is_still_refused(board, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("reporting:list", args=[board.slug])
    fetch(client, url)
    fetch(client, url)
    response = client.post(reverse("reporting:request", args=[board.slug]), {"quarter": "2008Q3"})
    assert response.status_code == 403


# --- 9. cached_fragment ------------------------------------------------------------------


def test_a_fragment_is_stored_and_then_served_without_rendering():
    calls = []

    def render():
        calls.append(1)
        return "<p>hello</p>"

    assert cached_fragment("frag:test:plain", render) == "<p>hello</p>"
    assert cached_fragment("frag:test:plain", render) == "<p>hello</p>"
    assert calls == [1]


def test_a_fragment_holding_a_csrf_token_is_returned_but_never_stored():
    html = '<form><input type="hidden" name="csrfmiddlewaretoken" value="secret"></form>'
    calls = []

    def render():
        calls.append(1)
        return html

    assert cached_fragment("frag:test:csrf", render) == html
    assert caches[settings.FRAGMENT_CACHE].get("frag:test:csrf") is None
    assert cached_fragment("frag:test:csrf", render) == html
    assert calls == [1, 1]


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    def set(self, *args, **kwargs):
        raise ConnectionError("cache is down")


class WriteOnlyBroken:
    """Reads work (and miss); writes fail."""

    def get(self, *args, **kwargs):
        return None

    def set(self, *args, **kwargs):
        raise TimeoutError("cache timed out")


@pytest.mark.parametrize("cache", [BrokenCache(), WriteOnlyBroken()])
def test_a_failing_cache_costs_the_rendering_never_the_page(monkeypatch, cache):
    monkeypatch.setattr(fragments, "_cache", lambda: cache)
    assert cached_fragment("frag:test:broken", lambda: "<p>rendered</p>") == "<p>rendered</p>"


def test_pages_still_render_when_the_cache_is_down(client, board, bob, monkeypatch):
    monkeypatch.setattr(fragments, "_cache", lambda: BrokenCache())
    client.force_login(bob)
    response, _ = fetch(client, reverse("boards:detail", args=[board.slug]))
    assert board.name in text(response)


# --- 10. keys and query strings ----------------------------------------------------------


def test_the_key_changes_with_the_date(board, monkeypatch):
    today = fragment_key("board", board, ["x"])
    assert fragment_key("board", board, ["x"]) == today
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr("lscb.fragments.timezone.localdate", lambda *a, **k: tomorrow)
    assert fragment_key("board", board, ["x"]) != today


def test_the_key_changes_with_the_boards_version_and_the_vary_values(board, other_board):
    before = fragment_key("board", board, ["member|"])
    freshness.touch_board(board.pk)
    board.refresh_from_db()
    after = fragment_key("board", board, ["member|"])
    assert after != before
    assert fragment_key("board", board, ["officer|"]) != after
    assert fragment_key("board", board, ["a", "b"]) != fragment_key("board", board, ["ab"])
    assert fragment_key("board", other_board, ["member|"]) != after
    assert fragment_key("workplan-head", board, ["member|"]) != after


def test_known_query_ignores_unknown_parameters_and_orders_the_rest():
    query = QueryDict("utm_source=mail&status=closed&kind=scr&kind=jtai&page=2&x=%3Cb%3E")
    assert fragments.known_query(query, ["status", "kind", "overdue"]) == (
        "kind=jtai&kind=scr&status=closed"
    )
    reordered = QueryDict("kind=jtai&status=closed&kind=scr")
    assert fragments.known_query(reordered, {"overdue", "kind", "status"}) == (
        fragments.known_query(query, ["status", "kind", "overdue"])
    )
    assert fragments.known_query(QueryDict("utm_source=mail"), ["kind"]) == ""


def test_review_lists_differing_only_by_an_unknown_parameter_share_one_entry(client, board, bob):
    ReviewFactory(board=board, title="Adoption service inspection")
    client.force_login(bob)
    base = reverse("reviews:list", args=[board.slug]) + "?status=in_progress"
    first, cold = fetch(client, base + "&utm_source=newsletter")
    second, warm = fetch(client, base + "&utm_source=%3Cscript%3E")
    assert len(warm) == WARM["review_list"][1] < len(cold), listing(warm)
    assert "Adoption service inspection" in text(second)
    assert "utm_source" not in text(first) and "utm_source" not in text(second)
    # A different known filter is a different entry.
    _, other = fetch(client, reverse("reviews:list", args=[board.slug]) + "?status=closed")
    assert len(other) > WARM["review_list"][1]


def test_a_new_day_renders_the_page_again(client, board, bob, monkeypatch):
    client.force_login(bob)
    url = reverse("reviews:themes", args=[board.slug])
    _, cold = fetch(client, url)
    _, warm = fetch(client, url)
    assert len(warm) == WARM["themes"][1] < len(cold)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr("lscb.fragments.timezone.localdate", lambda *a, **k: tomorrow)
    _, next_day = fetch(client, url)
    assert len(next_day) == len(cold)


def test_a_vary_name_missing_from_the_context_is_refused_not_keyed_alike(board):
    """A misspelt or forgotten name would key every viewer the same and hand one person's
    page to the next; the tag fails loudly instead."""
    from django.template import Context, Template, TemplateSyntaxError

    page = Template('{% load fragments %}{% boardcache "t" board rights_key %}x{% endboardcache %}')
    with pytest.raises(TemplateSyntaxError, match="rights_key"):
        page.render(Context({"board": board}))
    assert page.render(Context({"board": board, "rights_key": "all"})) == "x"


def test_a_part_keyed_on_some_areas_survives_writes_to_the_others(board):
    """A workplan update renders workplan parts again but leaves a cached review list."""
    reviews_key = fragment_key("review-list", board, [], areas=["reviews"])
    workplans_key = fragment_key("workplan-table", board, [], areas=["boards", "workplans"])
    everything_key = fragment_key("board", board, [])
    freshness.touch_board(board.pk, area="workplans")
    fresh = Board.objects.get(pk=board.pk)
    assert fragment_key("review-list", fresh, [], areas=["reviews"]) == reviews_key
    assert fragment_key("workplan-table", fresh, [], areas=["boards", "workplans"]) != (
        workplans_key
    )
    assert fragment_key("board", fresh, []) != everything_key
    with pytest.raises(ValueError, match="Areas must be"):
        fragment_key("x", fresh, [], areas=["minutes"])


def test_review_list_stays_cached_while_workplan_progress_is_recorded(
    client, board, bob, alice, django_assert_num_queries
):
    from tests.workplans.factories import WorkplanFactory, make_outcomes
    from workplans import services as workplan_services

    workplan = WorkplanFactory(board=board)
    (outcome,) = make_outcomes(workplan, 1)
    client.force_login(bob)
    url = reverse("reviews:list", args=[board.slug])
    client.get(url)
    workplan_services.outcome_record_progress(
        outcome=outcome, by=alice, rag=RAG.ON_TRACK, narrative="", date=dt.date.today()
    )
    # session, user, board, memberships: the list itself comes from the cache
    with django_assert_num_queries(4):
        client.get(url)


def test_after_progress_the_workplan_page_renders_only_the_parts_that_show_progress(
    client, board, bob, alice
):
    """The heading and filter form show what the plan says, not its progress: they stay
    cached, while the chart and table show the new status at once."""
    workplan = WorkplanFactory(board=board)
    (outcome,) = make_outcomes(workplan, 1)
    client.force_login(bob)
    url = reverse("workplans:detail", args=[board.slug, workplan.pk])
    _, cold = fetch(client, url)
    workplans_services.outcome_record_progress(
        outcome=outcome, by=alice, rag=RAG.OFF_TRACK, narrative="Stalled", date=dt.date.today()
    )
    response, queries = fetch(client, url)
    # 1-4 fixed, 5 the workplan, 6 outcomes, 7 their lead subgroups, 8 their themes (the
    # chart counts these rows), 9 which name bob as lead; not the filter choices (3
    # queries), the priorities nor the retired outcomes (1)
    assert len(queries) == 9, listing(queries)
    assert len(cold) == 14, listing(cold)
    page = response.content.decode()
    assert "Stalled" in page
    assert "app-rag--off_track" in page


def test_recording_attendance_renders_only_the_board_page_panel_that_shows_meetings(
    client, board, bob, alice
):
    """Meetings are an area of their own: recording who came to one leaves the board's
    members, its constitution check and the workplan panel cached, and renders again only
    the reviews panel, which lists actions decided at meetings."""
    from boards.services.meetings import meeting_record_attendance
    from tests.boards.meeting_factories import MeetingFactory

    workplan = WorkplanFactory(board=board)
    make_outcomes(workplan, 2)
    meeting = MeetingFactory(board=board, date=dt.date.today())
    client.force_login(bob)
    url = reverse("boards:detail", args=[board.slug])
    _, cold = fetch(client, url)
    meeting_record_attendance(meeting=meeting, present=[bob.person], apologies=[], by=alice)
    response, queries = fetch(client, url)
    # 1-4 session, user, board, bob's memberships; 5 the open reviews and 6 the overdue
    # actions of the reviews panel. Not the members, the constitution check, the
    # workplan panel nor the training panel.
    assert len(queries) == 6, listing(queries)
    assert len(cold) > 12, listing(cold)
    read = {t for sql in queries for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)}
    assert not [t for t in read if t.startswith(("workplans_", "training_"))]
    # bob's own memberships, as every request reads them; not the board's members
    assert sum('FROM "boards_membership"' in sql for sql in queries) == 1
    assert board.name in text(response)
