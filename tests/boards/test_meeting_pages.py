"""The meeting pages: what they show, their forms' errors, and query counts at two sizes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.models import AgendaItem, Attendance, MeetingStatus, Minute
from boards.services import meetings as services
from lscb.freshness import touch_board
from tests.boards.meeting_factories import (
    AgendaItemFactory,
    MeetingFactory,
    constitution,
    seats,
)
from tests.factories import AgencyFactory, SubgroupFactory
from tests.reviews.factories import ActionFactory

TODAY = dt.date.today()


def _grow(board, n: int) -> None:
    """n meetings of the board, each with n items with a paper and a minute deciding an
    action, n members and their attendance, and a declaration; all held in the current
    financial year."""
    people = seats(board, n, on=TODAY, agency=AgencyFactory())
    for i in range(n):
        meeting = MeetingFactory(
            board=board, date=TODAY - dt.timedelta(days=i), status=MeetingStatus.HELD
        )
        for number in range(1, n + 1):
            item = AgendaItemFactory(meeting=meeting, number=number, exempt_paragraph=1)
            item.papers.create(file=SimpleUploadedFile(f"paper{number}.txt", b"A paper"))
            minute = Minute.objects.create(item=item, discussion=f"Discussed item {number}.")
            action = ActionFactory(
                recommendation=None, board=board, minute=minute, agency=people[0].agency
            )
            action.responsible_people.set(people[:2])
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, person=p, kind="present") for p in people
        )
        meeting.declarations.create(person=people[0], interest="A governor")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 8])
def test_the_meetings_list_reads_a_fixed_number_of_queries(
    client, board, bob, media, django_assert_num_queries, n
):
    _grow(board, n)
    client.force_login(bob)
    # 1 session, 2 user, 3 board, 4 access (memberships), 5 meetings with their subgroups
    with django_assert_num_queries(5):
        response = client.get(reverse("boards:meetings", args=[board.slug]))
    assert response.status_code == 200
    assert response.content.decode().count("/meetings/") >= n


def _held_with_a_quorum(board, n: int):
    """The latest of the board's meetings grown with `n` minuted items, under a quorum."""
    _grow(board, n)
    constitution(board, quorum=2)
    return board.meetings.order_by("-date").first()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 8])
def test_the_meeting_page_reads_a_fixed_number_of_queries(
    client, board, alice, media, django_assert_num_queries, n
):
    meeting = _held_with_a_quorum(board, n)
    client.force_login(alice)
    # 1 session, 2 user, 3 board, 4 access, 5 meeting with its subgroup, 6 items with their
    # minutes, 7 their papers, 8 the minutes' actions with their agencies, 9 their owners,
    # 10 its agenda packs, 11 the times its minutes were reopened, 12 attendance with
    # people, 13 the seats on the day (the quorum's voting members among them), 14 the
    # constitution with a superseded quorum in force on the day, 15 declarations
    with django_assert_num_queries(15):
        response = client.get(reverse("boards:meeting", args=[board.slug, meeting.pk]))
    page = response.content.decode()
    assert page.count("paper") >= n
    assert "Schedule 12A, paragraph 1." in page
    assert page.count("Discussed item") == n and page.count('id="decision-') == n
    assert "Quorate" in page


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 8])
def test_progress_on_decisions_draws_the_agenda_and_minutes_again_but_not_the_attendance(
    client, board, alice, media, django_assert_num_queries, n
):
    meeting = _held_with_a_quorum(board, n)
    url = reverse("boards:meeting", args=[board.slug, meeting.pk])
    client.force_login(alice)
    first = client.get(url).content.decode()
    touch_board(board.pk, area="reviews")  # what recording progress on an action moves
    # 1 session, 2 user, 3 board, 4 access, 5 meeting, 6 its agenda packs, 7 items with
    # their minutes, 8 their papers, 9 the minutes' actions with their agencies, 10 their
    # owners, 11 the times its minutes were reopened; the attendance, the quorum and the
    # declarations come from the cache.
    with django_assert_num_queries(11):
        again = client.get(url).content.decode()
    assert "Quorate" in first and "A governor" in first
    assert _without_tokens(again) == _without_tokens(first)


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 8])
def test_the_attendance_table_reads_a_fixed_number_of_queries(
    client, board, bob, media, django_assert_num_queries, n
):
    _grow(board, n)
    client.force_login(bob)
    # 1 session, 2 user, 3 board, 4 access, 5 the year's held meetings, 6 the seats, 7 who
    # attended them
    with django_assert_num_queries(7):
        response = client.get(reverse("boards:meeting_attendance_year", args=[board.slug]))
    assert response.status_code == 200
    assert "100%" in response.content.decode()


@pytest.mark.django_db
def test_planning_a_meeting_keeps_what_was_typed_beside_its_errors(client, board, alice):
    client.force_login(alice)
    url = reverse("boards:meeting_plan", args=[board.slug])
    response = client.post(url, {"date_0": "31", "date_1": "2", "date_2": "2027", "venue": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "must be a real date" in page
    assert not board.meetings.exists()
    response = client.post(
        url,
        {"date_0": "3", "date_1": "2", "date_2": "2027", "start_time": "14:00", "venue": ""},
    )
    assert "Enter where the meeting is held, or a video link." in response.content.decode()
    response = client.post(
        url,
        {"date_0": "3", "date_1": "2", "date_2": "2027", "start_time": "14:00", "venue": "Hall"},
    )
    meeting = board.meetings.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.start_time == dt.time(14, 0)


@pytest.mark.django_db
def test_a_subgroup_officer_plans_for_their_own_subgroup_only(client, board):
    from boards.models import Access
    from tests.factories import member

    mine, other = SubgroupFactory(board=board, name="Training"), SubgroupFactory(board=board)
    sam = member(board, "sam", Access.OFFICER, subgroup=mine)
    client.force_login(sam)
    url = reverse("boards:meeting_plan", args=[board.slug])
    page = client.get(url).content.decode()
    assert (
        "Training" in page
        and other.name not in page
        and board.name not in page.split("<select")[1].split("</select>")[0]
    )
    data = {"date_0": "3", "date_1": "2", "date_2": "2027", "venue": "Hall"}
    assert client.post(url, {**data, "subgroup": other.pk}).status_code == 200
    assert client.post(url, {**data, "subgroup": mine.pk}).status_code == 302
    assert board.meetings.get().subgroup == mine


@pytest.mark.django_db
def test_a_late_agenda_shows_a_warning_and_needs_a_reason(client, board, alice):
    meeting = MeetingFactory(board=board, date=TODAY + dt.timedelta(days=3))
    AgendaItemFactory(meeting=meeting)
    client.force_login(alice)
    url = reverse("boards:agenda_publish", args=[board.slug, meeting.pk])
    page = client.get(url).content.decode()
    assert "The agenda is late" in page
    response = client.post(url, {"reason": ""})
    assert "Say why it is late." in response.content.decode()
    response = client.post(url, {"reason": "The police paper was delayed."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.late_reason == "The police paper was delayed."
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Reason: The police paper was delayed." in page


@pytest.mark.django_db
def test_attendance_records_each_kind_and_a_substitute_and_shows_the_quorum(client, board, alice):
    constitution(board, quorum=2)
    a, b, c = seats(board, 3, on=TODAY)
    meeting = MeetingFactory(board=board, date=TODAY)
    client.force_login(alice)
    url = reverse("boards:meeting_attendance", args=[board.slug, meeting.pk])
    response = client.post(url, {f"kind_{a.pk}": "present", f"kind_{b.pk}": "substitute"})
    assert "Enter the name of the substitute." in response.content.decode()
    response = client.post(
        url,
        {
            f"kind_{a.pk}": "present",
            f"kind_{b.pk}": "substitute",
            f"substitute_{b.pk}": "Jo Deputy",
            f"kind_{c.pk}": "apologies",
        },
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Jo Deputy attended as substitute" in page
    assert "2 voting members present or represented" in page


@pytest.mark.django_db
def test_agenda_items_are_added_moved_and_given_papers_in_the_browser(client, board, alice, media):
    meeting = MeetingFactory(board=board, date=TODAY + dt.timedelta(days=20))
    client.force_login(alice)
    add = reverse("boards:agenda_item_add", args=[board.slug, meeting.pk])
    client.post(add, {"title": "Minutes"})
    client.post(add, {"title": "A referral", "exempt_paragraph": "2"})
    second = AgendaItem.objects.get(title="A referral")
    assert second.exempt_paragraph == 2
    client.post(
        reverse("boards:agenda_item_move", args=[board.slug, second.pk]), {"direction": "up"}
    )
    assert list(meeting.items.values_list("title", flat=True)) == ["A referral", "Minutes"]
    paper_url = reverse("boards:agenda_paper_add", args=[board.slug, second.pk])
    bad = client.post(paper_url, {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "Evidence must be one of these file types" not in bad.content.decode()
    assert "must be one of these file types" in bad.content.decode()
    client.post(paper_url, {"file": SimpleUploadedFile("referral.txt", b"Private")})
    paper = second.papers.get()
    download = client.get(reverse("boards:agenda_paper", args=[board.slug, paper.pk]))
    assert b"".join(download.streaming_content) == b"Private"
    services.meeting_mark_held(meeting=meeting, by=alice, today=meeting.date)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Move up" not in page and "Attach a paper" not in page
