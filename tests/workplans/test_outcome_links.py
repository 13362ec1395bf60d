"""Leads recording an outcome's progress through a secure link: an officer sends and
revokes links from the outcome's links page; the lead records progress (with evidence and
impact) exactly as an officer would, and the record names the lead's address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from workplans.models import OUTCOME_LINK_PURPOSE, ProgressUpdate
from workplans.services import links

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def links_url(board, outcome) -> str:
    return reverse("workplans:outcome_links", args=[board.slug, outcome.pk])


def send(client, board, outcome, address, capture) -> str:
    """The officer sends a link from the page; returns the token read from the email."""
    with capture(execute=True):
        response = client.post(links_url(board, outcome), {"sent_to": address})
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


def make_link(outcome, board, by) -> tuple[SecureLink, str]:
    return secure_links.link_create(
        purpose=OUTCOME_LINK_PURPOSE,
        obj=outcome,
        board=board,
        sent_to="lead@health.example.org",
        by=by,
        summary="Sent",
    )


def test_an_officer_emails_a_link_for_one_outcome_from_its_page(
    client, board, alice, outcome, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    page = client.get(reverse("workplans:outcome", args=[board.slug, outcome.pk]))
    assert links_url(board, outcome) in page.content.decode()
    token = send(
        client, board, outcome, "Lead@Health.example.org", django_capture_on_commit_callbacks
    )

    message = mail.outbox[-1]
    assert message.to == ["lead@health.example.org"]
    assert board.name in message.subject and outcome.title in message.body
    assert token in message.alternatives[0][0]
    link = SecureLink.objects.get()
    assert (link.purpose, link.created_by, link.board) == (OUTCOME_LINK_PURPOSE, alice, board)
    event = AuditEvent.objects.get(action="link.sent")
    assert event.actor == alice and event.changes["sent_to"] == "lead@health.example.org"
    assert token not in str(event.changes) + event.summary
    assert "lead@health.example.org" in client.get(links_url(board, outcome)).content.decode()


def test_a_bad_address_is_shown_beside_the_field_and_kept(client, board, alice, outcome):
    client.force_login(alice)
    response = client.post(links_url(board, outcome), {"sent_to": "not an address"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter an email address in the correct format" in body
    assert 'value="not an address"' in body
    assert not SecureLink.objects.exists() and not mail.outbox


def test_a_retired_outcome_takes_no_link_and_a_member_sends_none(board, alice, bob, outcome):
    with pytest.raises(PermissionDenied):
        links.outcome_link_send(outcome=outcome, by=bob, sent_to="a@b.org")
    outcome.retired_on = dt.date.today()
    outcome.save()
    with pytest.raises(ValidationError):
        links.outcome_link_send(outcome=outcome, by=alice, sent_to="a@b.org")
    assert not SecureLink.objects.exists()


def test_the_lead_records_progress_and_impact_with_evidence_by_link(
    client, board, alice, outcome, media, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    token = send(
        client, board, outcome, "lead@health.example.org", django_capture_on_commit_callbacks
    )
    lead = Client()
    landing = lead.get(f"/link/{token}/")["Location"]
    assert landing == reverse("outcome_link:update", args=[SecureLink.objects.get().pk])
    evidence = SimpleUploadedFile("audit.pdf", PDF, content_type="application/pdf")
    response = lead.post(
        landing,
        progress_data(
            rag="at_risk",
            narrative="Two sessions cancelled",
            impact="amber",
            impact_narrative="Referrals are better written",
            evidence=evidence,
        ),
    )
    assert response.status_code == 302 and response["Location"] == landing
    assert "Thank you" in lead.get(landing).content.decode()

    update = ProgressUpdate.objects.get()
    link = SecureLink.objects.get()
    assert update.author is None and update.reported_via == link
    assert (update.rag, update.impact) == ("at_risk", "amber")
    assert update.evidence.name.endswith(".pdf")
    outcome.refresh_from_db()
    assert outcome.current_rag == "at_risk" and outcome.current_impact == "amber"
    link.refresh_from_db()
    assert link.last_used_at is not None
    used = AuditEvent.objects.get(action="link.used")
    assert used.actor is None and used.board == board
    assert "lead@health.example.org by link" in used.summary
    page = client.get(reverse("workplans:outcome", args=[board.slug, outcome.pk]))
    assert "lead@health.example.org (by secure link)" in page.content.decode()


def test_the_lead_form_keeps_the_officers_rules_and_what_was_typed(
    client, board, alice, outcome, media
):
    link, token = make_link(outcome, board, alice)
    landing = client.get(f"/link/{token}/")["Location"]
    outside = outcome.workplan.end + dt.timedelta(days=400)
    for data, message in [
        (progress_data(rag="off_track"), "a narrative is required"),
        (
            progress_data(
                date_0=outside.day, date_1=outside.month, date_2=outside.year, narrative="Kept"
            ),
            "between",
        ),
    ]:
        response = client.post(landing, data)
        body = response.content.decode()
        assert response.status_code == 200, body
        assert message in body and "govuk-error-summary" in body
    assert "Kept" in body
    assert not ProgressUpdate.objects.exists()


def test_a_get_changes_nothing_and_a_revoked_link_gets_the_gone_page(client, board, alice, outcome):
    link, token = make_link(outcome, board, alice)
    landing = client.get(f"/link/{token}/")["Location"]
    stamp = SecureLink.objects.filter(pk=link.pk).values().get()
    assert client.get(landing).status_code == 200
    assert SecureLink.objects.filter(pk=link.pk).values().get() == stamp
    links.outcome_link_revoke(link=link, by=alice)
    assert client.post(landing, progress_data()).status_code == 410
    assert client.get(landing).status_code == 410
    assert not ProgressUpdate.objects.exists()


def test_an_expired_link_is_refused_by_the_service(board, alice, outcome):
    link, _ = make_link(outcome, board, alice)
    SecureLink.objects.filter(pk=link.pk).update(expires_at=link.created_at)
    with pytest.raises(secure_links.LinkGone):
        links.outcome_link_progress(link=link, date=dt.date.today(), rag="on_track")
    assert not ProgressUpdate.objects.exists()


def test_an_officer_revokes_a_link_with_a_post_and_a_member_cannot(
    client, board, alice, bob, charlie, outcome
):
    link, token = make_link(outcome, board, alice)
    url = reverse("workplans:outcome_link_revoke", args=[board.slug, link.pk])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(charlie)
    assert client.post(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == links_url(board, outcome)
    link.refresh_from_db()
    assert link.revoked_by == alice
    assert AuditEvent.objects.filter(action="link.revoked", actor=alice).count() == 1
    assert (
        "No link for this outcome works now."
        in client.get(links_url(board, outcome)).content.decode()
    )


def test_progress_needs_a_person_or_a_link_not_both(board, alice, outcome):
    link, _ = make_link(outcome, board, alice)
    from workplans.services import outcome_record_progress

    with pytest.raises(ValueError):
        outcome_record_progress(
            outcome=outcome, by=alice, via=link, rag="on_track", narrative="", date=dt.date.today()
        )


@pytest.mark.parametrize("n", [1, 6])
def test_the_links_pages_read_the_same_queries_for_few_or_many_links(
    client, board, alice, outcome, n, django_assert_num_queries
):
    for i in range(n):
        secure_links.link_create(
            purpose=OUTCOME_LINK_PURPOSE,
            obj=outcome,
            board=board,
            sent_to=f"lead{i}@health.example.org",
            by=alice,
            summary="Sent",
        )
    client.force_login(alice)
    url = links_url(board, outcome)
    client.get(url)
    # session, user, board, membership access, the outcome with its plan, its lead
    # subgroups, named leads and themes, and the live links with their senders.
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    board_links = reverse("reviews:links", args=[board.slug])
    page = client.get(board_links).content.decode()
    assert "lead0@health.example.org" in page and outcome.title in page
    # session, user, board, membership access, the action links (none), the outcome links
    # with their senders, their outcomes with their plans, and the weekly-email opt-outs.
    with django_assert_num_queries(8):
        assert client.get(board_links).status_code == 200
