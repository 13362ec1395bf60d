"""Minutes: written per agenda item once the meeting is held, shown on the meeting page,
refused before the meeting and after approval, and never overwriting a colleague's text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from boards.models import MeetingStatus, Minute
from boards.services import minutes as services
from lscb.models import AuditEvent
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import member

TODAY = dt.date.today()


@pytest.fixture
def held(board):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    AgendaItemFactory(meeting=meeting, number=1, title="Neglect strategy")
    AgendaItemFactory(meeting=meeting, number=2, title="A child's case", exempt_paragraph=1)
    return meeting


def _items(meeting):
    return list(meeting.items.order_by("number"))


def test_minutes_are_saved_per_item_and_audited(held, alice):
    first, second = _items(held)
    services.minutes_save(
        meeting=held,
        discussions={first.pk: "  The strategy was agreed.  ", second.pk: ""},
        by=alice,
    )
    minute = Minute.objects.get(item=first)
    assert minute.discussion == "The strategy was agreed." and minute.written_by == alice
    assert not Minute.objects.filter(item=second).exists()
    event = AuditEvent.objects.get(action="meeting.minutes_written")
    assert event.changes == {"item 1": ["", "The strategy was agreed."]}
    # Saving the same text again writes nothing and records nothing.
    services.minutes_save(
        meeting=held, discussions={first.pk: "The strategy was agreed."}, by=alice
    )
    assert AuditEvent.objects.filter(action="meeting.minutes_written").count() == 1


@pytest.mark.parametrize(
    "status, message",
    [
        (MeetingStatus.PLANNED, "once the meeting is marked as held"),
        (MeetingStatus.AGENDA_PUBLISHED, "once the meeting is marked as held"),
        (MeetingStatus.MINUTES_APPROVED, "The minutes are approved"),
    ],
)
def test_minutes_are_refused_before_the_meeting_and_once_approved(held, alice, status, message):
    held.status = status
    held.save()
    item = _items(held)[0]
    with pytest.raises(ValidationError, match=message):
        services.minutes_save(meeting=held, discussions={item.pk: "Agreed."}, by=alice)
    assert not Minute.objects.exists()


def test_an_item_of_another_meeting_is_refused(held, alice, board):
    other = AgendaItemFactory(meeting=MeetingFactory(board=board, status=MeetingStatus.HELD))
    with pytest.raises(ValidationError, match="another meeting"):
        services.minutes_save(meeting=held, discussions={other.pk: "Agreed."}, by=alice)


def test_a_colleagues_change_made_meanwhile_is_kept(held, alice, board):
    first, second = _items(held)
    services.minutes_save(meeting=held, discussions={first.pk: "Draft."}, by=alice)
    carol = member(board, "carol2")
    # Carol opened the page when item 1 read "Draft."; Alice then rewrote it.
    services.minutes_save(meeting=held, discussions={first.pk: "Agreed by all."}, by=alice)
    # Carol leaves item 1 as she saw it and writes item 2: Alice's text stays.
    services.minutes_save(
        meeting=held,
        discussions={first.pk: "Draft.", second.pk: "Discussed in private."},
        originals={first.pk: "Draft.", second.pk: ""},
        by=carol,
    )
    assert Minute.objects.get(item=first).discussion == "Agreed by all."
    assert Minute.objects.get(item=second).discussion == "Discussed in private."
    # Carol changes item 1 too, from the text she saw: refused, nothing of hers is lost.
    with pytest.raises(ValidationError) as refused:
        services.minutes_save(
            meeting=held,
            discussions={first.pk: "Noted."},
            originals={first.pk: "Draft."},
            by=carol,
        )
    assert "Someone else changed the minute of item 1" in str(refused.value)
    assert Minute.objects.get(item=first).discussion == "Agreed by all."


def test_a_minute_over_its_limit_is_refused_beside_its_item(client, held, alice):
    first, _ = _items(held)
    client.force_login(alice)
    url = reverse("boards:minutes_edit", args=[held.board.slug, held.pk])
    response = client.post(url, {f"item_{first.pk}": "x" * 4001, f"original_{first.pk}": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and f'href="#id_item_{first.pk}"' in page
    assert "x" * 4001 in page  # what was typed is kept
    assert not Minute.objects.exists()


def test_an_officer_writes_the_minutes_and_the_meeting_page_shows_them(client, held, alice):
    first, second = _items(held)
    client.force_login(alice)
    url = reverse("boards:minutes_edit", args=[held.board.slug, held.pk])
    page = client.get(url).content.decode()
    assert "1. Neglect strategy" in page and "kept out of the public minutes" in page
    response = client.post(
        url,
        {
            f"item_{first.pk}": "The strategy was agreed.",
            f"original_{first.pk}": "",
            f"item_{second.pk}": "",
            f"original_{second.pk}": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{held.get_absolute_url()}#minutes"
    page = client.get(held.get_absolute_url()).content.decode()
    assert "The strategy was agreed." in page and "Nothing minuted yet." in page


def test_the_minutes_page_says_why_it_cannot_be_written_yet(client, board, alice):
    meeting = MeetingFactory(board=board)
    AgendaItemFactory(meeting=meeting)
    client.force_login(alice)
    url = reverse("boards:minutes_edit", args=[board.slug, meeting.pk])
    page = client.get(url).content.decode()
    assert "once the meeting is marked as held" in page and "Save minutes" not in page
    assert "Write the minutes" not in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who, status", [("outsider", 404), ("bob", 403), ("alice", 200)])
def test_only_officers_write_the_minutes(client, held, other_board, bob, alice, who, status):
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice}
    client.force_login(users[who])
    url = reverse("boards:minutes_edit", args=[held.board.slug, held.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {}).status_code == status


def test_a_subgroup_officer_writes_their_subgroups_minutes_only(client, board):
    from boards.models import Access
    from tests.factories import SubgroupFactory

    mine, other = SubgroupFactory(board=board), SubgroupFactory(board=board)
    sam = member(board, "sam", Access.OFFICER, subgroup=mine)
    client.force_login(sam)
    for subgroup, status in ((mine, 200), (other, 403)):
        meeting = MeetingFactory(board=board, subgroup=subgroup, status=MeetingStatus.HELD)
        url = reverse("boards:minutes_edit", args=[board.slug, meeting.pk])
        assert client.get(url).status_code == status


@pytest.mark.parametrize("n", [2, 8])
def test_the_minutes_page_reads_a_fixed_number_of_queries(
    client, board, alice, django_assert_num_queries, n
):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    for number in range(1, n + 1):
        item = AgendaItemFactory(meeting=meeting, number=number)
        Minute.objects.create(item=item, discussion=f"Minute {number}")
    client.force_login(alice)
    url = reverse("boards:minutes_edit", args=[board.slug, meeting.pk])
    # 1 session, 2 user, 3 board, 4 access, 5 meeting with its subgroup, 6 items with
    # their minutes
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("Minute ") >= n
