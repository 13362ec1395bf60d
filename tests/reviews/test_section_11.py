"""Section 11 audits: an officer sends an agency's lead a link to its return; the lead rates
the agency against the board's standards without an account, saves, comes back and submits;
the board reads the grid with the change since last year and raises challenges that become
tracked actions."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from reviews.models import (
    Action,
    Recommendation,
    ReturnStatus,
    ReviewKind,
    S11Rating,
    S11Return,
    Standard,
)
from reviews.selectors.s11 import return_standards, s11_grid
from reviews.services import s11
from tests.factories import AgencyFactory
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def standards(board, alice):
    return [
        s11.standard_add(board=board, by=alice, code="1", title="Leadership"),
        s11.standard_add(board=board, by=alice, code="2", title="Safer recruitment"),
    ]


@pytest.fixture
def audit_round(board):
    return ReviewFactory(
        board=board,
        kind=ReviewKind.SECTION_11,
        title="Section 11 audit 2008/09",
        start_date=dt.date(2008, 10, 1),
    )


@pytest.fixture
def police(db):
    return AgencyFactory(name="Cleveland Police")


def issue(audit_round, police, alice, capture, address="Lead@Police.example.org"):
    """Send the police's lead a link; returns the return, the link and the emailed token."""
    with capture(execute=True):
        s11_return, link = s11.s11_return_issue(
            review=audit_round, agency=police, lead_name="DCI Smith", lead_email=address, by=alice
        )
    token = re.search(r"/link/([A-Za-z0-9_-]+)/", mail.outbox[-1].body).group(1)
    return s11_return, link, token


def answers_post(standards, *, ratings=("green", "amber"), **extra) -> dict:
    data = {}
    for standard, rating in zip(standards, ratings, strict=False):
        data[f"rating_{standard.pk}"] = rating
        data[f"evidence_{standard.pk}"] = f"Evidence for {standard.code}"
        data[f"own_actions_{standard.pk}"] = "Train the panel" if rating != "green" else ""
    return data | extra


def submitted_return(review, agency, standards, ratings) -> S11Return:
    s11_return = S11Return.objects.create(
        review=review,
        agency=agency,
        lead_name="Lead",
        lead_email="lead@example.org",
        status=ReturnStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for standard, rating in zip(standards, ratings, strict=True):
        S11Rating.objects.create(
            s11_return=s11_return, standard=standard, rating=rating, evidence="Seen"
        )
    return s11_return


# Services


@pytest.mark.django_db
def test_standards_are_the_boards_own_in_the_order_added(board, other_board, alice, standards):
    s11.standard_add(board=other_board, by=alice, code="1", title="Theirs")
    assert list(Standard.objects.filter(board=board)) == standards
    assert [s.position for s in standards] == [1, 2]
    with pytest.raises(ValidationError):
        s11.standard_add(board=board, by=alice, code="1", title="Again")


@pytest.mark.django_db
def test_issuing_a_return_emails_the_lead_a_link_to_that_return_alone(
    audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    s11_return, link, token = issue(audit_round, police, alice, django_capture_on_commit_callbacks)

    message = mail.outbox[-1]
    assert message.to == ["lead@police.example.org"]
    assert "Cleveland Police" in message.subject
    assert token in message.alternatives[0][0]
    assert (s11_return.lead_name, s11_return.lead_email) == ("DCI Smith", "lead@police.example.org")
    assert link.target == s11_return and link.purpose == "s11_return"
    event = AuditEvent.objects.get(action="link.sent")
    assert token not in event.summary + str(event.changes)


@pytest.mark.django_db
def test_a_new_link_for_a_return_stops_the_earlier_one(
    audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    first_return, first, _ = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    again, second, _ = issue(
        audit_round, police, alice, django_capture_on_commit_callbacks, address="new@police.org"
    )
    first.refresh_from_db()
    assert again == first_return and again.lead_email == "new@police.org"
    assert first.revoked_at is not None and second.revoked_at is None
    assert S11Return.objects.count() == 1


@pytest.mark.django_db
def test_only_an_open_section_11_round_takes_returns(board, alice, police, audit_round):
    inspection = ReviewFactory(board=board)
    with pytest.raises(ValidationError):
        s11.s11_return_issue(
            review=inspection, agency=police, lead_name="A", lead_email="a@b.org", by=alice
        )
    audit_round.status = "closed"
    audit_round.save()
    with pytest.raises(ValidationError):
        s11.s11_return_issue(
            review=audit_round, agency=police, lead_name="A", lead_email="a@b.org", by=alice
        )
    with pytest.raises(ValidationError) as bad:
        s11.s11_return_issue(
            review=ReviewFactory(board=board, kind=ReviewKind.SECTION_11),
            agency=police,
            lead_name="A",
            lead_email="not an address",
            by=alice,
        )
    assert "lead_email" in bad.value.message_dict


@pytest.mark.django_db
def test_saving_keeps_a_partial_return_and_submitting_needs_every_answer(
    audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    s11_return, link, _ = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    first, second = standards
    s11.s11_return_save(link=link, answers={first.pk: s11.Answer(rating="green")})
    s11_return.refresh_from_db()
    assert s11_return.status == ReturnStatus.IN_PROGRESS
    assert S11Rating.objects.get(standard=first).rating == "green"

    with pytest.raises(ValidationError) as refused:
        s11.s11_return_save(
            link=link,
            answers={
                first.pk: s11.Answer(rating="green", evidence="Board report"),
                second.pk: s11.Answer(rating="amber", evidence="Half the panels"),
            },
            submit=True,
        )
    assert set(refused.value.message_dict) == {f"own_actions_{second.pk}"}
    assert S11Rating.objects.get(standard=first).evidence == ""  # nothing changed

    s11.s11_return_save(
        link=link,
        answers={
            first.pk: s11.Answer(rating="green", evidence="Board report"),
            second.pk: s11.Answer(rating="amber", evidence="Half", own_actions="Train panels"),
        },
        submit=True,
    )
    s11_return.refresh_from_db()
    assert s11_return.is_submitted and s11_return.submitted_at is not None
    with pytest.raises(ValidationError):
        s11.s11_return_save(link=link, answers={}, submit=False)
    used = AuditEvent.objects.filter(action="link.used").order_by("id").last()
    assert used.changes["sent_to"] == "lead@police.example.org"


@pytest.mark.django_db
def test_a_revoked_or_expired_link_saves_nothing(
    audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    s11_return, link, _ = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    with pytest.raises(secure_links.LinkGone):
        s11.s11_return_save(link=link, answers={standards[0].pk: s11.Answer(rating="red")})
    assert not S11Rating.objects.exists()


@pytest.mark.django_db
def test_the_grid_shows_submitted_ratings_and_the_change_since_last_year(
    board, audit_round, police, standards
):
    last_year = ReviewFactory(
        board=board, kind=ReviewKind.SECTION_11, start_date=dt.date(2007, 10, 1)
    )
    health = AgencyFactory(name="Health trust")
    submitted_return(last_year, police, standards, ["amber", "green"])
    submitted_return(audit_round, police, standards, ["green", "amber"])
    S11Return.objects.create(
        review=audit_round, agency=health, lead_name="X", lead_email="x@example.org"
    )

    grid = s11_grid(audit_round)
    assert grid.previous == last_year and grid.submitted == 1
    police_row, health_row = sorted(grid.rows, key=lambda r: r.s11_return.agency.name)
    assert [(c.rating, c.before, c.change) for c in police_row.cells] == [
        ("green", "amber", "up"),
        ("amber", "green", "down"),
    ]
    assert [c.rating for c in health_row.cells] == ["", ""]


@pytest.mark.django_db
def test_a_challenge_is_a_recommendation_of_the_round_with_an_action_on_the_agency(
    audit_round, police, alice, standards
):
    s11_return = submitted_return(audit_round, police, standards, ["green", "red"])
    RecommendationFactory(review=audit_round, kind="recommendation", number=1)
    action = s11.s11_challenge_raise(
        s11_return=s11_return,
        standard=standards[1],
        by=alice,
        what="Check every appointment before the start date.",
        responsible="Head of HR",
        timescale=dt.date(2009, 3, 31),
    )
    rec = action.recommendation
    assert rec.review == audit_round and rec.number == 2
    assert rec.text == "Challenge to Cleveland Police on standard 2. Safer recruitment"
    assert rec.standard_reference == "Section 11 standard 2"
    assert (action.agency, action.timescale, action.responsible) == (
        police,
        dt.date(2009, 3, 31),
        "Head of HR",
    )
    assert AuditEvent.objects.filter(action="action.added", object_id=action.pk).exists()


# Pages and the link flow


def open_link(client, token):
    response = client.get(f"/link/{token}/")
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.django_db
def test_opening_the_link_changes_nothing_and_the_lead_saves_then_submits(
    client, audit_round, police, alice, standards, media, django_capture_on_commit_callbacks
):
    s11_return, link, token = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    landing = open_link(client, token)
    assert landing == reverse("partner:s11_return", args=[link.pk])
    assert token not in landing
    page = client.get(landing)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "Standard 1: Leadership" in page.content.decode()
    s11_return.refresh_from_db()
    assert s11_return.status == ReturnStatus.NOT_STARTED and not S11Rating.objects.exists()
    link.refresh_from_db()
    assert link.last_used_at is None

    first = standards[0]
    saved = client.post(
        landing,
        {
            f"rating_{first.pk}": "amber",
            f"evidence_{first.pk}": "Half our panels",
            f"file_{first.pk}": SimpleUploadedFile("audit.pdf", PDF),
            "save": "",
        },
    )
    assert saved.status_code == 302
    again = client.get(landing).content.decode()
    assert "Half our panels" in again and "audit.pdf" in again

    refused = client.post(
        landing,
        answers_post(standards, ratings=("amber", "green"))
        | {f"own_actions_{first.pk}": "", "submit_return": ""},
    )
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Say what your agency will do to meet standard 1 in full." in body
    assert "Evidence for 2" in body  # what was typed is kept
    s11_return.refresh_from_db()
    assert s11_return.status == ReturnStatus.IN_PROGRESS

    done = client.post(landing, answers_post(standards) | {"submit_return": ""})
    assert done.status_code == 302
    s11_return.refresh_from_db()
    assert s11_return.is_submitted
    assert S11Rating.objects.get(standard=first).evidence_file.name.endswith("audit.pdf")
    assert "Return submitted" in client.get(landing).content.decode()


@pytest.mark.django_db
def test_a_tampered_token_or_another_returns_page_is_not_found(
    client, audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    _, link, token = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    other_return, other, _ = issue(
        audit_round,
        AgencyFactory(name="Probation"),
        alice,
        django_capture_on_commit_callbacks,
        address="probation@example.org",
    )
    bad = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/link/{bad}/").status_code == 404
    open_link(client, token)
    # The session opened the police's link only: the probation return stays shut to it,
    # and an action link's page does not open with a return link's number.
    assert client.get(reverse("partner:s11_return", args=[other.pk])).status_code == 404
    assert client.post(reverse("partner:s11_return", args=[other.pk]), {}).status_code == 404
    assert client.get(reverse("partner:action_update", args=[link.pk])).status_code == 404
    assert not S11Rating.objects.filter(s11_return=other_return).exists()


@pytest.mark.django_db
def test_an_action_link_opens_no_return_and_no_token_reaches_the_logs(
    client, board, audit_round, police, alice, standards, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    s11_return, s11_link, s11_token = issue(
        audit_round, police, alice, django_capture_on_commit_callbacks
    )
    action = ActionFactory(recommendation=RecommendationFactory(review=audit_round))
    action_link, action_token = secure_links.link_create(
        purpose="action_update", obj=action, board=board, sent_to="a@b.org", by=alice, summary=""
    )
    open_link(client, action_token)
    # The session holds the action's link: neither its number nor the return's opens the
    # return's page, and nothing is written.
    for pk in (action_link.pk, s11_link.pk):
        url = reverse("partner:s11_return", args=[pk])
        assert client.get(url).status_code == 404
        assert client.post(url, answers_post(standards) | {"submit_return": ""}).status_code == 404
    assert not S11Rating.objects.exists()

    client.get(f"/link/{s11_token[:-2]}xx/")
    client.post(f"/link/{s11_token}/")
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert s11_token not in logged and action_token not in logged
    assert s11_token[:-2] not in logged


@pytest.mark.django_db
def test_an_expired_link_gets_the_page_saying_whom_to_ask(
    client, audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    _, link, token = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    landing = open_link(client, token)
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    response = client.post(landing, answers_post(standards) | {"submit_return": ""})
    assert response.status_code == 410
    assert not S11Rating.objects.exists()
    assert client.get(f"/link/{token}/").status_code == 410


@pytest.mark.django_db
def test_officers_issue_read_challenge_and_revoke_from_the_pages(
    client, board, audit_round, police, alice, standards, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    issue_url = reverse("reviews:s11_issue", args=[board.slug, audit_round.pk])
    empty = client.post(issue_url, {})
    assert "Choose the agency whose return this is." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            issue_url,
            {"agency": police.pk, "lead_name": "DCI Smith", "lead_email": "dci@police.org"},
        )
    assert sent.status_code == 302
    s11_return = S11Return.objects.get()
    grid = client.get(reverse("reviews:s11_grid", args=[board.slug, audit_round.pk]))
    assert "Cleveland Police" in grid.content.decode()

    page = client.get(reverse("reviews:s11_return", args=[board.slug, s11_return.pk]))
    assert "dci@police.org" in page.content.decode()

    challenge_url = reverse("reviews:s11_challenge", args=[board.slug, s11_return.pk])
    assert "Choose the standard" in client.post(challenge_url, {}).content.decode()
    raised = client.post(
        challenge_url,
        {
            "standard": standards[0].pk,
            "what": "Report to the board",
            "timescale_0": "31",
            "timescale_1": "3",
            "timescale_2": "2009",
        },
    )
    assert raised.status_code == 302
    action = Action.objects.get()
    assert action.agency == police and action.timescale == dt.date(2009, 3, 31)
    assert Recommendation.objects.get().review == audit_round

    link = SecureLink.objects.get()
    client.post(reverse("reviews:s11_link_revoke", args=[board.slug, link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None


@pytest.mark.django_db
def test_officers_add_and_change_the_boards_standards(client, board, alice, standards):
    client.force_login(alice)
    url = reverse("reviews:s11_standards", args=[board.slug])
    page = client.get(url).content.decode()
    assert "1. Leadership" in page and "2. Safer recruitment" in page

    taken = client.post(url, {"code": "1", "title": "Again"})
    assert "The board already has a standard 1." in taken.content.decode()
    assert "Again" in taken.content.decode()  # what was typed is kept
    added = client.post(url, {"code": "3", "title": "The child's voice", "good_looks_like": ""})
    assert added.status_code == 302
    assert Standard.objects.get(board=board, code="3").position == 3

    edit = reverse("reviews:s11_standard_edit", args=[board.slug, standards[1].pk])
    saved = client.post(edit, {"code": "2", "title": "Safer recruitment and checks"})
    assert saved.status_code == 302
    standards[1].refresh_from_db()
    assert standards[1].title == "Safer recruitment and checks" and not standards[1].active
    event = AuditEvent.objects.get(action="s11.standard_changed")
    assert event.changes["active"] == [True, False]


@pytest.mark.django_db
def test_a_standard_no_longer_asked_about_stays_on_the_returns_that_rated_it(
    board, alice, audit_round, police, standards
):
    s11_return = submitted_return(audit_round, police, standards, ["green", "amber"])
    s11.standard_update(standard=standards[1], by=alice, active=False)
    fresh = S11Return.objects.create(
        review=audit_round, agency=AgencyFactory(name="Health"), lead_name="A", lead_email="a@b.org"
    )
    assert return_standards(s11_return) == standards
    assert return_standards(fresh) == [standards[0]]


@pytest.mark.django_db
def test_the_grid_is_a_table_with_words_beside_every_colour(
    client, board, bob, audit_round, police, standards
):
    submitted_return(audit_round, police, standards, ["green", "red"])
    client.force_login(bob)
    page = client.get(reverse("reviews:s11_grid", args=[board.slug, audit_round.pk]))
    body = page.content.decode()
    assert '<th scope="row"' in body and '<th scope="col"' in body
    assert "Green: fully met" in body and "Red: not met" in body
    # A member reads the grid but is not offered officers' work.
    assert reverse("reviews:s11_issue", args=[board.slug, audit_round.pk]) not in body


@pytest.mark.django_db
def test_the_grid_is_only_for_section_11_rounds_of_the_board(
    client, board, other_board, alice, charlie, audit_round
):
    client.force_login(alice)
    inspection = ReviewFactory(board=board)
    assert (
        client.get(reverse("reviews:s11_grid", args=[board.slug, inspection.pk])).status_code == 404
    )
    client.force_login(charlie)
    url = reverse("reviews:s11_grid", args=[board.slug, audit_round.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_members_document_download_needs_the_board(
    client, board, bob, charlie, audit_round, police, standards, media
):
    s11_return = submitted_return(audit_round, police, standards, ["green", "green"])
    rating = s11_return.ratings.first()
    rating.evidence_file = SimpleUploadedFile("plan.pdf", PDF)
    rating.save()
    url = reverse("reviews:s11_file", args=[board.slug, rating.pk])
    client.force_login(bob)
    assert client.get(url).status_code == 200
    client.force_login(charlie)
    assert client.get(url).status_code == 404


# Query counts


@pytest.mark.django_db
@pytest.mark.parametrize("agencies", [1, 6])
def test_the_grid_reads_the_same_queries_for_few_or_many_agencies(
    client, board, alice, audit_round, standards, agencies, django_assert_num_queries
):
    last_year = ReviewFactory(
        board=board, kind=ReviewKind.SECTION_11, start_date=dt.date(2007, 10, 1)
    )
    for i in range(agencies):
        agency = AgencyFactory(name=f"Agency {i}")
        submitted_return(last_year, agency, standards, ["red", "amber"])
        submitted_return(audit_round, agency, standards, ["amber", "amber"])
    client.force_login(alice)
    url = reverse("reviews:s11_grid", args=[board.slug, audit_round.pk])
    # session, user, board, membership access, the round, the previous round, the returns
    # with their agencies, the standards, this round's ratings and last round's.
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 5])
def test_a_return_page_reads_the_same_queries_however_many_standards(
    client, board, alice, audit_round, police, standards, extra, django_assert_num_queries
):
    ReviewFactory(board=board, kind=ReviewKind.SECTION_11, start_date=dt.date(2007, 10, 1))
    more = [
        s11.standard_add(board=board, by=alice, code=f"X{i}", title=f"More {i}")
        for i in range(extra)
    ]
    s11_return = submitted_return(audit_round, police, [*standards, *more], ["green"] * (2 + extra))
    ActionFactory(recommendation=RecommendationFactory(review=audit_round), agency=police)
    client.force_login(alice)
    url = reverse("reviews:s11_return", args=[board.slug, s11_return.pk])
    # session, user, board, membership access, the return with its round and agency, the
    # live links, the previous round, the challenges, the standards, the ratings and last
    # round's ratings.
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    # Then all but the links comes from the cache: session, user, board, membership
    # access, the return and the live links.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rated", [False, True])
def test_the_partner_page_reads_the_same_queries_before_and_after_saving(
    client,
    audit_round,
    police,
    alice,
    standards,
    rated,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    s11_return, link, token = issue(audit_round, police, alice, django_capture_on_commit_callbacks)
    if rated:
        s11.s11_return_save(
            link=link, answers={s.pk: s11.Answer(rating="green") for s in standards}
        )
    landing = open_link(client, token)
    # session, the link with its board and sender, the return with its round, board and
    # agency, the standards and the return's ratings.
    with django_assert_num_queries(5):
        assert client.get(landing).status_code == 200
