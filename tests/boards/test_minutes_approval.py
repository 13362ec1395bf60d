"""The chair approves a meeting's minutes at the next meeting; approved minutes and their
decisions are locked, with a clear message, until the chair reopens them with a reason,
through the same sign-off and reopening as review action plans."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boards.models import MeetingStatus, Minute, MinutesReopening, Person
from boards.services import minutes as services
from lscb.models import AuditEvent
from reviews.services.minute_actions import minute_action_create
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import member

TODAY = dt.date.today()


@pytest.fixture
def held(board):
    meeting = MeetingFactory(
        board=board, date=TODAY - dt.timedelta(days=60), status=MeetingStatus.HELD
    )
    item = AgendaItemFactory(meeting=meeting, number=1, title="Neglect strategy")
    Minute.objects.create(item=item, discussion="The strategy was agreed.")
    return meeting


@pytest.fixture
def next_one(board):
    return MeetingFactory(board=board, date=TODAY)


def test_the_chair_approves_the_minutes_at_the_next_meeting(held, next_one, carol):
    services.minutes_approve(meeting=held, by=carol)
    held.refresh_from_db()
    assert held.status == MeetingStatus.MINUTES_APPROVED
    assert held.signed_off_by == carol and held.is_signed_off
    event = AuditEvent.objects.get(action="meeting.minutes_approved")
    assert f"at the meeting of {TODAY:%-d %B %Y}" in event.summary


def test_only_the_chair_approves(held, next_one, alice):
    with pytest.raises(PermissionDenied):
        services.minutes_approve(meeting=held, by=alice)
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD and not held.is_signed_off


def test_minutes_wait_for_the_next_meeting(held, carol, board):
    with pytest.raises(ValidationError, match="Plan the next meeting first"):
        services.minutes_approve(meeting=held, by=carol)
    later = MeetingFactory(board=board, date=TODAY + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="The next one is on"):
        services.minutes_approve(meeting=held, by=carol)
    services.minutes_approve(meeting=held, by=carol, today=later.date)


def test_minutes_with_nothing_written_or_not_held_are_not_approved(board, next_one, carol):
    blank = MeetingFactory(board=board, date=TODAY - dt.timedelta(days=30), status="held")
    AgendaItemFactory(meeting=blank)
    with pytest.raises(ValidationError, match="Nothing is minuted yet"):
        services.minutes_approve(meeting=blank, by=carol)
    planned = MeetingFactory(board=board, date=TODAY - dt.timedelta(days=20))
    with pytest.raises(ValidationError, match="has not been held"):
        services.minutes_approve(meeting=planned, by=carol)


def test_approved_minutes_and_their_decisions_are_locked_until_reopened(
    held, next_one, alice, carol, bob
):
    item = held.items.get()
    services.minutes_approve(meeting=held, by=carol)
    with pytest.raises(ValidationError, match="The minutes are approved"):
        services.minutes_save(meeting=held, discussions={item.pk: "Changed."}, by=alice)
    owner = Person.objects.get(user=bob)
    with pytest.raises(ValidationError, match="The minutes are approved"):
        minute_action_create(item=item, what="Act", owner=owner, due=TODAY, by=alice)
    assert Minute.objects.get(item=item).discussion == "The strategy was agreed."

    with pytest.raises(ValidationError) as refused:
        services.minutes_reopen(meeting=held, by=carol, reason="  ")
    assert "Say why the minutes are being reopened." in refused.value.message_dict["reason"]
    with pytest.raises(PermissionDenied):
        services.minutes_reopen(meeting=held, by=alice, reason="A name was wrong.")

    reopening = services.minutes_reopen(meeting=held, by=carol, reason="A name was wrong.")
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD and not held.is_signed_off
    assert reopening.previously_signed_off_by == carol and reopening.reason == "A name was wrong."
    services.minutes_save(meeting=held, discussions={item.pk: "Corrected."}, by=alice)
    with pytest.raises(ValidationError, match="already open"):
        services.minutes_reopen(meeting=held, by=carol, reason="Again.")


def test_the_pages_say_approved_minutes_are_locked_and_show_each_reopening(
    client, held, next_one, alice, carol
):
    services.minutes_approve(meeting=held, by=carol)
    client.force_login(alice)
    page = client.get(reverse("boards:minutes_edit", args=[held.board.slug, held.pk]))
    assert "The minutes are approved, so they cannot change" in page.content.decode()
    page = client.get(held.get_absolute_url()).content.decode()
    assert "Approved</strong> by" in page and "Write the minutes" not in page
    assert "Reopen the minutes" not in page  # officers do not reopen
    client.force_login(carol)
    url = reverse("boards:minutes_reopen", args=[held.board.slug, held.pk])
    response = client.post(url, {"reason": ""})
    assert "There is a problem" in response.content.decode()
    response = client.post(url, {"reason": "A name was wrong."})
    assert response.status_code == 302
    page = client.get(held.get_absolute_url()).content.decode()
    assert "A name was wrong." in page and "Approve the minutes" in page
    assert MinutesReopening.objects.filter(meeting=held).count() == 1


def test_the_chair_approves_through_the_check_page(client, held, next_one, carol):
    client.force_login(carol)
    url = reverse("boards:minutes_approve", args=[held.board.slug, held.pk])
    page = client.get(url).content.decode()
    assert "The strategy was agreed." in page and f"{TODAY:%-d %B %Y}" in page
    response = client.post(url)
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == MeetingStatus.MINUTES_APPROVED


def test_the_chairs_list_shows_minutes_waiting(client, held, carol, alice, board):
    sub = MeetingFactory(board=board, date=TODAY - dt.timedelta(days=5), status="held")
    AgendaItemFactory(meeting=sub)  # nothing written: not waiting
    client.force_login(carol)
    page = re.sub(
        r"\s+", " ", client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    )
    assert "Awaiting your approval" in page
    assert f'#minutes-approval">{board.name}, {held.date:%-d %B %Y}</a>' in page
    assert f"{sub.date:%-d %B %Y}</a>" not in page
    client.force_login(alice)
    assert (
        "Awaiting your approval"
        not in client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    )


@pytest.mark.parametrize(
    "who, status", [("outsider", 404), ("bob", 403), ("alice", 403), ("carol", 200)]
)
def test_only_the_chair_opens_the_approval_pages(
    client, held, next_one, other_board, bob, alice, carol, who, status
):
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice, "carol": carol}
    client.force_login(users[who])
    for name in ("boards:minutes_approve", "boards:minutes_reopen"):
        assert client.get(reverse(name, args=[held.board.slug, held.pk])).status_code == status
