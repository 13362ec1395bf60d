"""Decisions recorded in a meeting's minutes become actions of the board: on the owner's
"my updates due" and the board's open actions, taking progress and partner links like any
action, and linking back to their minute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from boards.models import MeetingStatus, Minute, Person
from lscb.models import AuditEvent
from reviews.models import Action
from reviews.selectors.board_actions import board_open_actions, my_open_actions
from reviews.services.minute_actions import minute_action_create, minute_action_update
from reviews.services.partner import action_link_send
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import AgencyFactory, PersonFactory, member
from tests.reviews.factories import ActionFactory

TODAY = dt.date.today()
DUE = TODAY + dt.timedelta(days=60)


@pytest.fixture
def item(board):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    return AgendaItemFactory(meeting=meeting, number=3, title="Neglect strategy")


@pytest.fixture
def owner(bob):
    return Person.objects.get(user=bob)


def _decide(item, owner, by, **more):
    return minute_action_create(
        item=item, what="Publish the neglect toolkit.", owner=owner, due=DUE, by=by, **more
    )


def test_a_decision_becomes_an_action_of_the_board_from_its_minute(item, owner, alice, board):
    action = _decide(item, owner, alice)
    assert action.board == board and action.recommendation is None
    assert action.minute == Minute.objects.get(item=item)
    assert list(action.responsible_people.all()) == [owner]
    assert action.agency == owner.agency and action.timescale == DUE
    assert AuditEvent.objects.filter(action="action.decided", object_id=str(action.pk)).exists()
    assert action.source_title.endswith(f"{item.meeting.date:%-d %B %Y}, item 3")
    assert action.source_url == f"{item.meeting.get_absolute_url()}#minute-{item.pk}"


def test_the_agency_can_differ_from_the_owners_own(item, owner, alice):
    police = AgencyFactory(name="Police")
    assert _decide(item, owner, alice, agency=police).agency == police


def test_a_decision_shows_on_the_owners_list_and_the_boards_open_actions(
    item, owner, alice, bob, board
):
    action = _decide(item, owner, alice)
    review_action = ActionFactory(recommendation__review__board=board)
    assert {a.pk for a in board_open_actions(board)} == {action.pk, review_action.pk}
    assert [a.pk for a in my_open_actions(bob, board)] == [action.pk]
    assert my_open_actions(alice, board) == []


@pytest.mark.parametrize(
    "status", [MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED, "minutes_approved"]
)
def test_decisions_are_refused_before_the_meeting_and_once_approved(item, owner, alice, status):
    item.meeting.status = status
    item.meeting.save()
    with pytest.raises(ValidationError):
        _decide(item, owner, alice)
    assert not Action.objects.exists()


def test_an_owner_from_outside_the_board_or_an_empty_decision_is_refused(item, alice):
    stranger = PersonFactory()
    with pytest.raises(ValidationError) as refused:
        minute_action_create(item=item, what=" ", owner=stranger, due=DUE, by=alice)
    assert set(refused.value.message_dict) == {"what", "owner"}
    assert not Action.objects.exists() and not Minute.objects.exists()


def test_someone_recorded_at_the_meeting_may_own_a_decision(item, alice):
    guest = PersonFactory(name="Guest Speaker")
    item.meeting.attendance.create(person=guest, kind="present")
    assert list(_decide(item, guest, alice).responsible_people.all()) == [guest]


def test_an_action_has_exactly_one_source(item, owner, alice, board):
    action = _decide(item, owner, alice)
    review_action = ActionFactory(recommendation__review__board=board)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(recommendation=review_action.recommendation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(minute=None)


def test_a_partner_link_for_a_decision_names_its_meeting(
    item, owner, alice, django_capture_on_commit_callbacks
):
    action = _decide(item, owner, alice)
    with django_capture_on_commit_callbacks(execute=True):
        link = action_link_send(action=action, by=alice, sent_to="lead@police.example.org")
    assert link.board_id == action.board_id
    assert mail.outbox and "Minutes of" in mail.outbox[0].subject


def test_an_officer_records_a_decision_and_progress_returns_to_the_minute(
    client, item, owner, alice, bob, board
):
    client.force_login(alice)
    url = reverse("reviews:minute_action_add", args=[board.slug, item.pk])
    page = client.get(url).content.decode()
    assert owner.name in page and "Record the decision" in page
    response = client.post(url, {"what": "", "owner": "", "due_0": "31", "due_1": "2"})
    page = response.content.decode()
    assert "There is a problem" in page and "Choose who owns the action." in page
    assert "Due date must include a year" in page and not Action.objects.exists()
    response = client.post(
        url,
        {
            "what": "Publish the neglect toolkit.",
            "owner": owner.pk,
            "due_0": DUE.day,
            "due_1": DUE.month,
            "due_2": DUE.year,
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{item.meeting.get_absolute_url()}#minute-{item.pk}"
    meeting_page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Publish the neglect toolkit." in meeting_page and owner.name in meeting_page
    actions_page = client.get(reverse("reviews:open_actions", args=[board.slug])).content.decode()
    assert "Publish the neglect toolkit." in actions_page
    assert f"#minute-{item.pk}" in actions_page and "item 3" in actions_page
    progress = reverse("reviews:record_progress", args=[board.slug, action.pk])
    page = client.get(progress).content.decode()
    assert "Decided at the meeting" in page and f"#minute-{item.pk}" in page
    response = client.post(
        progress,
        {
            "date_0": TODAY.day,
            "date_1": TODAY.month,
            "date_2": TODAY.year,
            "rag": "on_track",
            "narrative": "Drafted.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == action.source_url
    action.refresh_from_db()
    assert action.current_rag == "on_track"
    client.force_login(bob)
    mine = client.get(reverse("workplans:my_updates", args=[board.slug])).content.decode()
    assert "My open actions" in mine and "Publish the neglect toolkit." in mine


@pytest.mark.parametrize("who, status", [("outsider", 404), ("bob", 403), ("alice", 200)])
def test_only_officers_record_decisions(client, item, other_board, bob, alice, who, status):
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice}
    client.force_login(users[who])
    url = reverse("reviews:minute_action_add", args=[item.meeting.board.slug, item.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {}).status_code == status


@pytest.mark.parametrize("who, status", [("outsider", 404), ("bob", 200), ("alice", 200)])
def test_every_member_reads_the_open_actions(client, board, other_board, bob, alice, who, status):
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice}
    client.force_login(users[who])
    assert client.get(reverse("reviews:open_actions", args=[board.slug])).status_code == status


@pytest.mark.parametrize("n", [2, 8])
def test_the_open_actions_page_reads_a_fixed_number_of_queries(
    client, board, alice, django_assert_num_queries, n
):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    people = [Person.objects.get(user=member(board, f"owner{i}")) for i in range(n)]
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, number=i + 1)
        minute_action_create(item=item, what=f"Decision {i}", owner=people[i], due=DUE, by=alice)
        ActionFactory(recommendation__review__board=board, what=f"Review action {i}")
    client.force_login(alice)
    # 1 session, 2 user, 3 board, 4 access, 5 the open actions with their sources and
    # agencies, 6 their owners
    with django_assert_num_queries(6):
        response = client.get(reverse("reviews:open_actions", args=[board.slug]))
    page = response.content.decode()
    assert page.count("Decision ") == n and page.count("Review action ") == n


@pytest.mark.parametrize("n", [2, 8])
def test_my_updates_due_reads_the_same_queries_however_many_actions_are_mine(
    client, board, alice, bob, owner, django_assert_num_queries, n
):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, number=i + 1)
        minute_action_create(item=item, what=f"Decision {i}", owner=owner, due=DUE, by=alice)
        ActionFactory(
            recommendation__review__board=board, what=f"Review action {i}"
        ).responsible_people.add(owner)
    client.force_login(bob)
    # 1 session, 2 user, 3 board, 4 access, 5 the current workplan, 6 the open actions
    # naming bob with their sources and agencies, 7 their owners
    with django_assert_num_queries(7):
        response = client.get(reverse("workplans:my_updates", args=[board.slug]))
    page = response.content.decode()
    assert page.count("Decision ") == n and page.count("Review action ") == n


def test_the_plan_authoring_pages_do_not_open_a_decision(client, item, owner, alice, board):
    action = _decide(item, owner, alice)
    client.force_login(alice)
    for name in ("reviews:action_edit", "reviews:action_withdraw"):
        assert client.get(reverse(name, args=[board.slug, action.pk])).status_code == 404
    move = reverse("reviews:action_move", args=[board.slug, action.pk])
    assert client.post(move, {"direction": "up"}).status_code == 404
    links = reverse("reviews:action_links", args=[board.slug, action.pk])
    assert client.get(links).status_code == 200


def test_a_decision_is_corrected_while_the_minutes_are_open(item, owner, alice, board):
    action = _decide(item, owner, alice)
    other = Person.objects.get(user=member(board, "dora"))
    minute_action_update(
        action=action, what="Publish the toolkit online.", owner=other, due=DUE, by=alice
    )
    action.refresh_from_db()
    assert action.what == "Publish the toolkit online." and action.version == 2
    assert list(action.responsible_people.all()) == [other]
    event = AuditEvent.objects.get(action="action.decision_changed")
    assert event.changes["owner"] == [owner.name, other.name]
    item.meeting.status = "minutes_approved"
    item.meeting.save()
    with pytest.raises(ValidationError, match="The minutes are approved"):
        minute_action_update(action=action, what="Again.", owner=other, due=DUE, by=alice)
    review_action = ActionFactory(recommendation__review__board=board)
    with pytest.raises(ValidationError, match="review's plan"):
        minute_action_update(action=review_action, what="X", owner=other, due=DUE, by=alice)


def test_an_officer_changes_a_decision_from_the_meeting_page(client, item, owner, alice, board):
    action = _decide(item, owner, alice)
    client.force_login(alice)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    url = reverse("reviews:minute_action_edit", args=[board.slug, action.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "Publish the neglect toolkit." in form and f'value="{DUE.year}"' in form
    response = client.post(
        url,
        {
            "what": "Publish it online.",
            "owner": owner.pk,
            "due_0": DUE.day,
            "due_1": DUE.month,
            "due_2": DUE.year,
        },
    )
    assert response.status_code == 302 and response["Location"] == action.source_url
    action.refresh_from_db()
    assert action.what == "Publish it online."
    review_action = ActionFactory(recommendation__review__board=board)
    edit = reverse("reviews:minute_action_edit", args=[board.slug, review_action.pk])
    assert client.get(edit).status_code == 404


@pytest.mark.parametrize("who, status", [("outsider", 404), ("bob", 403), ("alice", 200)])
def test_only_officers_change_decisions(client, item, owner, other_board, bob, alice, who, status):
    action = _decide(item, owner, alice)
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice}
    client.force_login(users[who])
    url = reverse("reviews:minute_action_edit", args=[item.meeting.board.slug, action.pk])
    assert client.get(url).status_code == status
