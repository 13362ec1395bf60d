"""The public agenda pack on the public pages: offered and served only for the board's own
meetings whose agenda is published, only as made from the agenda as it stands, and never
the members' pack."""

from __future__ import annotations

import pytest
from django.urls import reverse

from boards.meeting_models import AgendaItem, Meeting, MeetingStatus, Minute
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


def test_the_public_minutes_are_public_once_approved_and_only_as_they_stand(
    client, board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board, status=MeetingStatus.HELD)
    for item in meeting.items.all():
        Minute.objects.create(item=item, discussion=f"Minute of {item.title}.")
    url = reverse("public:minutes", args=[board.slug, meeting.pk])
    _prepare(meeting, PackKind.PUBLIC_MINUTES, alice, django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 404  # a draft

    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_APPROVED)
    meeting.refresh_from_db()
    # Made as a draft: prepared again once approved, it says so and is public.
    assert client.get(url).status_code == 404
    _prepare(meeting, PackKind.PUBLIC_MINUTES, alice, django_capture_on_commit_callbacks)
    response = client.get(url)
    assert response.status_code == 200
    text = " ".join(" ".join(pdf_text(b"".join(response.streaming_content))).split())
    assert "approved as a correct record" in text and "Minute of Neglect strategy." in text
    assert "Child K" not in text
    assert url in client.get(reverse("public:board", args=[board.slug])).content.decode()
    feed = client.get(reverse("public:feed", args=[board.slug])).content.decode()
    assert "Minutes of the meeting on" in feed

    # Reopened and changed: withdrawn until prepared again.
    Minute.objects.filter(item__number=1).update(discussion="Changed.")
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("public:board", args=[board.slug])).content.decode()
