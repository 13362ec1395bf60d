"""A lead named on a board's actions or outcomes who has a login but no seat on that board
gets the digest of what is theirs there: their open actions and their outcomes' updates
due, each with a new secure link (the board's pages are closed to them). A lead with
neither login nor seat, known by email, gets the partner digest as before, carrying the
outcomes an officer sent them a link for."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lscb.models import SecureLink
from reminders import services, tasks
from reminders.models import DigestLink
from tests.factories import PersonFactory, UserFactory
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans.models import Outcome

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def tokens(text: str) -> list[str]:
    return re.findall(r"/link/([A-Za-z0-9_-]{20,})/", text)


@pytest.fixture
def lead(board):
    """DCI Smith: a login, named on the board's work, with no seat on it."""
    user = UserFactory(username="dci", email="DCI.Smith@police.example.org")
    PersonFactory(user=user, name="DCI Smith")
    review = ReviewFactory(board=board, title="Joint inspection")
    overdue = ActionFactory(
        recommendation=RecommendationFactory(review=review),
        what="Audit strategy meetings",
        timescale=dt.date(2026, 11, 1),
    )
    ahead = ActionFactory(
        recommendation=RecommendationFactory(review=review),
        what="Train every response officer",
        timescale=dt.date(2027, 2, 1),
    )
    done = ActionFactory(
        recommendation=RecommendationFactory(review=review), what="Done", current_rag="complete"
    )
    for action in (overdue, ahead, done):
        action.responsible_people.add(user.person)
    workplan = WorkplanFactory(
        board=board, start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31), title="Plan"
    )
    OutcomeFactory(workplan=workplan, title="Reduce missing episodes").leads.add(user.person)
    OutcomeFactory(workplan=workplan, title="Someone else's")
    return user


def test_a_lead_without_a_seat_is_due_a_digest_and_gets_what_is_theirs(client, board, lead):
    assert lead.pk in services.due_user_ids(MONDAY)

    assert services.digest_send(user_id=lead.pk, today=MONDAY) == 3
    [message] = mail.outbox
    assert message.to == ["dci.smith@police.example.org"]
    for body in (message.body, html.unescape(message.alternatives[0][0])):
        assert board.name in body
        assert "Your open actions" in body
        assert "Audit strategy meetings" in body and "Train every response officer" in body
        assert "Done" not in body and "Someone else's" not in body
        assert "Reduce missing episodes" in body and "send your update" not in body
        # Nothing the lead cannot open: no page of the board.
        assert f"/boards/{board.slug}/" not in body
    assert "List-Unsubscribe" not in message.extra_headers  # a login has preferences
    found = tokens(message.body)
    assert len(found) == 3 and tokens(message.alternatives[0][0]) == found
    landings = [client.get(f"/link/{token}/")["Location"] for token in found]
    assert sorted(landing.rsplit("/", 2)[1] for landing in landings) == [
        "action",
        "action",
        "outcome",
    ]
    for landing in landings:
        assert client.get(landing).status_code == 200
    outcome_link = SecureLink.objects.get(purpose="outcome_progress")
    assert outcome_link.target.title == "Reduce missing episodes"
    assert outcome_link.sent_to == "dci.smith@police.example.org"
    client.force_login(lead)
    assert client.get(reverse("boards:detail", args=[board.slug])).status_code == 404


def test_next_weeks_digest_replaces_the_links_and_keeps_the_officers(board, alice, lead):
    from reviews.services import partner

    action = lead.person.review_actions.get(what="Audit strategy meetings")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partner, "_send", lambda *args: None)
        officers = partner.action_link_send(action=action, by=alice, sent_to=lead.email)
    services.digest_send(user_id=lead.pk, today=MONDAY)
    first = set(DigestLink.objects.values_list("link_id", flat=True))
    # The officer who sent a link for it is named as its sender, and the board's officer
    # for the links no one sent: never the lead, who would be told to ask themselves.
    senders = set(SecureLink.objects.filter(pk__in=first).values_list("created_by", flat=True))
    assert senders == {alice.pk}
    assert DigestLink.objects.filter(link__purpose="outcome_progress").count() == 1

    services.digest_send(user_id=lead.pk, today=MONDAY + dt.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert not SecureLink.objects.filter(pk__in=first, revoked_at__isnull=True).exists()
    # The new digest's link for the outcome works; last week's does not.
    assert SecureLink.objects.filter(purpose="outcome_progress", revoked_at=None).count() == 1
    officers.refresh_from_db()
    assert officers.revoked_at is None
    renewed = SecureLink.objects.filter(revoked_at=None).exclude(pk=officers.pk)
    assert set(renewed.values_list("created_by", flat=True)) == {alice.pk}


def test_a_lead_whose_digest_link_has_gone_is_told_to_ask_the_boards_officer(
    client, board, alice, lead
):
    services.digest_send(user_id=lead.pk, today=MONDAY)
    old = tokens(mail.outbox[0].body)
    services.digest_send(user_id=lead.pk, today=MONDAY + dt.timedelta(days=7))

    page = html.unescape(client.get(f"/link/{old[0]}/").content.decode())
    assert f"Ask {alice.get_full_name() or alice.username}" in page
    assert "Ask DCI Smith" not in page


def test_a_board_with_no_officer_names_the_lead_as_before(board, lead):
    from reminders import selectors

    [item, *_] = selectors.unseated_actions(lead, lead.email, MONDAY, timezone.now())
    assert item.sender == lead


def test_a_lead_with_neither_login_nor_seat_gets_the_partner_digest_as_before(board, alice, lead):
    from reviews.services import partner

    person = PersonFactory(name="Pat Partner", email="pat@health.example")
    action = ActionFactory(
        recommendation=RecommendationFactory(review=ReviewFactory(board=board)),
        what="Review the health pathway",
    )
    action.responsible_people.add(person)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partner, "_send", lambda *args: None)
        partner.action_link_send(action=action, by=alice, sent_to=person.email)
    alice.email = ""
    alice.save()

    tasks.send_digests(MONDAY.isoformat())
    tasks.send_digests(MONDAY.isoformat())

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["dci.smith@police.example.org", "pat@health.example"]
    partner_digest = by_address["pat@health.example"]
    assert "Review the health pathway" in partner_digest.body
    assert "List-Unsubscribe" in partner_digest.extra_headers
    assert "Review the health pathway" not in by_address["dci.smith@police.example.org"].body


def test_a_seated_member_keeps_the_boards_own_pages_for_their_actions(board, alice, lead):
    from boards.models import Access
    from tests.factories import MembershipFactory

    MembershipFactory(person=lead.person, board=board, access=Access.MEMBER)
    assert services.digest_send(user_id=lead.pk, today=MONDAY) == 2
    [message] = mail.outbox
    assert "Overdue actions" in message.body and "Your open actions" not in message.body
    assert tokens(message.body) == []
    assert f"/boards/{board.slug}/" in message.body


def test_a_lead_without_a_login_gets_a_fresh_link_per_outcome_update_due(board, alice):
    from workplans.services import links

    workplan = WorkplanFactory(
        board=board, start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31), title="Plan"
    )
    due = OutcomeFactory(workplan=workplan, title="Reduce missing episodes")
    updated = OutcomeFactory(workplan=workplan, title="Already reported")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(links, "email_link", lambda *args, **kwargs: None)
        first = links.outcome_link_send(outcome=due, by=alice, sent_to="pat@health.example")
        links.outcome_link_send(outcome=updated, by=alice, sent_to="pat@health.example")
    Outcome.objects.filter(pk=updated.pk).update(last_update_date=MONDAY)
    now = timezone.make_aware(dt.datetime(2026, 12, 7, 9))

    assert services.partner_digest_send(address="pat@health.example", today=MONDAY, now=now) == 1
    [message] = mail.outbox
    assert "Reduce missing episodes" in message.body and "Already reported" not in message.body
    assert len(tokens(message.body)) == 1
    fresh = DigestLink.objects.get().link
    assert (fresh.purpose, fresh.object_id, fresh.revoked_at) == ("outcome_progress", due.pk, None)

    # Next week's digest retires this one's link; the officer's own link keeps working.
    week = dt.timedelta(days=7)
    assert services.partner_digest_send(
        address="pat@health.example", today=MONDAY + week, now=now + week
    )
    fresh.refresh_from_db()
    first.refresh_from_db()
    assert fresh.revoked_at is not None and first.revoked_at is None
