"""The link that stops a partner's weekly email, attacked as secure links are: a token stops
only the address its digest went to, a forged or altered token stops nothing and counts
against its sender, a scanner's GET (or HEAD) changes nothing, and no token reaches the
logs."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.core import mail, signing
from django.test import Client

from reminders import services
from reminders.models import DigestSent
from reviews.models import PartnerDigestOptOut
from reviews.services import partner
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)
ANN, BEN = "ann@police.example", "ben@health.example"


def _stop_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/link/stop/[^/\s]+/)", message.body).group(1)


@pytest.fixture
def digests(board, alice, caplog) -> dict[str, str]:
    """A partner digest each to ANN and BEN: address -> the path of its stop link. Logging
    is captured from here on."""
    caplog.set_level(logging.DEBUG)
    review = ReviewFactory(board=board, title="JTAI")
    paths = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partner, "_send", lambda *args: None)
        for address in (ANN, BEN):
            action = ActionFactory(recommendation=RecommendationFactory(review=review))
            partner.action_link_send(action=action, by=alice, sent_to=address)
            assert services.partner_digest_send(address=address, today=MONDAY) == 1
            paths[address] = _stop_path(mail.outbox[-1])
    return paths


def test_a_token_stops_only_the_address_its_digest_went_to(digests):
    Client().post(digests[BEN])
    assert list(PartnerDigestOptOut.objects.values_list("address", flat=True)) == [BEN]
    week = MONDAY + dt.timedelta(days=7)
    assert services.partner_digest_send(address=ANN, today=week) == 1
    assert services.partner_digest_send(address=BEN, today=week) == 0


def _forgeries(digests) -> list[str]:
    token = digests[ANN].rstrip("/").rsplit("/", 1)[-1]
    number = token.split(":")[0]
    ben = digests[BEN].rstrip("/").rsplit("/", 1)[-1]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    return [
        altered,  # the signature changed
        f"{ben.split(':')[0]}:{token.split(':')[1]}",  # BEN's number under ANN's signature
        signing.Signer().sign(number),  # signed, but not as a stop link
        signing.Signer(salt="reminders.partner_digest.stop").sign("99999"),  # no such digest
        number,  # no signature at all
    ]


def test_a_forged_or_altered_token_stops_nothing_and_counts_against_its_sender(digests, settings):
    for forged in _forgeries(digests):
        assert Client().get(f"/link/stop/{forged}/").status_code == 404, forged
        assert Client().post(f"/link/stop/{forged}/").status_code == 404, forged
    assert not PartnerDigestOptOut.objects.exists()
    settings.SECURE_LINK_FAILURES_PER_ADDRESS = 10
    for _ in range(10):
        Client().get("/link/stop/1:not-a-signature/")
    # Even a good token is refused from that network for a while.
    assert Client().post(digests[ANN]).status_code == 429
    assert not PartnerDigestOptOut.objects.exists()


def test_a_token_of_a_users_digest_stops_nothing(board, alice, digests):
    sent = DigestSent.objects.create(user=alice, period="2026-W50", items=1)
    token = signing.Signer(salt="reminders.partner_digest.stop").sign(str(sent.pk))
    assert Client().post(f"/link/stop/{token}/").status_code == 404
    assert not PartnerDigestOptOut.objects.exists()


def test_a_scanner_opening_the_stop_link_changes_nothing(digests):
    scanner = Client()
    assert scanner.get(digests[ANN]).status_code == 200
    assert scanner.head(digests[ANN]).status_code == 200
    assert scanner.options(digests[ANN]).status_code == 405
    assert not PartnerDigestOptOut.objects.exists()
    assert services.partner_digest_send(address=ANN, today=MONDAY + dt.timedelta(7)) == 1


def test_no_stop_token_reaches_the_logs(digests, caplog):
    browser = Client()
    browser.get(digests[ANN])
    browser.post(digests[ANN])
    browser.put(digests[BEN])  # 405, logged by django.request
    for forged in _forgeries(digests):
        Client().get(f"/link/stop/{forged}/")  # 404, logged by django.request

    records = caplog.get_records("setup") + caplog.get_records("call")
    assert any(r.name == "django.request" for r in records)
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {getattr(r, 'request', '')}" for r in records
    )
    for path in [*digests.values(), *(f"/link/stop/{f}/" for f in _forgeries(digests))]:
        token = path.rstrip("/").rsplit("/", 1)[-1]
        assert path not in logged
        if ":" in token:  # a signed one: nor its signature alone
            assert token.rsplit(":", 1)[-1] not in logged
    assert "/link/[token hidden]" in logged
