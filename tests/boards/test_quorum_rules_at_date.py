"""A meeting's quorum is judged by the constitution as it stood on the meeting's date: when
an admin changes the quorum, meetings already held keep the old one (on their page too),
and meetings from today on take the new one."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from boards.meeting_models import SupersededQuorum
from boards.meeting_quorum import meeting_quorum
from boards.models import Constitution
from boards.services import meetings as services
from tests.boards.meeting_factories import MeetingFactory, constitution, seats

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


class _Form(HTMLParser):
    """The values a browser would send from the admin's change form, as it was served."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.data[name] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _admin_change(client, rules: Constitution, **changes) -> None:
    url = reverse("admin:boards_constitution_change", args=[rules.pk])
    form = _Form()
    form.feed(client.get(url).content.decode())
    response = client.post(url, form.data | {k: str(v) for k, v in changes.items()})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_an_admin_raising_the_quorum_leaves_past_meetings_judged_by_the_old_one(
    client, admin_user, board, alice
):
    rules = constitution(board, quorum=2)
    people = seats(board, 4)
    held = MeetingFactory(board=board, date=TODAY - dt.timedelta(days=14))
    services.meeting_record_attendance(
        meeting=held, present=people[:2], apologies=people[2:], by=None
    )
    services.meeting_mark_held(meeting=held, by=None)
    coming = MeetingFactory(board=board, date=TODAY + dt.timedelta(days=14))
    services.meeting_record_attendance(meeting=coming, present=[], apologies=people[2:], by=None)

    client.force_login(admin_user)
    _admin_change(client, rules, quorum=3)

    rules.refresh_from_db()
    assert rules.quorum == 3
    past = SupersededQuorum.objects.get(constitution=rules)
    assert (past.quorum, past.until) == (2, TODAY - dt.timedelta(days=1))
    held.refresh_from_db()
    assert held.quorum_met is True
    assert meeting_quorum(held).required == 2 and meeting_quorum(held).met is True
    # Two expected after apologies no longer make the new quorum of three.
    assert meeting_quorum(coming).required == 3 and meeting_quorum(coming).expected_met is False

    client.force_login(alice)
    page = client.get(reverse("boards:meeting", args=[board.slug, held.pk])).content.decode()
    assert "2 voting members of 4" in page and "Quorate" in page
    page = client.get(reverse("boards:meeting", args=[board.slug, coming.pk])).content.decode()
    assert "3 voting members of 4" in page


def test_a_quorum_changed_twice_judges_each_meeting_by_the_rule_of_its_day(board):
    rules = constitution(board, quorum=4)
    SupersededQuorum.objects.create(constitution=rules, quorum=2, until=dt.date(2025, 3, 31))
    SupersededQuorum.objects.create(constitution=rules, quorum=3, until=dt.date(2025, 9, 30))
    people = seats(board, 4, on=dt.date(2025, 6, 1))
    expected = {
        dt.date(2025, 3, 31): 2,
        dt.date(2025, 4, 1): 3,
        dt.date(2025, 9, 30): 3,
        dt.date(2025, 10, 1): 4,
    }
    for day, required in expected.items():
        meeting = MeetingFactory(board=board, date=day)
        services.meeting_record_attendance(
            meeting=meeting, present=people[:3], apologies=[], by=None
        )
        meeting.refresh_from_db()
        assert meeting_quorum(meeting).required == required, day
        assert meeting.quorum_met is (required <= 3), day


def test_a_body_that_once_had_no_quorum_had_none_on_the_days_before_it_was_set(board):
    rules = constitution(board, quorum=3)
    SupersededQuorum.objects.create(constitution=rules, quorum=None, until=dt.date(2025, 3, 31))
    before = MeetingFactory(board=board, date=dt.date(2025, 3, 31))
    after = MeetingFactory(board=board, date=dt.date(2025, 4, 1))
    assert meeting_quorum(before).required is None
    assert meeting_quorum(after).required == 3
