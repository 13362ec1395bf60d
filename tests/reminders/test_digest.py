"""The digest: one email per person per period listing their updates due and overdue
actions, board by board, in plain text and HTML; never twice in a period; never when
nothing is waiting or the person turned it off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from boards.models import Access
from reminders import services, tasks
from reminders.models import DigestPreference, DigestSent
from tests.factories import member
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def waiting(board, alice):
    """An outcome with no update this quarter and an overdue action alice answers for."""
    alice.email = "alice@example.org"
    alice.save()
    workplan = WorkplanFactory(
        board=board, start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31), title="Plan"
    )
    OutcomeFactory(workplan=workplan, title="Train the workforce")
    review = ReviewFactory(board=board, title="Joint inspection")
    action = ActionFactory(
        recommendation=RecommendationFactory(review=review),
        what="Audit strategy meetings",
        timescale=dt.date(2026, 11, 1),
    )
    action.responsible_people.add(alice.person)
    ActionFactory(
        recommendation=RecommendationFactory(review=review),
        what="Not yet due",
        timescale=dt.date(2027, 2, 1),
    ).responsible_people.add(alice.person)
    return alice


def test_the_digest_lists_updates_due_and_overdue_actions_in_text_and_html(waiting, board):
    sent = services.digest_send(user_id=waiting.pk, today=MONDAY)

    assert sent == 2
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    for body in (message.body, message.alternatives[0][0]):
        assert board.name in body
        assert "Train the workforce" in body and "Audit strategy meetings" in body
        assert "Not yet due" not in body
    assert message.alternatives[0][1] == "text/html"
    assert "<img" not in message.alternatives[0][0]


def test_a_second_run_in_the_same_week_sends_nothing_and_the_next_week_sends_again(waiting):
    services.digest_send(user_id=waiting.pk, today=MONDAY)
    services.digest_send(user_id=waiting.pk, today=MONDAY + dt.timedelta(days=2))
    assert len(mail.outbox) == 1

    services.digest_send(user_id=waiting.pk, today=MONDAY + dt.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert list(DigestSent.objects.values_list("period", flat=True).order_by("period")) == [
        "2026-W50",
        "2026-W51",
    ]


def test_a_monthly_digest_goes_on_the_first_run_of_the_month_only(waiting):
    DigestPreference.objects.create(user=waiting, frequency="monthly")
    for week in range(4):
        services.digest_send(user_id=waiting.pk, today=MONDAY + dt.timedelta(days=7 * week))

    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_turned_off_or_when_nothing_is_waiting(waiting, board, bob):
    bob.email = "bob@example.org"
    bob.save()
    DigestPreference.objects.create(user=waiting, frequency="off")

    assert services.digest_send(user_id=waiting.pk, today=MONDAY) == 0
    assert services.digest_send(user_id=bob.pk, today=MONDAY) == 0  # a member: nothing due
    assert mail.outbox == []


def test_the_weekly_task_run_twice_sends_each_person_one_email(waiting, board):
    other = member(board, "dora", Access.OFFICER)
    other.email = "dora@example.org"
    other.save()

    tasks.send_digests(MONDAY.isoformat())
    tasks.send_digests(MONDAY.isoformat())

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "dora@example.org"]


def test_a_digest_shows_only_the_persons_own_boards(waiting, other_board, charlie):
    charlie.email = "charlie@example.org"
    charlie.save()

    services.digest_send(user_id=charlie.pk, today=MONDAY)

    assert all("Train the workforce" not in m.body for m in mail.outbox)


def test_a_person_chooses_how_often_on_their_own_page(client, alice):
    client.force_login(alice)
    url = reverse("reminders:preferences")

    refused = client.post(url, {})
    saved = client.post(url, {"frequency": "monthly"})

    assert "Choose how often you want the email." in refused.content.decode()
    assert saved.status_code == 302
    assert DigestPreference.objects.get(user=alice).frequency == "monthly"
    assert reverse("reminders:preferences") in client.get(reverse("profile")).content.decode()


def test_an_overdue_decision_from_the_minutes_links_back_to_its_minute(waiting, board):
    from boards.models import MeetingStatus
    from reviews.services.minute_actions import minute_action_create
    from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(board=board, date=dt.date(2026, 9, 9), status=MeetingStatus.HELD)
    item = AgendaItemFactory(meeting=meeting, number=4)
    minute_action_create(
        item=item,
        what="Write to schools about the toolkit",
        owner=waiting.person,
        due=dt.date(2026, 10, 30),
        by=waiting,
    )
    services.digest_send(user_id=waiting.pk, today=MONDAY)

    [message] = mail.outbox
    for body in (message.body, message.alternatives[0][0]):
        assert "Write to schools about the toolkit" in body
        assert "9 September 2026, item 4" in body
        assert f"/meetings/{meeting.pk}/#minute-{item.pk}" in body
