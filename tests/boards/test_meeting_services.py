"""Meeting services: the publishing rule, quorum by the rules of the day, attendance kinds,
substitutes, the agenda and declarations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from boards.meeting_models import SupersededQuorum
from boards.meeting_quorum import meeting_quorum
from boards.models import AttendanceKind, MeetingStatus, Person, Role
from boards.services import meetings as services
from lscb.models import AuditEvent
from tests.boards.meeting_factories import (
    AgendaItemFactory,
    MeetingFactory,
    constitution,
    seats,
)
from tests.factories import BoardFactory, MembershipFactory, SubgroupFactory

MEETING_DAY = dt.date(2026, 10, 15)  # a Thursday


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(date=MEETING_DAY)
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
    return meeting


# Publishing: five clear days, not counting the day of publication or of the meeting.


def test_an_agenda_published_with_five_clear_days_is_on_time(meeting, alice):
    on = MEETING_DAY - dt.timedelta(days=6)  # clear days: the 10th to the 14th
    services.agenda_publish(meeting=meeting, by=alice, on=on)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.agenda_published_on == on and meeting.late_reason == ""


def test_an_agenda_published_with_four_clear_days_needs_a_reason(meeting, alice):
    on = MEETING_DAY - dt.timedelta(days=5)
    with pytest.raises(ValidationError) as refused:
        services.agenda_publish(meeting=meeting, by=alice, on=on)
    assert "reason" in refused.value.message_dict
    assert "by 9 October 2026" in refused.value.message_dict["reason"][0]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED

    services.agenda_publish(
        meeting=meeting, by=alice, on=on, reason="The auditor's paper came late."
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.late_reason == "The auditor's paper came late."
    event = AuditEvent.objects.get(action="meeting.agenda_published")
    assert "late: The auditor's paper came late." in event.summary


def test_an_agenda_is_published_once_and_not_after_the_meeting_nor_empty(meeting, alice):
    with pytest.raises(ValidationError, match="taken place"):
        services.agenda_publish(meeting=meeting, by=alice, on=MEETING_DAY + dt.timedelta(days=1))
    empty = MeetingFactory(board=meeting.board, date=MEETING_DAY)
    with pytest.raises(ValidationError, match="at least one item"):
        services.agenda_publish(meeting=empty, by=alice, on=dt.date(2026, 9, 1))
    services.agenda_publish(meeting=meeting, by=alice, on=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="already been published"):
        services.agenda_publish(meeting=meeting, by=alice, on=dt.date(2026, 9, 2))


# Quorum by the constitution and the seats as they stood on the meeting's date.


def test_quorum_is_judged_by_the_rules_in_force_on_the_meeting_day(db):
    board = BoardFactory()
    rules = constitution(board, quorum=3)
    # Until the end of June 2026 two voting members made a quorum.
    SupersededQuorum.objects.create(constitution=rules, quorum=2, until=dt.date(2026, 6, 30))
    people = seats(board, 4, on=dt.date(2026, 6, 1))
    before = MeetingFactory(board=board, date=dt.date(2026, 6, 30))
    after = MeetingFactory(board=board, date=dt.date(2026, 7, 1))
    for meeting in (before, after):
        services.meeting_record_attendance(
            meeting=meeting, present=people[:2], apologies=people[2:], by=None
        )
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.quorum_met is True
    assert after.quorum_met is False
    assert meeting_quorum(before).required == 2 and meeting_quorum(after).required == 3


def test_only_voting_seats_held_on_the_day_count(db):
    board = BoardFactory()
    constitution(board, quorum=2)
    day = dt.date(2026, 6, 1)
    voting = seats(board, 1, on=day)
    ended = MembershipFactory(
        board=board, term_start=dt.date(2020, 1, 1), term_end=day - dt.timedelta(days=1)
    ).person
    adviser = seats(board, 1, on=day, role=Role.ADVISER, voting=False)
    meeting = MeetingFactory(board=board, date=day)
    services.meeting_record_attendance(
        meeting=meeting, present=[*voting, ended, *adviser], apologies=[], by=None
    )
    meeting.refresh_from_db()
    assert meeting.quorum_met is False
    assert meeting_quorum(meeting).present == 1


def test_a_subgroup_meeting_counts_the_subgroup_seats_against_its_own_rules(db):
    board = BoardFactory()
    panel = SubgroupFactory(board=board)
    constitution(board, quorum=5)
    constitution(board, quorum=2, subgroup=panel)
    day = dt.date(2026, 6, 1)
    members = seats(board, 2, subgroup=panel, on=day)
    seats(board, 6, on=day)  # the board's own seats do not count at the panel
    meeting = MeetingFactory(board=board, subgroup=panel, date=day)
    services.meeting_record_attendance(meeting=meeting, present=members, apologies=[], by=None)
    assert meeting_quorum(meeting).voting_members == 2
    assert meeting_quorum(meeting).met is True


# Attendance kinds and substitutes.


def test_each_kind_of_attendance_is_kept_and_apologies_lower_the_expected_quorum(db):
    board = BoardFactory()
    constitution(board, quorum=3)
    a, b, c, d = seats(board, 4, on=MEETING_DAY)
    meeting = MeetingFactory(board=board, date=MEETING_DAY)
    services.meeting_record_attendance(
        meeting=meeting, present=[], apologies=[a, b], absent=[], by=None
    )
    quorum = meeting_quorum(meeting)
    assert (quorum.expected, quorum.expected_met) == (2, False)
    meeting.refresh_from_db()
    assert meeting.quorum_met is None  # nobody has been recorded present yet

    services.meeting_record_attendance(
        meeting=meeting, present=[c], apologies=[a], absent=[d], by=None
    )
    kinds = dict(meeting.attendance.values_list("person_id", "kind"))
    assert kinds == {
        c.pk: AttendanceKind.PRESENT,
        a.pk: AttendanceKind.APOLOGIES,
        d.pk: AttendanceKind.ABSENT,
    }  # b, no longer listed, is not recorded
    assert meeting_quorum(meeting).present == 1


def test_a_substitute_counts_in_the_members_place(db):
    board = BoardFactory()
    constitution(board, quorum=2)
    a, b = seats(board, 2, on=MEETING_DAY)
    meeting = MeetingFactory(board=board, date=MEETING_DAY)
    services.meeting_record_attendance(
        meeting=meeting, present=[a], apologies=[], substitutes=[("Jo Deputy", b)], by=None
    )
    meeting.refresh_from_db()
    assert meeting.quorum_met is True
    deputy = Person.objects.get(name="Jo Deputy")
    assert deputy.agency_id == b.agency_id  # a new substitute comes from the member's agency
    row = meeting.attendance.get(person=deputy)
    assert row.kind == AttendanceKind.SUBSTITUTE and row.substitute_for == b
    assert meeting.attendance.get(person=b).kind == AttendanceKind.APOLOGIES
    # Named again, the same person is found rather than added twice.
    services.meeting_record_attendance(
        meeting=meeting, present=[a], apologies=[], substitutes=[("Jo Deputy", b)], by=None
    )
    assert Person.objects.filter(name="Jo Deputy").count() == 1


def test_a_member_cannot_substitute_for_themselves(db):
    board = BoardFactory()
    (a,) = seats(board, 1, on=MEETING_DAY)
    meeting = MeetingFactory(board=board, date=MEETING_DAY)
    with pytest.raises(ValidationError, match="own substitute"):
        services.meeting_record_attendance(
            meeting=meeting, present=[], apologies=[], substitutes=[(a, a)], by=None
        )


# The agenda, papers, declarations and marking a meeting held.


def test_items_are_numbered_in_order_and_move_up_and_down(db, alice):
    meeting = MeetingFactory(date=MEETING_DAY)
    first = services.agenda_item_add(meeting=meeting, title="Minutes", by=alice)
    second = services.agenda_item_add(
        meeting=meeting, title="A referral", presenter="Dr Marsh", exempt_paragraph=2, by=alice
    )
    assert (first.number, second.number) == (1, 2)
    moved = services.agenda_item_move(item=second, direction="up", by=alice)
    assert moved.number == 1
    assert list(meeting.items.values_list("title", flat=True)) == ["A referral", "Minutes"]
    with pytest.raises(ValidationError, match="cannot move up"):
        services.agenda_item_move(item=moved, direction="up", by=alice)


def test_an_item_needs_a_title_and_a_paragraph_from_one_to_seven(db, alice):
    meeting = MeetingFactory(date=MEETING_DAY)
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_add(meeting=meeting, title=" ", exempt_paragraph=8, by=alice)
    assert set(refused.value.message_dict) == {"title", "exempt_paragraph"}
    assert not meeting.items.exists()


def test_a_paper_is_stored_and_a_disguised_file_refused(db, alice, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    item = AgendaItemFactory(meeting=MeetingFactory(date=MEETING_DAY))
    paper = services.agenda_paper_add(
        item=item, file=SimpleUploadedFile("report.txt", b"The report"), by=alice
    )
    assert paper.name == "report.txt" and paper.file.read() == b"The report"
    assert paper.file.name.startswith("papers/boards/")
    with pytest.raises(ValidationError) as refused:
        services.agenda_paper_add(
            item=item, file=SimpleUploadedFile("report.pdf", b"not a pdf"), by=alice
        )
    assert "file" in refused.value.message_dict


def test_a_held_meeting_keeps_its_agenda_and_cannot_be_held_early(db, alice):
    meeting = MeetingFactory(date=MEETING_DAY)
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="before its date"):
        services.meeting_mark_held(meeting=meeting, by=alice, today=MEETING_DAY - dt.timedelta(1))
    services.meeting_mark_held(meeting=meeting, by=alice, today=MEETING_DAY)
    with pytest.raises(ValidationError, match="agenda cannot change"):
        services.agenda_item_update(item=item, title="New", by=alice)
    with pytest.raises(ValidationError, match="cannot change"):
        services.meeting_update(meeting=meeting, venue="Elsewhere", by=alice)


def test_a_declaration_names_an_item_of_the_same_meeting(db, alice):
    meeting = MeetingFactory(date=MEETING_DAY)
    (person,) = seats(meeting.board, 1, on=MEETING_DAY)
    other_item = AgendaItemFactory(meeting=MeetingFactory(board=meeting.board))
    with pytest.raises(ValidationError) as refused:
        services.declaration_add(
            meeting=meeting, person=person, item=other_item, interest="Governor", by=alice
        )
    assert "item" in refused.value.message_dict
    item = AgendaItemFactory(meeting=meeting)
    declaration = services.declaration_add(
        meeting=meeting, person=person, item=item, interest="School governor", by=alice
    )
    assert declaration.item == item
    assert AuditEvent.objects.filter(action="meeting.declaration").count() == 1


def test_a_meeting_needs_a_place_or_a_video_link(db, alice):
    board = BoardFactory()
    with pytest.raises(ValidationError) as refused:
        services.meeting_plan(board=board, subgroup=None, date=MEETING_DAY, by=alice)
    assert "venue" in refused.value.message_dict
    meeting = services.meeting_plan(
        board=board,
        subgroup=None,
        date=MEETING_DAY,
        video_link="https://meet.example.org/lscb",
        by=alice,
    )
    assert meeting.status == MeetingStatus.PLANNED


def test_a_quorum_changed_in_the_admin_still_judges_the_meetings_before_it(db, admin_user, rf):
    from types import SimpleNamespace

    from django.contrib.admin.sites import site

    from boards.meeting_quorum import quorum_on
    from boards.models import Constitution

    rules = constitution(BoardFactory(), quorum=4)
    rules.quorum = 6
    request = rf.post("/")
    request.user = admin_user
    form = SimpleNamespace(changed_data=["quorum"], initial={"quorum": 4})
    site._registry[Constitution].save_model(request, rules, form, change=True)
    today = dt.date.today()
    assert quorum_on(rules, today - dt.timedelta(days=1)) == 4
    assert quorum_on(rules, today) == 6
