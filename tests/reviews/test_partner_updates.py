"""Partner contacts updating their actions through a secure link: an officer sends and
revokes links from the action's links page; the partner records progress (with evidence)
exactly as an officer would, and the record names the partner's address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from reviews.models import ActionProgress
from reviews.services import partner
from tests.factories import member
from tests.reviews.factories import ActionFactory, RecommendationFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def links_url(board, action) -> str:
    return reverse("reviews:action_links", args=[board.slug, action.pk])


def send(client, board, action, address, django_capture_on_commit_callbacks):
    """The officer sends a link from the page; returns the token read from the email."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(links_url(board, action), {"sent_to": address})
    assert response.status_code == 302
    return re.search(r"/link/([A-Za-z0-9_-]+)/", mail.outbox[-1].body).group(1)


def progress_data(**extra) -> dict:
    today = dt.date.today()
    return {
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "rag": "on_track",
        "narrative": "",
        **extra,
    }


@pytest.mark.django_db
def test_an_officer_emails_a_link_for_one_action(
    client, board, alice, action, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    token = send(
        client, board, action, "Lead@Police.example.org", django_capture_on_commit_callbacks
    )

    message = mail.outbox[-1]
    assert message.to == ["lead@police.example.org"]
    assert board.name in message.subject
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert token in message.body and token in html
    assert action.what in message.body
    link = SecureLink.objects.get()
    assert (link.sent_to, link.created_by, link.board) == ("lead@police.example.org", alice, board)
    event = AuditEvent.objects.get(action="link.sent")
    assert event.changes["sent_to"] == "lead@police.example.org"
    assert event.actor == alice and event.board == board
    assert token not in str(event.changes) + event.summary

    page = client.get(links_url(board, action))
    assert "lead@police.example.org" in page.content.decode()


@pytest.mark.django_db
def test_a_bad_address_is_shown_beside_the_field_and_sends_nothing(client, board, alice, action):
    client.force_login(alice)
    response = client.post(links_url(board, action), {"sent_to": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert 'value="not an address"' in response.content.decode()
    assert not SecureLink.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_withdrawn_action_takes_no_link(board, alice, action):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    action.withdrawn_at = timezone.now()
    action.save()
    with pytest.raises(ValidationError):
        partner.action_link_send(action=action, by=alice, sent_to="a@b.org")


@pytest.mark.django_db
def test_the_partner_records_progress_with_evidence_and_the_officer_sees_their_address(
    client, board, alice, action, media, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    token = send(
        client, board, action, "lead@police.example.org", django_capture_on_commit_callbacks
    )

    from django.test import Client

    partner_browser = Client()
    landing = partner_browser.get(f"/link/{token}/")["Location"]
    evidence = SimpleUploadedFile("closure.pdf", PDF, content_type="application/pdf")
    response = partner_browser.post(
        landing, progress_data(rag="complete", narrative="All staff trained", evidence=evidence)
    )
    assert response.status_code == 302 and response["Location"] == landing
    assert "Thank you" in partner_browser.get(landing).content.decode()

    update = ActionProgress.objects.get()
    link = SecureLink.objects.get()
    assert update.author is None and update.reported_via == link
    assert update.evidence.name.endswith(".pdf")
    action.refresh_from_db()
    assert action.current_rag == "complete"
    link.refresh_from_db()
    assert link.last_used_at is not None
    used = AuditEvent.objects.get(action="link.used")
    assert used.actor is None and used.board == board
    assert used.changes["sent_to"] == "lead@police.example.org"
    assert "lead@police.example.org" in used.summary

    page = client.get(reverse("reviews:record_progress", args=[board.slug, action.pk]))
    assert "lead@police.example.org (by secure link)" in page.content.decode()


@pytest.mark.django_db
def test_the_partner_form_keeps_the_progress_rules(client, board, alice, action, media):
    link, token = secure_links.link_create(
        purpose=partner.PURPOSE,
        obj=action,
        board=board,
        sent_to="lead@police.example.org",
        by=alice,
        summary="Sent",
    )
    landing = client.get(f"/link/{token}/")["Location"]
    # Complete without evidence; off track without a narrative: refused beside the fields.
    for data, message in [
        (progress_data(rag="complete", narrative="Done"), "Attach evidence"),
        (progress_data(rag="off_track"), "a narrative is required"),
    ]:
        response = client.post(landing, data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert "govuk-error-summary" in response.content.decode()
    assert not ActionProgress.objects.exists()


@pytest.mark.django_db
def test_a_link_revoked_while_the_form_is_open_refuses_the_post(client, board, alice, action):
    link, token = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    landing = client.get(f"/link/{token}/")["Location"]
    assert client.get(landing).status_code == 200
    partner.action_link_revoke(link=link, by=alice)
    assert client.post(landing, progress_data()).status_code == 410
    assert not ActionProgress.objects.exists()


@pytest.mark.django_db
def test_an_officer_revokes_a_link_with_a_post(client, board, alice, action):
    link, token = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    client.force_login(alice)
    url = reverse("reviews:link_revoke", args=[board.slug, link.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == links_url(board, action)
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == alice
    assert AuditEvent.objects.filter(action="link.revoked", actor=alice).count() == 1
    page = client.get(links_url(board, action)).content.decode()
    assert "No link for this action works now." in page
    client.logout()
    assert client.get(f"/link/{token}/").status_code == 410


@pytest.mark.django_db
def test_a_member_cannot_revoke_and_another_boards_officer_finds_nothing(
    client, board, alice, bob, charlie, action
):
    link, _ = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    url = reverse("reviews:link_revoke", args=[board.slug, link.pk])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(charlie)
    assert client.post(url).status_code == 404
    other_slug = reverse("reviews:link_revoke", args=["southvale", link.pk])
    assert client.post(other_slug).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def _links(board, alice, action, n: int) -> None:
    for i in range(n):
        secure_links.link_create(
            purpose=partner.PURPOSE,
            obj=action,
            board=board,
            sent_to=f"lead{i}@agency.example",
            by=member(board, f"officer{i}", "officer") if i else alice,
            summary="",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 6])
def test_the_links_page_reads_the_same_queries_for_few_or_many_links(
    client, board, alice, recommendation, n, django_assert_num_queries
):
    action = ActionFactory(recommendation=recommendation)
    _links(board, alice, action, n)
    client.force_login(alice)
    # session, user, board, membership access, the action with its review and agency, the
    # live links with their senders (the content type of actions is cached after the first
    # request), and which of their addresses stopped the weekly email.
    client.get(links_url(board, action))
    with django_assert_num_queries(7):
        assert client.get(links_url(board, action)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("earlier", [0, 5])
def test_the_partner_page_reads_the_same_queries_however_much_progress_there_is(
    client, board, alice, recommendation, earlier, django_assert_num_queries
):
    action = ActionFactory(recommendation=RecommendationFactory(review=recommendation.review))
    for _ in range(earlier):
        ActionProgress.objects.create(
            action=action, author=alice, date=dt.date.today(), rag="on_track"
        )
    link, token = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    landing = client.get(f"/link/{token}/")["Location"]
    # session, the link with its board and sender, the action with its review and board.
    with django_assert_num_queries(3):
        assert client.get(landing).status_code == 200


@pytest.mark.django_db
def test_the_activity_page_names_the_partner_who_used_the_link(client, board, alice, action):
    link, _ = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    partner.action_partner_progress(link=link, date=dt.date.today(), rag="on_track")
    client.force_login(alice)
    page = client.get(reverse("boards:activity", args=[board.slug])).content.decode()
    assert "a@b.org (by secure link)" in page


@pytest.mark.django_db
def test_the_boards_list_shows_the_links_that_work_now_and_revokes_from_there(
    client, board, other_board, alice, action
):
    from django.utils import timezone

    live, _ = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="live@a.org", by=alice, summary=""
    )
    expired, _ = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="old@a.org", by=alice, summary=""
    )
    SecureLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, _ = secure_links.link_create(
        purpose=partner.PURPOSE, obj=action, board=board, sent_to="gone@a.org", by=alice, summary=""
    )
    partner.action_link_revoke(link=revoked, by=alice)
    elsewhere = ActionFactory(recommendation=RecommendationFactory(review__board=other_board))
    secure_links.link_create(
        purpose=partner.PURPOSE,
        obj=elsewhere,
        board=other_board,
        sent_to="other@a.org",
        by=alice,
        summary="",
    )
    client.force_login(alice)
    url = reverse("reviews:links", args=[board.slug])
    page = client.get(url).content.decode()
    assert "live@a.org" in page and action.what in page
    assert not any(a in page for a in ("old@a.org", "gone@a.org", "other@a.org"))

    revoke = reverse("reviews:link_revoke", args=[board.slug, live.pk])
    response = client.post(revoke, {"back": "board"})
    assert response.status_code == 302 and response["Location"] == url
    assert "No partner link works now." in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 6])
def test_the_boards_list_of_links_reads_the_same_queries_for_few_or_many(
    client, board, alice, recommendation, n, django_assert_num_queries
):
    for _ in range(n):
        _links(board, alice, ActionFactory(recommendation=recommendation), 1)
    client.force_login(alice)
    # session, user, board, membership access, the live links with their senders, their
    # actions with their reviews, which of their addresses stopped the weekly email, the
    # live outcome links (none, so no outcomes are read) and the board's partner contacts
    # who stopped it.
    with django_assert_num_queries(9):
        assert client.get(reverse("reviews:links", args=[board.slug])).status_code == 200
