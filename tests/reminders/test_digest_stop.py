"""A partner contact stops their weekly email from the link it carries (or their mail
program's one-click unsubscribe); the links they hold keep working; an officer sees who
stopped it on the board's links page and starts it again when asked."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lscb.models import AuditEvent
from reminders import services, tasks
from reviews.models import PartnerDigestOptOut
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)
LEAD = "lead@police.example.org"


def stop_path(text: str) -> str:
    return re.search(r"https?://[^/\s\"]+(/link/stop/[^/\s\"]+/)", text).group(1)


@pytest.fixture
def digest(action_link):
    """The week's partner digest to LEAD."""
    assert services.partner_digest_send(address=LEAD, today=MONDAY) == 1
    return mail.outbox[-1]


def test_a_partner_digest_carries_a_stop_link_and_the_one_click_unsubscribe_headers(digest):
    path = stop_path(digest.body)
    assert stop_path(html.unescape(digest.alternatives[0][0])) == path
    assert "To stop this weekly email (your links keep working)" in digest.body
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{path}>")
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    message = digest.message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_users_digest_carries_no_stop_link(board, alice):
    alice.email = "alice@example.org"
    alice.save()
    action = ActionFactory(
        recommendation=RecommendationFactory(review=ReviewFactory(board=board)),
        timescale=dt.date(2026, 11, 1),
    )
    action.responsible_people.add(alice.person)
    assert services.digest_send(user_id=alice.pk, today=MONDAY) == 1
    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/link/stop/" not in message.body


def test_the_page_asks_first_and_the_button_stops_the_email_but_not_the_links(digest, action_link):
    path = stop_path(digest.body)
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(path)
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert "Stop the weekly email" in page.content.decode() and LEAD in page.content.decode()
    assert not PartnerDigestOptOut.objects.exists()

    done = reader.post(path)
    assert done.status_code == 200
    assert "You will not get the weekly email" in done.content.decode()
    assert PartnerDigestOptOut.objects.get().one_click is False
    assert "You will not get the weekly email" in reader.get(path).content.decode()

    # The next week's run sends nothing, however often it runs.
    next_monday = MONDAY + dt.timedelta(days=7)
    assert services.partner_digest_send(address=LEAD, today=next_monday) == 0
    tasks.send_digests(next_monday.isoformat())
    tasks.send_digests(next_monday.isoformat())
    assert len(mail.outbox) == 1
    # The digest's link to the action still opens it.
    token = re.search(r"/link/([A-Za-z0-9_-]{20,})/", digest.body).group(1)
    landing = Client().get(f"/link/{token}/")
    assert landing.status_code == 302
    assert Client().get(landing["Location"]).status_code == 404  # only the opener's browser


def test_a_mail_programs_one_click_post_stops_it_with_no_cookie_or_form(digest, board):
    path = stop_path(digest.body)
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert PartnerDigestOptOut.objects.get(address=LEAD).one_click is True
    # Twice changes nothing more.
    Client().post(path, {"List-Unsubscribe": "One-Click"})
    [event] = AuditEvent.objects.filter(action="reminders.partner_opted_out")
    assert event.board_id == board.pk and event.actor is None
    assert "mail program" in event.summary


def test_the_officer_sees_who_stopped_it_and_starts_it_again(client, board, alice, digest):
    Client().post(stop_path(digest.body))
    client.force_login(alice)
    url = reverse("reviews:links", args=[board.slug])
    page = client.get(url).content.decode()
    assert "Partner contacts who stopped the weekly email" in page
    assert "No weekly email" in page and LEAD in page
    opt_out = PartnerDigestOptOut.objects.get()

    clear = reverse("reviews:opt_out_clear", args=[board.slug, opt_out.pk])
    response = client.post(clear)
    assert response.status_code == 302 and response["Location"] == url
    assert not PartnerDigestOptOut.objects.exists()
    [event] = AuditEvent.objects.filter(action="reminders.partner_opt_out_cleared")
    assert event.actor == alice and event.board_id == board.pk
    assert "Every partner contact of the board gets the weekly email." in (
        client.get(url).content.decode()
    )
    assert services.partner_digest_send(address=LEAD, today=MONDAY + dt.timedelta(7)) == 1


def test_the_action_and_section_11_pages_show_the_address_stopped_it(
    client, board, alice, action_link, audit_return
):
    from reviews.services import digest_opt_outs

    digest_opt_outs.digest_opt_out(address=LEAD, one_click=False)
    client.force_login(alice)
    for url in (
        reverse("reviews:action_links", args=[board.slug, action_link[0].pk]),
        reverse("reviews:s11_return", args=[board.slug, audit_return.pk]),
    ):
        page = client.get(url).content.decode()
        assert "No weekly email" in page, url
        assert f"{reverse('reviews:links', args=[board.slug])}#stopped" in page


def test_the_chair_of_another_board_cannot_start_it_for_a_contact_of_this_one(
    client, board, other_board, charlie, digest
):
    Client().post(stop_path(digest.body))
    opt_out = PartnerDigestOptOut.objects.get()
    client.force_login(charlie)
    clear = reverse("reviews:opt_out_clear", args=[other_board.slug, opt_out.pk])
    assert client.post(clear).status_code == 404
    assert PartnerDigestOptOut.objects.exists()
