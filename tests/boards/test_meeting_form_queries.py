"""The meeting's form pages read the same number of queries however many members, agenda
items, papers, minutes and decisions the meeting has: each page at two sizes, in the state
an officer or the chair meets it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.models import MeetingStatus
from boards.services import minutes as minutes_services
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.boards.test_meeting_pages import _grow

TODAY = dt.date.today()

# Every page starts: 1 session, 2 user, 3 board, 4 access, 5 the meeting. Beside its form
# each page reads only what it shows of the meeting (boards.meeting_selectors.MeetingPage).
PLANNED = {
    "boards:meeting_edit": 5,  # the form only
    # 6 agenda items with their minutes (none yet, so no decisions are read), 7 papers
    "boards:agenda_publish": 7,
    # 6 attendance with people, 7 the seats on the day
    "boards:meeting_attendance": 7,
    # the quorum: 6 attendance, 7 the seats on the day (which give the quorum its voting
    # members), 8 the constitution with any superseded quorum in force on the day
    "boards:meeting_held": 8,
    # 6 the seats on the day, 7 others recorded at the meeting, 8 the agenda items
    "boards:declaration_add": 8,
}
HELD = {
    "boards:minutes_edit": 6,  # 6 the agenda items with their minutes
    # 6 the agenda items with their minutes and decisions, 7 the next meeting of the body
    "boards:minutes_approve": 7,
}
APPROVED = {"boards:minutes_reopen": 5}  # the form only


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _planned(board, n: int):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.PLANNED)
    for number in range(1, n + 1):
        item = AgendaItemFactory(meeting=meeting, number=number, exempt_paragraph=1)
        item.papers.create(file=SimpleUploadedFile(f"paper{number}.txt", b"A paper"))
    return meeting


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 8])
@pytest.mark.parametrize(
    "state, name",
    [
        (s, p)
        for s in ("planned", "held", "approved")
        for p in {"planned": PLANNED, "held": HELD, "approved": APPROVED}[s]
    ],
)
def test_each_form_page_reads_a_fixed_number_of_queries(
    client, board, alice, carol, media, django_assert_num_queries, n, state, name
):
    _grow(board, n)  # n held meetings with n members, items, papers, minutes and decisions
    earliest = board.meetings.order_by("date").first()
    if state == "planned":
        meeting, who, expected = _planned(board, n), alice, PLANNED[name]
    elif state == "held":
        meeting, who, expected = earliest, (carol if "approve" in name else alice), HELD[name]
    else:
        minutes_services.minutes_approve(meeting=earliest, by=carol)
        meeting, who, expected = earliest, carol, APPROVED[name]
    client.force_login(who)
    with django_assert_num_queries(expected):
        response = client.get(reverse(name, args=[board.slug, meeting.pk]))
    assert response.status_code == 200
