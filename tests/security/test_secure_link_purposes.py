"""Every purpose a secure link serves, side by side: a link made and emailed by its own
service reaches its own page and nothing else (no other purpose's page under its number,
no other link's page, no other object of its own purpose, no write anywhere), and no
token, good, tampered, expired or revoked, reaches the logs on the way from the email to
the form.

The purposes are read from the registry (lscb.secure_links), so a purpose added later
without a row here fails the first test."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from reviews.models import ActionProgress, ReviewKind, S11Rating, S11Return, Standard
from reviews.services import partner, s11
from tests.factories import AgencyFactory
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.training.factories import BookingFactory, QuestionFactory, SessionFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from training.models import Attendance, FollowUp
from training.services import bookings, follow_ups
from workplans.models import OUTCOME_LINK_PURPOSE, ProgressUpdate
from workplans.services import links as outcome_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


# Each purpose's landing page, by URL name.
LANDINGS = {
    "action_update": "partner:action_update",
    "s11_return": "partner:s11_return",
    follow_ups.PURPOSE: "training_link:follow_up",
    follow_ups.CONFIRM: "training_link:confirm",
    OUTCOME_LINK_PURPOSE: "outcome_link:update",
}


def _token(message) -> str:
    return re.search(r"/link/([A-Za-z0-9_-]+)/", message.body).group(1)


def _open(client: Client, token: str) -> str:
    response = client.get(reverse("secure_link", args=[token]))
    assert response.status_code == 302, response.status_code
    return response["Location"]


def _writes() -> dict[str, int]:
    """What any of the link forms would write, counted."""
    return {
        "progress": ActionProgress.objects.count(),
        "outcome progress": ProgressUpdate.objects.count(),
        "ratings": S11Rating.objects.count(),
        "returns submitted": S11Return.objects.exclude(submitted_at=None).count(),
        "follow-ups": FollowUp.objects.count(),
        "follow-ups confirmed": FollowUp.objects.exclude(manager_confirmed_on=None).count(),
        "uses": AuditEvent.objects.filter(action="link.used").count(),
    }


def _make_links(board, alice, capture, n: int = 1) -> dict:
    """One link for each purpose on objects of their own, made by the service that emails
    it: purpose → (link, token). `n` tells apart the objects of a second set."""
    made: dict = {}

    action = ActionFactory(
        recommendation=RecommendationFactory(review=ReviewFactory(board=board, title="Neglect"))
    )
    with capture(execute=True):
        link = partner.action_link_send(action=action, by=alice, sent_to=f"lead{n}@police.example")
    made["action_update"] = (link, _token(mail.outbox[-1]))

    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board), title=f"Outcome {n}")
    with capture(execute=True):
        link = outcome_links.outcome_link_send(
            outcome=outcome, by=alice, sent_to=f"lead{n}@nhs.example"
        )
    made[OUTCOME_LINK_PURPOSE] = (link, _token(mail.outbox[-1]))

    audit_round = ReviewFactory(
        board=board,
        kind=ReviewKind.SECTION_11,
        title=f"Section 11, round {n}",
        start_date=dt.date(2008, 10, 1),
    )
    s11.standard_add(board=board, by=alice, code=str(n), title=f"Leadership {n}")
    with capture(execute=True):
        _, link = s11.s11_return_issue(
            review=audit_round,
            agency=AgencyFactory(name=f"Police force {n}"),
            lead_name="DCI Smith",
            lead_email=f"dci{n}@police.example",
            by=alice,
        )
    made["s11_return"] = (link, _token(mail.outbox[-1]))

    session = SessionFactory(course__board=board, date=dt.date.today() - dt.timedelta(weeks=7))
    question = QuestionFactory(course=session.course, text="I can spot neglect")
    booking = BookingFactory(session=session, attendee_email=f"ann{n}@nhs.example")
    bookings.attendance_record(
        session=session, by=alice, attended={booking.pk: Attendance.ATTENDED}
    )
    with capture(execute=True):
        link = follow_ups.follow_up_send(booking=booking)
    made[follow_ups.PURPOSE] = (link, _token(mail.outbox[-1]))

    # The line manager's link comes from the attendee's answers, sent through their link.
    attendee = Client()
    page = _open(attendee, made[follow_ups.PURPOSE][1])
    answers = {
        "what_changed": "I ask about siblings.",
        "example": "",
        f"now_{question.pk}": "4",
        "manager_name": "Meg Manager",
        "manager_email": f"meg{n}@nhs.example",
    }
    with capture(execute=True):
        assert attendee.post(page, answers).status_code == 302
    made[follow_ups.CONFIRM] = (
        SecureLink.objects.filter(purpose=follow_ups.CONFIRM).latest("pk"),
        _token(mail.outbox[-1]),
    )
    return made


@pytest.fixture
def links(board, alice, caplog, django_capture_on_commit_callbacks) -> dict:
    """A link of each purpose. Logging is captured from here on."""
    caplog.set_level(logging.DEBUG)
    return _make_links(board, alice, django_capture_on_commit_callbacks)


def test_every_registered_purpose_has_a_row_here():
    assert set(secure_links._purposes) == set(LANDINGS)


@pytest.mark.parametrize("purpose", sorted(LANDINGS))
def test_a_link_reaches_no_other_purposes_page_and_no_other_links_page(links, purpose, bob):
    link, token = links[purpose]
    holder = Client()
    assert _open(holder, token) == reverse(LANDINGS[purpose], args=[link.pk])
    assert holder.get(reverse(LANDINGS[purpose], args=[link.pk])).status_code == 200
    before = _writes()

    for other, (other_link, _) in links.items():
        if other == purpose:
            continue
        tried = [
            reverse(LANDINGS[other], args=[other_link.pk]),  # another link's page
            reverse(LANDINGS[other], args=[link.pk]),  # this link's number, another purpose
        ]
        for url in tried:
            assert holder.get(url).status_code == 404, url
            assert holder.post(url, {"confirmed": "yes", "rag": "on_track"}).status_code == 404
    # A member of the board signed in holds no link, so reaches none of them either.
    member = Client()
    member.force_login(bob)
    for other, (other_link, _) in links.items():
        assert member.get(reverse(LANDINGS[other], args=[other_link.pk])).status_code == 404
    assert _writes() == before


@pytest.mark.parametrize("purpose", sorted(LANDINGS))
def test_a_scanner_following_the_link_to_its_form_changes_nothing(links, purpose):
    link, token = links[purpose]
    before = _writes()
    stamp = SecureLink.objects.filter(pk=link.pk).values().get()
    scanner = Client()
    page = _open(scanner, token)
    assert scanner.get(page).status_code == 200
    scanner.head(page)  # some scanners ask for the headers only
    assert _writes() == before
    assert SecureLink.objects.filter(pk=link.pk).values().get() == stamp


@pytest.mark.parametrize("purpose", sorted(LANDINGS))
def test_no_token_of_any_purpose_reaches_the_logs(links, purpose, alice, caplog):
    link, token = links[purpose]
    browser = Client()
    page = _open(browser, token)
    browser.get(page)
    browser.post(page, {})  # refused beside its fields, or already answered
    browser.post(reverse("secure_link", args=[token]))  # 405, logged by django.request
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(reverse("secure_link", args=[tampered])).status_code == 404
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert Client().get(reverse("secure_link", args=[token])).status_code == 410
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + dt.timedelta(1))
    secure_links.link_revoke(link=link, by=alice, summary="Revoked")
    assert Client().get(reverse("secure_link", args=[token])).status_code == 410

    records = caplog.get_records("setup") + caplog.get_records("call")
    assert any(r.name == "django.request" for r in records)
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {getattr(r, 'request', '')}" for r in records
    )
    for _, every in links.values():
        assert every not in logged
        assert every[:-1] not in logged  # nor the tampered one
    assert "/link/[token hidden]" in logged


@pytest.mark.parametrize("purpose", sorted(LANDINGS))
def test_a_link_reaches_no_other_object_of_its_own_purpose(
    board, alice, purpose, django_capture_on_commit_callbacks
):
    first = _make_links(board, alice, django_capture_on_commit_callbacks, 1)
    second = _make_links(board, alice, django_capture_on_commit_callbacks, 2)
    (link, token), (other, _) = first[purpose], second[purpose]
    assert link.object_id != other.object_id
    holder = Client()
    _open(holder, token)
    before = _writes()
    elsewhere = reverse(LANDINGS[purpose], args=[other.pk])
    assert holder.get(elsewhere).status_code == 404
    assert holder.post(elsewhere, {"confirmed": "yes", "rag": "on_track"}).status_code == 404
    assert _writes() == before


def _valid_post(purpose: str) -> dict:
    """A form each purpose's page accepts."""
    today = dt.date.today()
    if purpose in ("action_update", OUTCOME_LINK_PURPOSE):
        return {
            "date_0": today.day,
            "date_1": today.month,
            "date_2": today.year,
            "rag": "on_track",
            "narrative": "Training booked",
        }
    if purpose == "s11_return":
        code = Standard.objects.get()
        return {f"rating_{code.pk}": "green", f"evidence_{code.pk}": "Policy seen", "save": ""}
    return {"confirmed": "yes", "comment": ""}


@pytest.mark.parametrize("purpose", sorted(LANDINGS))
def test_every_use_is_in_the_activity_log_with_the_address_the_link_went_to(
    links, purpose, media_root
):
    link, token = links[purpose]
    if purpose != follow_ups.PURPOSE:  # the attendee's answers were sent in `links`
        browser = Client()
        page = _open(browser, token)
        assert browser.post(page, _valid_post(purpose)).status_code == 302
    [used] = AuditEvent.objects.filter(action="link.used", changes__link=link.pk)
    assert used.changes["sent_to"] == link.sent_to and used.actor is None
    assert used.board_id == link.board_id


def test_the_log_filter_hides_a_token_once_and_drops_a_request_whose_path_holds_one(rf):
    from lscb.secure_links_log import HideLinkTokens, hide_tokens

    once = hide_tokens("Not Found: /link/abcDEF123_-x/")
    assert once == "Not Found: /link/[token hidden]/" == hide_tokens(once)

    def record(path: str) -> logging.LogRecord:
        made = logging.LogRecord(
            "django.request", logging.WARNING, "", 0, "Not Found: %s", (path,), None
        )
        made.request = rf.get(path)
        return made

    with_token = record("/link/abcDEF123_-x/")
    assert HideLinkTokens().filter(with_token)
    assert with_token.request is None and "abcDEF123" not in with_token.getMessage()
    assert hide_tokens("/link/stop/12:abcDEF/") == "/link/[token hidden]/"
    assert hide_tokens("/link/stop/12/") == "/link/[token hidden]/"
    by_number = record("/link/12/action/")
    HideLinkTokens().filter(by_number)
    assert by_number.request.path == "/link/12/action/"
