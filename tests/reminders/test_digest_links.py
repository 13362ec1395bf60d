"""The digest's meetings whose papers are out and section 11 audits awaiting someone, and the
weekly email to partner contacts without an account, which carries their links afresh: a
digest's links replace the previous digest's, never the officer's, and a week's digest goes
once however often the task runs."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.utils import timezone

from boards.models import Access, Meeting, MeetingStatus
from lscb import secure_links
from lscb.models import SecureLink
from reminders import services, tasks
from reminders.models import DigestLink, DigestSent
from reviews.models import ReturnStatus, S11Return
from reviews.services import partner
from tests.factories import MembershipFactory, SubgroupFactory, member
from tests.reviews.factories import ActionFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)
LEAD = "lead@police.example.org"


def tokens(text: str) -> list[str]:
    return re.findall(r"/link/([A-Za-z0-9_-]{20,})/", text)


# Meetings whose papers are out


def test_the_digest_lists_meetings_ahead_whose_agenda_is_out_for_the_persons_own_places(
    board, alice
):
    alice.email = "alice@example.org"
    alice.save()
    mine = SubgroupFactory(board=board, name="Quality and Performance")
    theirs = SubgroupFactory(board=board, name="Training")
    MembershipFactory(
        person=alice.person, board=board, subgroup=mine, access=Access.MEMBER, role="officer"
    )
    published = MeetingStatus.AGENDA_PUBLISHED
    Meeting.objects.create(board=board, date=MONDAY + dt.timedelta(days=9), status=published)
    Meeting.objects.create(
        board=board,
        subgroup=mine,
        date=MONDAY + dt.timedelta(days=3),
        status=published,
        venue="Civic Centre",
    )
    Meeting.objects.create(board=board, subgroup=theirs, date=MONDAY, status=published)
    Meeting.objects.create(board=board, date=MONDAY + dt.timedelta(days=20))  # planned
    Meeting.objects.create(board=board, date=MONDAY - dt.timedelta(days=1), status=published)

    assert services.digest_send(user_id=alice.pk, today=MONDAY) == 2
    [message] = mail.outbox
    for body in (message.body, message.alternatives[0][0]):
        assert "Meetings whose papers are out" in body
        assert "Quality and Performance, Thursday 10 December 2026" in body
        assert f"{board.name}, Wednesday 16 December 2026" in body
        assert "Training" not in body and "Sunday 6 December" not in body


# Section 11 audits awaiting a person with a login


def test_an_audit_awaiting_a_login_comes_with_a_new_link_that_opens_it(
    client, board, alice, audit_return
):
    lead = member(board, "dci", Access.MEMBER)
    lead.email = "Lead@Police.example.org"
    lead.save()

    assert services.digest_send(user_id=lead.pk, today=MONDAY) == 1
    [message] = mail.outbox
    assert "Section 11 audits awaiting you" in message.body
    assert "Cleveland Police's section 11 self-assessment" in message.body
    [token] = tokens(message.body)
    assert tokens(message.alternatives[0][0]) == [token]
    landing = client.get(f"/link/{token}/")["Location"]
    assert client.get(landing).status_code == 200
    # The officer's own link still works: the digest adds a link, it does not replace it.
    assert SecureLink.objects.filter(revoked_at__isnull=True).count() == 2


def test_a_submitted_return_is_no_longer_awaiting(board, alice, audit_return):
    lead = member(board, "dci", Access.MEMBER)
    lead.email = LEAD
    lead.save()
    S11Return.objects.filter(pk=audit_return.pk).update(status=ReturnStatus.SUBMITTED)

    assert services.digest_send(user_id=lead.pk, today=MONDAY) == 0
    assert mail.outbox == []


# Partner contacts without a login


def test_a_partner_gets_one_email_with_a_new_link_for_each_thing_still_open(
    client, board, audit_return, action_link
):
    action, first_link = action_link

    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 2
    [message] = mail.outbox
    assert message.to == [LEAD]
    for body in (message.body, html.unescape(message.alternatives[0][0])):
        assert board.name in body
        assert "Train every response officer" in body and "JTAI" in body
        assert "Cleveland Police's section 11 self-assessment" in body
    found = tokens(message.body)
    assert len(found) == 2
    opened = {client.get(f"/link/{t}/")["Location"].rstrip("/").rsplit("/", 1)[-1] for t in found}
    assert opened == {"action", "section-11"}
    sent = DigestSent.objects.get()
    assert (sent.user, sent.address, sent.period, sent.items) == (None, LEAD, "2026-W50", 2)
    assert DigestLink.objects.filter(digest=sent).count() == 2
    first_link.refresh_from_db()
    assert first_link.revoked_at is None


def test_the_next_digest_stops_the_last_digests_links_and_the_same_week_sends_nothing(
    board, audit_return, action_link
):
    services.partner_digest_send(address=LEAD, today=MONDAY)
    assert services.partner_digest_send(address=LEAD, today=MONDAY + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 1
    first_week = set(DigestLink.objects.values_list("link_id", flat=True))

    services.partner_digest_send(address=LEAD, today=MONDAY + dt.timedelta(days=7))
    assert len(mail.outbox) == 2
    old = SecureLink.objects.filter(pk__in=first_week)
    assert all(link.revoked_at is not None for link in old)
    live = SecureLink.objects.filter(revoked_at__isnull=True)
    # The officers' two links and the second digest's two.
    assert live.count() == 4
    assert not live.filter(pk__in=first_week).exists()


def test_nothing_goes_for_finished_work_revoked_links_or_an_address_with_a_login(
    board, alice, audit_return, action_link
):
    action, link = action_link
    action.current_rag = "complete"
    action.save()
    S11Return.objects.filter(pk=audit_return.pk).update(status=ReturnStatus.SUBMITTED)
    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 0

    other = ActionFactory(recommendation=action.recommendation, what="Still open")
    revoked = partner.action_link_send(action=other, by=alice, sent_to="gone@example.org")
    partner.action_link_revoke(link=revoked, by=alice)
    assert services.partner_digest_send(address="gone@example.org", today=MONDAY) == 0

    partner.action_link_send(action=other, by=alice, sent_to="alice@example.org")
    assert services.partner_digest_send(address="alice@example.org", today=MONDAY) == 0
    assert not DigestSent.objects.exists()
    assert [m.subject for m in mail.outbox if "waiting" in m.subject] == []


def test_a_digest_that_fails_to_send_leaves_no_record_and_no_new_link(
    board, audit_return, action_link, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    before = set(SecureLink.objects.filter(revoked_at__isnull=True).values_list("pk", flat=True))
    with pytest.raises(OSError):
        services.partner_digest_send(address=LEAD, today=MONDAY)
    assert not DigestSent.objects.exists()
    live = set(SecureLink.objects.filter(revoked_at__isnull=True).values_list("pk", flat=True))
    assert live == before
    monkeypatch.undo()
    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 2


def test_the_weekly_task_run_twice_sends_partners_one_email_each(board, alice, audit_return):
    alice.email = ""
    alice.save()
    tasks.send_digests(MONDAY.isoformat())
    tasks.send_digests(MONDAY.isoformat())
    assert [m.to for m in mail.outbox] == [[LEAD]]


def test_a_digest_link_expired_or_revoked_by_an_officer_is_not_renewed(board, alice, audit_return):
    for link in SecureLink.objects.all():
        secure_links.link_revoke(link=link, by=alice, summary="Stopped")
    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 0
    SecureLink.objects.update(revoked_at=None, expires_at=timezone.now())
    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 0


def test_a_login_whose_only_tie_is_a_section_11_link_gets_it_in_their_digest(audit_return):
    from tests.factories import UserFactory

    lead = UserFactory(username="dci", email="Lead@Police.example.org")  # no seat, no actions
    assert lead.pk in services.due_user_ids(MONDAY)
    # Their address belongs to a login, so the partner digest leaves it to this one.
    assert LEAD not in services.selectors.partner_addresses(timezone.now())

    assert services.digest_send(user_id=lead.pk, today=MONDAY) == 1
    [message] = mail.outbox
    assert message.to == [LEAD]
    assert "Section 11 audits awaiting you" in html.unescape(message.alternatives[0][0])
    assert len(tokens(message.body)) == 1
