"""A decision recorded in the minutes in error (against the wrong item, or twice) is
withdrawn by an officer who writes the minutes, with a reason, while they are open: nothing
is deleted, but it leaves every list of open actions, its partner links stop working, and
the minute shows it withdrawn with the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boards.models import MeetingStatus, Person
from lscb import secure_links
from lscb.models import AuditEvent
from reviews.models import Action
from reviews.selectors.board_actions import board_open_actions, my_open_actions
from reviews.selectors.partner_links import partner_links
from reviews.services import partner
from reviews.services.minute_actions import (
    minute_action_create,
    minute_action_update,
    minute_action_withdraw,
)
from reviews.services.progress import action_record_progress
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import member
from tests.reviews.factories import ActionFactory

TODAY = dt.date.today()
DUE = TODAY + dt.timedelta(days=60)
REASON = "Recorded against item 3; it was decided under item 4."


@pytest.fixture
def item(board):
    meeting = MeetingFactory(board=board, date=TODAY, status=MeetingStatus.HELD)
    return AgendaItemFactory(meeting=meeting, number=3, title="Neglect strategy")


@pytest.fixture
def decision(item, bob, alice):
    return minute_action_create(
        item=item,
        what="Publish the neglect toolkit.",
        owner=Person.objects.get(user=bob),
        due=DUE,
        by=alice,
    )


def _url(board, action) -> str:
    return reverse("reviews:minute_action_withdraw", args=[board.slug, action.pk])


def test_a_withdrawn_decision_keeps_its_history_and_says_who_when_and_why(decision, alice, board):
    action_record_progress(action=decision, by=alice, date=TODAY, rag="on_track", narrative="Begun")
    minute_action_withdraw(action=decision, by=alice, reason=f"  {REASON} ")
    decision.refresh_from_db()
    assert decision.is_withdrawn and decision.withdrawn_by == alice
    assert decision.withdrawn_reason == REASON and decision.version == 2
    assert decision.updates.count() == 1 and decision.minute_id is not None
    event = AuditEvent.objects.get(action="action.decision_withdrawn")
    assert event.actor == alice and event.object_id == str(decision.pk)
    assert event.changes == {"withdrawn": ["", REASON]} and REASON in event.summary


def test_a_withdrawn_decision_leaves_the_open_actions_and_its_owners_list(
    decision, alice, bob, board
):
    review_action = ActionFactory(recommendation__review__board=board)
    minute_action_withdraw(action=decision, by=alice, reason=REASON)
    assert [a.pk for a in board_open_actions(board)] == [review_action.pk]
    assert my_open_actions(bob, board) == []


def test_an_empty_reason_is_refused_beside_the_field_and_nothing_changes(decision, alice):
    with pytest.raises(ValidationError) as refused:
        minute_action_withdraw(action=decision, by=alice, reason="   ")
    assert refused.value.message_dict == {"reason": ["Say why the decision is being withdrawn."]}
    decision.refresh_from_db()
    assert not decision.is_withdrawn
    assert not AuditEvent.objects.filter(action="action.decision_withdrawn").exists()


def test_approved_minutes_refuse_the_withdrawal_until_reopened(decision, item, alice):
    item.meeting.status = MeetingStatus.MINUTES_APPROVED
    item.meeting.save()
    with pytest.raises(ValidationError, match="The minutes are approved"):
        minute_action_withdraw(action=decision, by=alice, reason=REASON)
    decision.refresh_from_db()
    assert not decision.is_withdrawn


def test_a_withdrawn_decision_cannot_be_withdrawn_again_or_changed(decision, alice, bob):
    minute_action_withdraw(action=decision, by=alice, reason=REASON)
    with pytest.raises(ValidationError, match="was withdrawn"):
        minute_action_withdraw(action=decision, by=alice, reason="Again.")
    with pytest.raises(ValidationError, match="was withdrawn"):
        minute_action_update(
            action=decision, what="X", owner=Person.objects.get(user=bob), due=DUE, by=alice
        )
    decision.refresh_from_db()
    assert decision.withdrawn_reason == REASON and decision.what == "Publish the neglect toolkit."


def test_an_action_of_a_review_is_not_withdrawn_as_a_decision(board, alice):
    review_action = ActionFactory(recommendation__review__board=board)
    with pytest.raises(ValidationError, match="review's plan"):
        minute_action_withdraw(action=review_action, by=alice, reason=REASON)


def test_a_partner_link_to_a_withdrawn_decision_stops_with_the_gone_page(
    client, decision, alice, board
):
    link, token = secure_links.link_create(
        purpose=partner.PURPOSE,
        obj=decision,
        board=board,
        sent_to="lead@police.example.org",
        by=alice,
        summary="Sent",
    )
    landing = client.get(f"/link/{token}/")["Location"]
    assert client.get(landing).status_code == 200
    assert [row.link for row in partner_links(board)] == [link]

    minute_action_withdraw(action=decision, by=alice, reason=REASON)

    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == alice
    assert partner_links(board) == []
    gone = client.get(landing)
    assert gone.status_code == 410 and "This link no longer works" in gone.content.decode()
    assert client.post(landing, {"rag": "on_track"}).status_code == 410
    assert client.get(f"/link/{token}/").status_code == 410
    assert decision.updates.count() == 0
    revoked = AuditEvent.objects.get(action="link.revoked")
    assert "was withdrawn" in revoked.summary and revoked.actor == alice


def test_an_officer_withdraws_a_decision_from_the_meeting_page(
    client, decision, item, alice, bob, board
):
    client.force_login(alice)
    meeting_url = item.meeting.get_absolute_url()
    url = _url(board, decision)
    assert url in client.get(meeting_url).content.decode()
    form = client.get(url).content.decode()
    assert "Publish the neglect toolkit." in form
    assert "Why is this decision being withdrawn?" in form and "Withdraw the decision" in form
    assert not Action.objects.filter(withdrawn_at__isnull=False).exists()

    # An empty reason: the message beside the field, nothing withdrawn.
    refused = client.post(url, {"reason": "  "})
    page = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in page
    assert '<a href="#id_reason">Say why the decision is being withdrawn.</a>' in page
    assert 'class="govuk-error-message"' in page and page.count("Say why the decision") == 2
    decision.refresh_from_db()
    assert not decision.is_withdrawn

    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == f"{meeting_url}#decision-{decision.pk}"
    decision.refresh_from_db()
    assert decision.is_withdrawn
    page = client.get(meeting_url).content.decode()
    assert "Publish the neglect toolkit." in page and "Withdrawn" in page and REASON in page
    assert url not in page
    assert reverse("reviews:minute_action_edit", args=[board.slug, decision.pk]) not in page
    assert "This decision is withdrawn" in client.get(url).content.decode()
    open_page = client.get(reverse("reviews:open_actions", args=[board.slug])).content.decode()
    assert "Publish the neglect toolkit." not in open_page
    client.force_login(bob)
    mine = client.get(reverse("workplans:my_updates", args=[board.slug])).content.decode()
    assert "Publish the neglect toolkit." not in mine


def test_the_page_says_why_approved_minutes_take_no_withdrawal(
    client, decision, item, alice, carol
):
    item.meeting.status = MeetingStatus.MINUTES_APPROVED
    item.meeting.signed_off_by, item.meeting.signed_off_at = carol, timezone.now()
    item.meeting.save()
    client.force_login(alice)
    url = _url(item.meeting.board, decision)
    page = client.get(url).content.decode()
    assert "The minutes are approved" in page and "Withdraw the decision" not in page
    assert url not in client.get(item.meeting.get_absolute_url()).content.decode()
    client.post(url, {"reason": REASON})
    decision.refresh_from_db()
    assert not decision.is_withdrawn


def test_a_review_action_has_no_decision_to_withdraw(client, board, alice):
    review_action = ActionFactory(recommendation__review__board=board)
    client.force_login(alice)
    assert client.get(_url(board, review_action)).status_code == 404


@pytest.mark.parametrize("who, status", [("outsider", 404), ("bob", 403), ("alice", 200)])
def test_only_the_meetings_officers_withdraw_decisions(
    client, decision, board, other_board, bob, alice, who, status
):
    users = {"outsider": member(other_board, "olive"), "bob": bob, "alice": alice}
    client.force_login(users[who])
    assert client.get(_url(board, decision)).status_code == status
    assert client.post(_url(board, decision), {"reason": REASON}).status_code == (
        302 if who == "alice" else status
    )
    decision.refresh_from_db()
    assert decision.is_withdrawn == (who == "alice")


def test_a_withdrawn_decision_takes_no_more_progress_even_from_its_page(
    client, decision, alice, board
):
    minute_action_withdraw(action=decision, by=alice, reason=REASON)
    with pytest.raises(ValidationError):
        action_record_progress(action=decision, by=alice, date=TODAY, rag="on_track")

    client.force_login(alice)
    url = reverse("reviews:record_progress", args=[board.slug, decision.pk])
    day = {"date_0": TODAY.day, "date_1": TODAY.month, "date_2": TODAY.year}
    typed = day | {"rag": "on_track", "narrative": "Typed after it went"}
    page = client.post(url, typed)
    assert page.status_code == 200
    assert "This action has been withdrawn" in page.content.decode()
    assert "Typed after it went" in page.content.decode()
    assert decision.updates.count() == 0
