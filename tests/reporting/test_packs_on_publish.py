"""Publishing an agenda asks for its public and members' packs once it commits, so the
public pack is ready by the time anyone looks; asking again renders nothing twice."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from boards.services import meetings as meeting_services
from lscb import agenda_hooks
from lscb.models import AuditEvent
from reporting.pack_models import MeetingPack, PackKind, PackStatus
from reporting.services import packs as services
from tests.reporting.pack_factories import meeting_with_papers, pdf_text


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _renders() -> int:
    return AuditEvent.objects.filter(action="reporting.pack_ready").count()


def test_publishing_the_agenda_leaves_the_public_pack_ready_for_anyone(
    client, board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("boards:agenda_publish", args=[board.slug, meeting.pk]), {"reason": ""}
        )
    assert response.status_code == 302
    packs = {p.kind: p for p in MeetingPack.objects.filter(meeting=meeting)}
    assert set(packs) == {PackKind.PUBLIC, PackKind.MEMBERS}
    assert all(p.status == PackStatus.READY and p.requested_by == alice for p in packs.values())
    assert _renders() == 2

    client.logout()
    page = client.get(reverse("public:board", args=[board.slug])).content.decode()
    assert reverse("public:pack", args=[board.slug, meeting.pk]) in page
    response = client.get(reverse("public:pack", args=[board.slug, meeting.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(b"".join(response.streaming_content)))
    assert "Neglect strategy opening words" in text and "Child K" not in text


def test_publishing_again_or_a_pack_already_current_renders_nothing_more(
    board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.agenda_publish(meeting=meeting, by=alice)
    assert _renders() == 2
    with pytest.raises(Exception, match="already been published"):
        meeting_services.agenda_publish(meeting=meeting, by=alice)
    # The hook run again, as a second delivery would: both packs show the agenda as it is.
    with django_capture_on_commit_callbacks(execute=True):
        agenda_hooks.agenda_published(meeting=meeting, by=alice)
    assert _renders() == 2
    assert [p.attempts for p in MeetingPack.objects.all()] == [1, 1]
    assert AuditEvent.objects.filter(action="reporting.pack_requested").count() == 2


def test_a_pack_on_its_way_is_not_asked_for_twice_and_an_outdated_one_is(
    board, alice, django_capture_on_commit_callbacks
):
    meeting = meeting_with_papers(board)
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=alice)
    meeting.items.filter(number=3).update(title="Any other business, and the date of the next")
    with (
        mock.patch("reporting.tasks.render_meeting_pack.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        MeetingPack.objects.filter(kind=PackKind.PUBLIC).update(status=PackStatus.QUEUED)
        assert services.agenda_packs_prepare(meeting=meeting, by=alice)[0].kind == PackKind.MEMBERS
        MeetingPack.objects.filter(kind=PackKind.PUBLIC).update(status=PackStatus.READY)
        asked = services.agenda_packs_prepare(meeting=meeting, by=alice)
    # The members' pack is now queued; the public one's file shows the old agenda.
    assert [p.kind for p in asked] == [PackKind.PUBLIC]
    assert delay.call_count == 2


def test_an_agenda_recorded_after_its_meeting_asks_for_no_pack(
    board, alice, django_capture_on_commit_callbacks
):
    day = dt.date.today() - dt.timedelta(days=10)
    meeting = meeting_with_papers(board, date=day)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.agenda_publish(meeting=meeting, by=alice, on=day - dt.timedelta(days=9))
    assert not MeetingPack.objects.exists()
