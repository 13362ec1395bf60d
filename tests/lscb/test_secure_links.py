"""Secure links (lscb.secure_links): the token, its expiry and revocation, what a GET may do,
the object a link reaches, throttling of bad tokens, and logs that never hold a token.

Links here are made for the one purpose the project registers today (progress on a review
action); the mechanism does not depend on it.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from reviews.models import ActionProgress
from tests.factories import member
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

PURPOSE = "action_update"


@pytest.fixture
def action(board):
    review = ReviewFactory(board=board, title="Adoption service inspection")
    return ActionFactory(recommendation=RecommendationFactory(review=review))


@pytest.fixture
def other_action(board):
    review = ReviewFactory(board=board, title="Neglect inspection")
    return ActionFactory(recommendation=RecommendationFactory(review=review))


def make_link(action, by, sent_to="lead@police.example.org") -> tuple[SecureLink, str]:
    board = action.recommendation.review.board
    return secure_links.link_create(
        purpose=PURPOSE, obj=action, board=board, sent_to=sent_to, by=by, summary="Sent"
    )


def open_url(token: str) -> str:
    return reverse("secure_link", args=[token])


def landing(link: SecureLink) -> str:
    return reverse("partner:action_update", args=[link.pk])


def progress_post(rag: str = "on_track", narrative: str = "Training booked") -> dict:
    today = dt.date.today()
    return {
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "rag": rag,
        "narrative": narrative,
    }


def tampered(token: str) -> str:
    last = "A" if token[-1] != "A" else "B"
    return token[:-1] + last


@pytest.mark.django_db
def test_only_a_keyed_hash_of_the_token_is_stored(action, alice):
    link, token = make_link(action, alice)
    assert len(token) >= 40
    assert link.token_hash == secure_links.token_hash(token) != token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM lscb_securelink")
        rows = cursor.fetchall()
    assert not any(token in str(value) for row in rows for value in row)
    assert secure_links.link_for_token(token) == link


@pytest.mark.django_db
def test_a_link_expires_after_the_configured_days(action, alice, settings):
    link, _ = make_link(action, alice)
    assert link.expires_at - link.created_at == pytest.approx(
        dt.timedelta(days=14), abs=dt.timedelta(seconds=5)
    )
    settings.SECURE_LINK_DAYS = 3
    link, _ = make_link(action, alice)
    assert (link.expires_at - link.created_at).days in {2, 3}


@pytest.mark.django_db
def test_a_link_cannot_name_an_object_of_another_kind(action, alice, board):
    with pytest.raises(ValueError):
        secure_links.link_create(
            purpose=PURPOSE, obj=board, board=board, sent_to="a@b.org", by=alice, summary="x"
        )


@pytest.mark.django_db
def test_opening_the_link_moves_it_into_the_session_and_redirects_without_the_token(
    client, action, alice
):
    link, token = make_link(action, alice)
    response = client.get(open_url(token))
    assert response.status_code == 302
    assert response["Location"] == landing(link)
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert link.pk in client.session[secure_links.SESSION_KEY]

    page = client.get(response["Location"])
    assert page.status_code == 200
    # Nothing to other sites; not no-referrer, which makes browsers post `Origin: null`
    # and fail the CSRF check.
    assert page["Referrer-Policy"] == "same-origin"
    assert token not in page.content.decode()
    assert action.what in page.content.decode()


@pytest.mark.django_db
def test_a_scanner_opening_the_link_changes_nothing(client, action, alice):
    link, token = make_link(action, alice)
    events, updates = AuditEvent.objects.count(), ActionProgress.objects.count()
    before = SecureLink.objects.values().get(pk=link.pk)

    scanner = client
    response = scanner.get(open_url(token))
    scanner.get(response["Location"])
    scanner.head(open_url(token))

    assert SecureLink.objects.values().get(pk=link.pk) == before
    assert (AuditEvent.objects.count(), ActionProgress.objects.count()) == (events, updates)
    # The partner opening it afterwards still can.
    from django.test import Client

    partner = Client()
    assert partner.get(open_url(token)).status_code == 302


@pytest.mark.django_db
def test_a_post_to_the_token_address_is_refused(client, action, alice):
    _, token = make_link(action, alice)
    assert client.post(open_url(token), progress_post()).status_code == 405
    assert ActionProgress.objects.count() == 0


@pytest.mark.django_db
def test_a_tampered_token_gets_the_same_not_found_as_a_made_up_one(client, action, alice):
    _, token = make_link(action, alice)
    bad = client.get(open_url(tampered(token)))
    made_up = client.get(open_url("x" * len(token)))
    assert bad.status_code == made_up.status_code == 404
    assert bad.content == made_up.content
    assert bad["Referrer-Policy"] == "no-referrer"
    assert secure_links.SESSION_KEY not in client.session


@pytest.mark.django_db
def test_an_expired_link_says_whom_to_ask_and_refuses_the_form(client, action, alice, board):
    alice.first_name, alice.last_name, alice.email = "Alice", "Officer", "alice@council.example"
    alice.save()
    link, token = make_link(action, alice)
    assert client.get(open_url(token)).status_code == 302  # opened while live
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(1))

    again = client.get(open_url(token))
    assert again.status_code == 410
    text = again.content.decode()
    assert "expired" in text and "Alice Officer" in text and board.name in text
    assert "alice@council.example" in text

    refused = client.post(landing(link), progress_post())
    assert refused.status_code == 410
    assert ActionProgress.objects.count() == 0


@pytest.mark.django_db
def test_a_revoked_link_says_whom_to_ask_and_refuses_the_form(client, action, alice, board):
    link, token = make_link(action, alice)
    assert client.get(open_url(token)).status_code == 302
    secure_links.link_revoke(link=link, by=alice, summary="Revoked")

    again = client.get(open_url(token))
    assert again.status_code == 410
    assert "withdrawn" in again.content.decode() and board.name in again.content.decode()
    assert client.post(landing(link), progress_post()).status_code == 410
    assert ActionProgress.objects.count() == 0


@pytest.mark.django_db
def test_a_link_reaches_its_own_object_and_nothing_else(client, action, other_action, alice):
    link, token = make_link(action, alice)
    other_link, _ = make_link(other_action, alice)
    client.get(open_url(token))

    # The other action's link page, by number, without having opened its token.
    assert client.get(landing(other_link)).status_code == 404
    assert client.post(landing(other_link), progress_post()).status_code == 404
    # The board's own pages still need a sign-in.
    board = action.recommendation.review.board
    for url in [
        reverse("reviews:detail", args=[board.slug, action.recommendation.review_id]),
        reverse("reviews:record_progress", args=[board.slug, action.pk]),
        reverse("reviews:record_progress", args=[board.slug, other_action.pk]),
        reverse("reviews:action_links", args=[board.slug, action.pk]),
        reverse("boards:detail", args=[board.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url

    assert client.post(landing(link), progress_post()).status_code == 302
    assert list(ActionProgress.objects.values_list("action_id", flat=True)) == [action.pk]


@pytest.mark.django_db
def test_a_member_signed_in_gains_nothing_beyond_the_link(client, action, other_action, board):
    bob = member(board, "bobby")
    client.force_login(bob)
    other_link, _ = make_link(other_action, bob)
    assert client.get(landing(other_link)).status_code == 404


@pytest.mark.django_db
def test_bad_tokens_are_throttled_per_address(client, action, alice, settings):
    settings.SECURE_LINK_FAILURES_PER_ADDRESS = 3
    _, token = make_link(action, alice)
    for n in range(3):
        assert client.get(open_url(f"guess{n}" * 6)).status_code == 404
    # Over the limit, even a good token is refused: guessing learns nothing.
    throttled = client.get(open_url(token))
    assert throttled.status_code == 429
    assert throttled["Referrer-Policy"] == "no-referrer"
    elsewhere = client.get(open_url(token), REMOTE_ADDR="192.0.2.44")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_no_token_appears_in_the_logs(client, action, alice, caplog):
    caplog.set_level(logging.DEBUG)
    good, good_token = make_link(action, alice)
    expired, expired_token = make_link(action, alice)
    SecureLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, revoked_token = make_link(action, alice)
    secure_links.link_revoke(link=revoked, by=alice, summary="Revoked")
    bad_token = tampered(good_token)

    client.get(open_url(good_token))
    client.get(open_url(expired_token))
    client.get(open_url(revoked_token))
    client.get(open_url(bad_token))
    client.post(open_url(good_token))  # 405, logged by django.request

    # The refusals were logged, with the token hidden.
    assert any(r.name == "django.request" for r in caplog.records)
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    for token in (good_token, expired_token, revoked_token, bad_token):
        assert token not in logged
    assert "/link/[token hidden]" in logged


def test_the_log_filter_hides_tokens_but_not_link_numbers():
    from lscb.secure_links_log import hide_tokens

    assert hide_tokens('"GET /link/abc-DEF_123/ HTTP/1.1" 302') == (
        '"GET /link/[token hidden]/ HTTP/1.1" 302'
    )
    assert hide_tokens("Not Found: /link/12/action/") == "Not Found: /link/12/action/"
