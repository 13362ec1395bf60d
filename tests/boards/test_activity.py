"""The board's activity log: who changed what, for officers and the chair only."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boards.models import Access
from lscb import audit
from lscb.models import AuditEvent
from tests.factories import SubgroupFactory, member
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans import services as workplan_services


def _url(board, **query):
    url = reverse("boards:activity", args=[board.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _event(board, actor, summary, *, obj=None, at=None, changes=None):
    event = audit.record(
        actor=actor, action="test.changed", summary=summary, obj=obj, board=board, changes=changes
    )
    if at is not None:
        AuditEvent.objects.filter(pk=event.pk).update(at=at)
    return event


@pytest.fixture
def subgroup_officer(board):
    subgroup = SubgroupFactory(board=board, name="Training")
    return member(board, "sam", Access.OFFICER, subgroup=subgroup)


class TestWhoMaySeeIt:
    @pytest.mark.parametrize("suffix", ["activity", "activity_csv"])
    def test_anonymous_is_sent_to_sign_in(self, client, board, suffix):
        response = client.get(reverse(f"boards:{suffix}", args=[board.slug]))
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")

    @pytest.mark.parametrize("suffix", ["activity", "activity_csv"])
    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("charlie", 404),  # a member of another board
            ("admin_user", 404),  # the site's admin, who belongs to no board
            ("bob", 403),  # a member
            ("pat", 403),  # the portfolio holder
            ("subgroup_officer", 403),  # an officer of one subgroup only
            ("alice", 200),  # the board's officer
            ("carol", 200),  # the chair
        ],
    )
    def test_status_by_role(self, client, board, request, suffix, who, status):
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse(f"boards:{suffix}", args=[board.slug])).status_code == status

    def test_the_board_menu_links_it_for_officers_only(self, client, board, alice, bob):
        link = f'href="{_url(board)}"'
        client.force_login(alice)
        assert link in client.get(reverse("boards:detail", args=[board.slug])).content.decode()
        client.force_login(bob)
        assert link not in client.get(reverse("boards:detail", args=[board.slug])).content.decode()


class TestWhatItShows:
    def test_a_service_write_appears_with_its_author_newest_first(self, client, board, alice):
        workplan = WorkplanFactory(board=board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31))
        outcome = OutcomeFactory(workplan=workplan, title="Agree a trafficking protocol")
        _event(board, alice, "An older change", at=timezone.now() - dt.timedelta(days=3))
        workplan_services.outcome_record_progress(
            outcome=outcome,
            by=alice,
            rag="on_track",
            narrative="Draft agreed",
            date=dt.date(2008, 11, 3),
        )
        client.force_login(alice)
        page = client.get(_url(board)).content.decode()
        assert "Agree a trafficking protocol" in page
        assert page.index("Agree a trafficking protocol") < page.index("An older change")
        assert "2 changes" in page

    def test_edits_show_before_and_after(self, client, board, alice):
        _event(board, alice, "Edited an outcome", changes={"title": ["Old words", "New words"]})
        client.force_login(alice)
        assert "title: Old words → New words" in client.get(_url(board)).content.decode()

    def test_another_boards_changes_and_sign_ins_never_appear(
        self, client, board, other_board, alice, charlie
    ):
        _event(other_board, charlie, "Southvale's own change")
        audit.record(actor=alice, action="auth.login", summary="alice signed in", obj=alice)
        client.force_login(alice)
        page = client.get(_url(board)).content.decode()
        assert "Southvale's own change" not in page
        assert "signed in" not in page

    def test_filters_by_person_kind_and_dates(self, client, board, alice, carol):
        workplan = WorkplanFactory(board=board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31))
        now = timezone.now()
        _event(board, alice, "Alice on the plan", obj=workplan, at=now - dt.timedelta(days=10))
        _event(board, carol, "Carol on the plan", obj=workplan, at=now - dt.timedelta(days=1))
        _event(board, carol, "Carol elsewhere", at=now - dt.timedelta(days=1))
        client.force_login(alice)

        page = client.get(_url(board, person=carol.pk)).content.decode()
        assert "Carol on the plan" in page and "Carol elsewhere" in page
        assert "Alice on the plan" not in page

        page = client.get(_url(board, kind="workplans.workplan")).content.decode()
        assert "Alice on the plan" in page and "Carol on the plan" in page
        assert "Carol elsewhere" not in page

        since = (now - dt.timedelta(days=5)).date()
        page = client.get(
            _url(board, **{"since_0": since.day, "since_1": since.month, "since_2": since.year})
        ).content.decode()
        assert "Carol on the plan" in page
        assert "Alice on the plan" not in page

    def test_an_end_before_the_start_gets_a_message_and_shows_everything(
        self, client, board, alice
    ):
        _event(board, alice, "Some change")
        client.force_login(alice)
        response = client.get(
            _url(
                board,
                since_0=10,
                since_1=5,
                since_2=2026,
                until_0=1,
                until_1=5,
                until_2=2026,
            )
        )
        page = response.content.decode()
        assert "The end date must be the same as or after the start date." in page
        assert "Some change" in page
        # What was typed stays in the form.
        assert 'value="10"' in page

    def test_the_cached_filter_form_follows_the_people_and_what_was_typed(
        self, client, board, alice, carol
    ):
        _event(board, alice, "Alice's change")
        client.force_login(alice)
        first = client.get(_url(board)).content.decode()
        assert 'name="person"' in first and "Carol" not in first
        _event(board, carol, "Carol's change")
        assert f'<option value="{carol.pk}">' in client.get(_url(board)).content.decode()
        # The same form with a date typed wrong, twice: the error each time.
        wrong = {"since_0": 31, "since_1": 2, "since_2": 2026}
        for _ in range(2):
            page = client.get(_url(board, **wrong)).content.decode()
            assert "govuk-form-group--error" in page
            assert 'value="31"' in page

    def test_pages_of_fifty_keep_the_filters(self, client, board, alice):
        for i in range(55):
            _event(board, alice, f"Change {i}")
        client.force_login(alice)
        page = client.get(_url(board, person=alice.pk)).content.decode()
        assert "55 changes" in page
        assert f"?person={alice.pk}&amp;page=2" in page
        assert "Change 54" in page and "Change 0" not in page
        second = client.get(_url(board, person=alice.pk, page=2)).content.decode()
        assert "Change 0" in second and "Change 54" not in second


class TestCsv:
    def test_exports_every_matching_change_with_filters(self, client, board, alice, carol):
        for i in range(60):
            _event(board, alice, f"Alice change {i}")
        _event(board, carol, '=HYPERLINK("http://evil")', changes={"title": ["a", "b"]})
        client.force_login(alice)
        response = client.get(reverse("boards:activity_csv", args=[board.slug]))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0][0].lstrip("\ufeff") == "When"
        assert len(rows) == 1 + 61
        # A formula typed into the product is exported as text, not run by a spreadsheet.
        assert not rows[1][5].startswith("=")
        assert '"title": ["a", "b"]' in rows[1][6]

        response = client.get(
            reverse("boards:activity_csv", args=[board.slug]) + f"?person={carol.pk}"
        )
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == 2


@pytest.mark.parametrize("events", [5, 200])
def test_the_page_runs_the_same_queries_however_long_the_history(client, board, alice, events):
    for i in range(events):
        _event(board, alice if i % 2 else None, f"Change {i}")
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(board)).status_code == 200
    # session, user, board, the user's memberships of it (access), the people who made
    # changes (the filter's choices), the newest event, the count, one page of events with
    # their authors.
    assert len(queries) == 8, [q["sql"] for q in queries]
    # Then the list comes from the cache, until the next event.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(board)).status_code == 200
    assert len(queries) == 6, [q["sql"] for q in queries]


def test_a_new_event_shows_on_the_next_view_even_when_no_version_moves(client, board, alice):
    _event(board, alice, "Change 0")
    client.force_login(alice)
    client.get(_url(board))
    # An event recorded with no write that moves the board on (a link opened, say).
    _event(board, None, "A partner opened a link")
    assert "A partner opened a link" in client.get(_url(board)).content.decode()
