"""Asking for an agenda pack, rendering it in the worker (twice is once), the meeting page
showing its state, and who may download which pack."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from boards.meeting_models import MeetingStatus, Minute
from lscb.models import AuditEvent
from reporting.pack_models import MeetingPack, PackKind, PackStatus
from reporting.services import packs as services
from reporting.tasks import render_meeting_pack
from tests.reporting.pack_factories import meeting_with_papers, pdf_text


@pytest.fixture
def meeting(board):
    return meeting_with_papers(board)


def _url(name, meeting, kind="public"):
    return reverse(f"reporting:{name}", args=[meeting.board.slug, meeting.pk, kind])


def test_a_request_renders_the_pack_once_and_a_second_delivery_does_nothing(
    meeting, alice, django_capture_on_commit_callbacks
):
    with (
        mock.patch("reporting.tasks.render_meeting_pack.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        pack = services.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=alice)
    assert pack.status == PackStatus.QUEUED
    assert render_meeting_pack.run(pack.pk) == "ready"
    pack.refresh_from_db()
    first = (pack.pdf.name, pack.finished_at, pack.attempts)
    assert render_meeting_pack.run(pack.pk) == "skipped"
    pack.refresh_from_db()
    assert (pack.pdf.name, pack.finished_at, pack.attempts) == first
    assert pack.status == PackStatus.READY and pack.page_count == len(
        pdf_text(default_storage.open(pack.pdf.name).read())
    )
    assert delay.call_count == 1
    assert AuditEvent.objects.filter(action="reporting.pack_ready").count() == 1


def test_asking_again_while_one_is_queued_queues_nothing_more(
    meeting, alice, django_capture_on_commit_callbacks
):
    with (
        mock.patch("reporting.tasks.render_meeting_pack.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = services.pack_request(meeting=meeting, kind=PackKind.MEMBERS, by=alice)
        second = services.pack_request(meeting=meeting, kind=PackKind.MEMBERS, by=alice)
    assert first.pk == second.pk and second.sent is None
    assert delay.call_count == 1
    assert MeetingPack.objects.count() == 1


def test_a_failed_render_says_why_and_can_be_asked_for_again(
    meeting, alice, django_capture_on_commit_callbacks
):
    with mock.patch("reporting.tasks.render_meeting_pack.delay"):
        pack = services.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=alice)
    with mock.patch("reporting.pdf.render_pdf", side_effect=RuntimeError("Out of paper")):
        assert services.pack_render(pack_id=pack.pk) == "failed"
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and pack.error == "Out of paper"
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=alice)  # eager
    pack.refresh_from_db()
    assert pack.status == PackStatus.READY and pack.error == ""


def test_the_officer_asks_on_the_meeting_page_and_sees_the_pack_ready(
    client, meeting, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agenda packs" in page and "Not prepared yet." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("pack_request", meeting, "members"))
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Download the members&#x27; agenda pack" in page
    assert "data-refresh-seconds" not in page
    pdf = b"".join(client.get(_url("pack_download", meeting, "members")).streaming_content)
    assert "Confidential chronology of Child K" in "".join(pdf_text(pdf))


def test_the_page_refreshes_while_a_pack_is_being_prepared(client, meeting, alice):
    with mock.patch("reporting.tasks.render_meeting_pack.delay"):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC, by=alice)
    client.force_login(alice)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "data-refresh-seconds" in page and "Queued" in page
    assert "http-equiv" not in page


def ready_pack(meeting, kind, by, capture):
    with capture(execute=True):
        return services.pack_request(meeting=meeting, kind=kind, by=by)


def test_a_member_downloads_packs_but_may_not_ask_for_one(
    client, meeting, alice, bob, django_capture_on_commit_callbacks
):
    ready_pack(meeting, PackKind.MEMBERS, alice, django_capture_on_commit_callbacks)
    client.force_login(bob)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Prepare" not in page
    assert client.get(_url("pack_download", meeting, "members")).status_code == 200
    assert client.post(_url("pack_request", meeting, "members")).status_code == 403
    # Not prepared yet, and not a kind of pack.
    assert client.get(_url("pack_download", meeting, "public")).status_code == 404
    assert client.get(_url("pack_download", meeting, "secret")).status_code == 404


def test_an_outsider_gets_404_and_a_visitor_signs_in(
    client, meeting, alice, charlie, django_capture_on_commit_callbacks
):
    ready_pack(meeting, PackKind.MEMBERS, alice, django_capture_on_commit_callbacks)
    client.force_login(charlie)
    assert client.get(_url("pack_download", meeting, "members")).status_code == 404
    assert client.post(_url("pack_request", meeting, "members")).status_code == 404
    client.logout()
    assert client.get(_url("pack_download", meeting, "members")).status_code == 302
    assert client.post(_url("pack_request", meeting, "members")).status_code == 302


@pytest.mark.parametrize("with_packs", [False, True])
def test_the_packs_on_the_meeting_page_take_one_query(
    client, meeting, alice, with_packs, django_assert_num_queries
):
    if with_packs:
        for kind in PackKind:
            MeetingPack.objects.create(meeting=meeting, kind=kind, requested_at=timezone.now())
    client.force_login(alice)
    # 1 session, 2 user, 3 board, 4 access, 5 meeting, 6 agenda packs, 7 items, 8 papers,
    # 9 attendance, 10 declarations, 11 seats on the day (which give the quorum its voting
    # members), 12 constitution, with any superseded quorum in force on the day
    with django_assert_num_queries(12):
        page = client.get(meeting.get_absolute_url()).content.decode()
    assert ("Queued" in page) is with_packs
    # The next view is served from the cached parts: 1-5 as above. While a pack is being
    # prepared its part is drawn afresh, which reads the packs and the agenda again (6-8),
    # not the attendance.
    with django_assert_num_queries(8 if with_packs else 5):
        again = client.get(meeting.get_absolute_url()).content.decode()
    assert ("Queued" in again) is with_packs
    assert again.count('name="csrfmiddlewaretoken"') == page.count('name="csrfmiddlewaretoken"')
    assert "lscb:csrf-token" not in again


def test_minutes_are_prepared_once_the_meeting_is_held(
    client, meeting, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Public minutes" not in page
    with pytest.raises(ValidationError):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC_MINUTES, by=alice)
    response = client.post(_url("pack_request", meeting, "public_minutes"), follow=True)
    assert "Minutes can be prepared once the meeting is held." in response.content.decode()
    assert not MeetingPack.objects.exists()

    meeting.status = MeetingStatus.HELD
    meeting.save()
    Minute.objects.create(item=meeting.items.get(number=2), discussion="Child K was discussed.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("pack_request", meeting, "public_minutes"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Download the public minutes" in page
    response = client.get(_url("pack_download", meeting, "public_minutes"))
    assert response["Content-Disposition"].endswith('-public-minutes.pdf"')
    text = "".join(pdf_text(b"".join(response.streaming_content)))
    assert "Child K" not in text

    # A private item's minute is not in the public minutes; an item's in public is.
    Minute.objects.filter(item__number=2).update(discussion="Child K was discussed at length.")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "The minutes have changed since this PDF was prepared." not in page
    Minute.objects.create(item=meeting.items.get(number=1), discussion="Agreed.")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "The minutes have changed since this PDF was prepared." in page


def test_the_sweep_sends_again_packs_whose_message_was_lost_or_whose_worker_died(meeting, settings):
    now = timezone.now()
    lost = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PUBLIC, requested_at=now - dt.timedelta(minutes=11)
    )
    dead = MeetingPack.objects.create(
        meeting=meeting,
        kind=PackKind.MEMBERS,
        status=PackStatus.RENDERING,
        requested_at=now,
        started_at=now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60),
    )
    other = meeting_with_papers(meeting.board)
    MeetingPack.objects.create(meeting=other, kind=PackKind.PUBLIC, requested_at=now)
    MeetingPack.objects.create(
        meeting=other,
        kind=PackKind.MEMBERS,
        status=PackStatus.RENDERING,
        requested_at=now,
        started_at=now,
    )
    assert sorted(services.packs_needing_a_push()) == sorted([lost.pk, dead.pk])
    # The dead worker's claim is taken over and the pack made.
    assert services.pack_render(pack_id=dead.pk) == "ready"


def test_a_file_store_blip_queues_the_pack_again_until_the_last_attempt(meeting):
    pack = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PUBLIC, requested_at=timezone.now()
    )
    with mock.patch("reporting.storage.save_atomically", side_effect=OSError("disk away")):
        with pytest.raises(OSError):
            services.pack_render(pack_id=pack.pk, last_attempt=False)
        pack.refresh_from_db()
        assert pack.status == PackStatus.QUEUED and "disk away" in pack.error
        assert services.pack_render(pack_id=pack.pk, last_attempt=True) == "failed"
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and pack.error == "disk away"


def test_minutes_whose_decisions_change_are_marked_out_of_date(
    client, meeting, alice, bob, django_capture_on_commit_callbacks
):
    from boards.models import Person
    from reviews.services.minute_actions import (
        minute_action_create,
        minute_action_update,
        minute_action_withdraw,
    )

    meeting.status = MeetingStatus.HELD
    meeting.save()
    item = meeting.items.get(number=1)
    Minute.objects.create(item=item, discussion="Agreed.")
    owner = Person.objects.get(user=bob)
    due = meeting.date + dt.timedelta(days=60)
    decision = minute_action_create(item=item, what="Publish it.", owner=owner, due=due, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC_MINUTES, by=alice)
    client.force_login(alice)
    stale = "The minutes have changed since this PDF was prepared."
    assert stale not in client.get(meeting.get_absolute_url()).content.decode()

    decision = minute_action_update(
        action=decision, what="Publish it by March.", owner=owner, due=due, by=alice
    )
    assert stale in client.get(meeting.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC_MINUTES, by=alice)
    assert stale not in client.get(meeting.get_absolute_url()).content.decode()
    minute_action_withdraw(action=decision, by=alice, reason="Recorded twice.")
    assert stale in client.get(meeting.get_absolute_url()).content.decode()
