"""Minutes and their reopenings in the Django admin: the pages load in a fixed number of
queries however many there are, a reopening is a record no one changes, and approved
minutes cannot be changed there any more than on the site."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from boards.admin import MinuteAdmin
from boards.models import Meeting, MeetingStatus, Minute, MinutesReopening
from lscb.models import AuditEvent
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory

TODAY = dt.date.today()


def _minuted(board, carol, count: int) -> None:
    """`count` held meetings, each with two minuted items and a reopening by the chair."""
    for n in range(count):
        meeting = MeetingFactory(
            board=board, date=TODAY - dt.timedelta(days=30 * (n + 1)), status=MeetingStatus.HELD
        )
        for number in (1, 2):
            item = AgendaItemFactory(meeting=meeting, number=number, title=f"Item {number}")
            Minute.objects.create(item=item, discussion="Agreed.", written_by=carol)
        MinutesReopening.objects.create(
            meeting=meeting, by=carol, reason="A name was wrong.", previously_signed_off_by=carol
        )


@pytest.mark.parametrize("count", [1, 6])
def test_the_minutes_and_reopenings_pages_take_the_same_queries_at_any_size(
    client, admin_user, board, carol, count, django_assert_num_queries
):
    _minuted(board, carol, count)
    client.force_login(admin_user)
    minute, reopening = Minute.objects.first(), MinutesReopening.objects.first()
    pages = [
        reverse("admin:boards_minute_changelist"),
        reverse("admin:boards_minute_change", args=[minute.pk]),
        reverse("admin:boards_minutesreopening_changelist"),
        reverse("admin:boards_minutesreopening_change", args=[reopening.pk]),
    ]
    for url in pages:  # the content types, read once a process
        assert client.get(url).status_code == 200
    # 1 session, 2 user, 3 the boards to filter by, 4 count of all, 5 count shown, 6 the
    # page's rows with item, meeting, board, subgroup and writer
    with django_assert_num_queries(6):
        page = client.get(pages[0]).content.decode()
    assert page.count('name="_selected_action"') == 2 * count
    # 1 session, 2 user, 3 the minute with its item, meeting, board, subgroup and writer
    with django_assert_num_queries(3):
        assert client.get(pages[1]).status_code == 200
    # 1 session, 2 user, 3 the boards to filter by, 4 count of all, 5 count shown, 6 the
    # page's rows with meeting, board, subgroup and chair, 7 the first and last dates and
    # 8 the days between, for the date hierarchy
    with django_assert_num_queries(8):
        page = client.get(pages[2]).content.decode()
    assert page.count("A name was wrong.") == count
    # 1 session, 2 user, 3 the reopening with its meeting, board, subgroup and both chairs
    with django_assert_num_queries(3):
        assert client.get(pages[3]).status_code == 200


def test_approved_minutes_cannot_be_changed_or_deleted_in_the_admin(
    client, admin_user, board, carol
):
    _minuted(board, carol, 1)
    meeting = MinutesReopening.objects.get().meeting
    minute = Minute.objects.get(item__number=1)
    client.force_login(admin_user)
    url = reverse("admin:boards_minute_change", args=[minute.pk])
    form = {"discussion": "Corrected in the admin."}

    # Open minutes: the text may be corrected, and the change is audited.
    assert client.post(url, form).status_code == 302
    minute.refresh_from_db()
    assert minute.discussion == "Corrected in the admin." and minute.written_by == admin_user
    assert AuditEvent.objects.filter(action="minute.changed", board=board).exists()

    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save()
    page = client.get(url).content.decode()
    assert "View minute" in page and 'name="discussion"' not in page
    assert client.post(url, {"discussion": "Changed after approval."}).status_code == 403
    delete = reverse("admin:boards_minute_delete", args=[minute.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    minute.refresh_from_db()
    assert minute.discussion == "Corrected in the admin."


def test_minutes_approved_as_the_admin_saves_are_refused(
    client, admin_user, board, carol, monkeypatch
):
    _minuted(board, carol, 1)
    minute = Minute.objects.get(item__number=1)
    client.force_login(admin_user)
    # The chair approves after the admin's permission was checked and before the save:
    # the save checks the meeting again under its row lock.
    monkeypatch.setattr(MinuteAdmin, "has_change_permission", lambda *args, **kwargs: True)
    Meeting.objects.filter(pk=minute.item.meeting_id).update(status=MeetingStatus.MINUTES_APPROVED)
    url = reverse("admin:boards_minute_change", args=[minute.pk])
    assert client.post(url, {"discussion": "Too late."}).status_code == 403
    minute.refresh_from_db()
    assert minute.discussion == "Agreed."


def test_a_reopening_is_read_only_in_the_admin(client, admin_user, board, carol):
    _minuted(board, carol, 1)
    reopening = MinutesReopening.objects.get()
    client.force_login(admin_user)
    page = client.get(reverse("admin:boards_minutesreopening_change", args=[reopening.pk]))
    assert "View minutes reopening" in page.content.decode()
    assert 'name="reason"' not in page.content.decode()
    url = reverse("admin:boards_minutesreopening_change", args=[reopening.pk])
    assert client.post(url, {"reason": "Rewritten."}).status_code == 403
    assert client.get(reverse("admin:boards_minutesreopening_add")).status_code == 403
    delete = reverse("admin:boards_minutesreopening_delete", args=[reopening.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    reopening.refresh_from_db()
    assert reopening.reason == "A name was wrong."


@pytest.mark.parametrize(
    "status, editable", [(MeetingStatus.HELD, True), (MeetingStatus.MINUTES_APPROVED, False)]
)
def test_approved_minutes_lock_the_attendance_in_the_admin_too(
    client, rf, admin_user, board, carol, status, editable
):
    from types import SimpleNamespace

    from django.contrib.admin.sites import site

    from boards.admin import AttendanceInline
    from boards.models import Attendance, AttendanceKind

    meeting = MeetingFactory(board=board, date=TODAY - dt.timedelta(days=7), status=status)
    Attendance.objects.create(meeting=meeting, person=carol.person, kind=AttendanceKind.PRESENT)
    admin = site._registry[Meeting]
    request = rf.post("/")
    request.user = admin_user

    inline = next(
        i for i in admin.get_inline_instances(request, meeting) if isinstance(i, AttendanceInline)
    )
    assert inline.has_add_permission(request, meeting) is editable
    assert inline.has_change_permission(request, meeting) is editable
    assert inline.has_delete_permission(request, meeting) is editable
    # Saving the meeting itself (a venue put right, say) keeps the attendance as minuted,
    # where the attendance service would refuse to record it again.
    form = SimpleNamespace(instance=meeting, save_m2m=lambda: None)
    admin.save_related(request, form, [], change=True)
    assert list(meeting.attendance.values_list("person", "kind")) == [
        (carol.person.pk, AttendanceKind.PRESENT)
    ]
    client.force_login(admin_user)
    page = client.get(reverse("admin:boards_meeting_change", args=[meeting.pk]))
    assert page.status_code == 200
    assert ('name="attendance-0-kind"' in page.content.decode()) is editable
