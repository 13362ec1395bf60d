"""The public agenda pack on the public pages: offered and served only for the board's own
meetings whose agenda is published, only as made from the agenda as it stands, and never
the members' pack."""

from __future__ import annotations

import pytest
from django.urls import reverse

from boards.meeting_models import AgendaItem, MeetingStatus
from reporting.pack_models import PackKind
from reporting.services import packs
from tests.factories import SubgroupFactory
from tests.reporting.pack_factories import meeting_with_papers, pdf_text


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _prepare(meeting, kind, by, capture):
    with capture(execute=True):
        packs.pack_request(meeting=meeting, kind=kind, by=by)


def _download(client, meeting, slug=None):
    return client.get(reverse("public:pack", args=[slug or meeting.board.slug, meeting.pk]))


def test_anyone_reads_the_public_pack_without_the_private_item(
    client, board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board, status=MeetingStatus.AGENDA_PUBLISHED)
    _prepare(meeting, PackKind.PUBLIC, alice, django_capture_on_commit_callbacks)

    page = client.get(reverse("public:board", args=[board.slug])).content.decode()
    assert reverse("public:pack", args=[board.slug, meeting.pk]) in page
    response = _download(client, meeting)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(pdf_text(b"".join(response.streaming_content))).split())
    assert "Item 2 is taken in private: paragraph 1 of Schedule 12A" in text
    assert "Child K" not in text and "Confidential chronology" not in text
    feed = client.get(reverse("public:feed", args=[board.slug])).content.decode()
    assert "Agenda pack for the meeting on" in feed


def test_no_pack_is_public_before_the_agenda_is_or_for_a_subgroup_or_another_board(
    client, board, other_board, alice, django_capture_on_commit_callbacks
):
    planned = meeting_with_papers(board)
    subgroup = meeting_with_papers(
        board, subgroup=SubgroupFactory(board=board), status=MeetingStatus.AGENDA_PUBLISHED
    )
    for meeting in (planned, subgroup):
        _prepare(meeting, PackKind.PUBLIC, alice, django_capture_on_commit_callbacks)
        assert _download(client, meeting).status_code == 404
    published = meeting_with_papers(board, status=MeetingStatus.AGENDA_PUBLISHED)
    _prepare(published, PackKind.PUBLIC, alice, django_capture_on_commit_callbacks)
    assert _download(client, published, other_board.slug).status_code == 404
    page = client.get(reverse("public:board", args=[board.slug])).content.decode()
    assert page.count("agenda-pack.pdf") == 1


def test_the_members_pack_is_never_public(client, board, alice, django_capture_on_commit_callbacks):
    meeting = meeting_with_papers(board, status=MeetingStatus.AGENDA_PUBLISHED)
    _prepare(meeting, PackKind.MEMBERS, alice, django_capture_on_commit_callbacks)
    assert _download(client, meeting).status_code == 404
    assert (
        "agenda-pack.pdf"
        not in client.get(reverse("public:board", args=[board.slug])).content.decode()
    )


def test_a_pack_made_before_an_item_was_taken_into_private_is_withdrawn_until_made_again(
    client, board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board, status=MeetingStatus.AGENDA_PUBLISHED)
    _prepare(meeting, PackKind.PUBLIC, alice, django_capture_on_commit_callbacks)
    AgendaItem.objects.filter(meeting=meeting, number=1).update(exempt_paragraph=2)

    assert _download(client, meeting).status_code == 404
    assert (
        "agenda-pack.pdf"
        not in client.get(reverse("public:board", args=[board.slug])).content.decode()
    )
    client.force_login(alice)
    assert "The agenda has changed since this pack was prepared" in (
        client.get(meeting.get_absolute_url()).content.decode()
    )
    client.logout()

    _prepare(meeting, PackKind.PUBLIC, alice, django_capture_on_commit_callbacks)
    response = _download(client, meeting)
    assert response.status_code == 200
    text = " ".join(pdf_text(b"".join(response.streaming_content)))
    assert "Neglect strategy opening words" not in text
