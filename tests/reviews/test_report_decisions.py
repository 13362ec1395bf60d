"""The quarterly report's decisions of meetings: those of the board's and its subgroups'
meetings held by the quarter's end and open then, by the rule the reviews' actions follow
(not withdrawn, not complete by the latest progress dated by then)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from boards.models import MeetingStatus, Person
from reviews.selectors.report import open_actions_for_report, open_decisions_for_report
from reviews.services.minute_actions import minute_action_create
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import PersonFactory, SubgroupFactory, member
from tests.reviews.factories import ActionFactory, ActionProgressFactory

END = dt.date(2008, 12, 31)


@pytest.fixture
def owner(bob):
    return Person.objects.get(user=bob)


def _decide(board, owner, by, *, held, what, due=dt.date(2009, 1, 31), number=1, **meeting):
    meeting = MeetingFactory(board=board, date=held, status=MeetingStatus.HELD, **meeting)
    item = AgendaItemFactory(meeting=meeting, number=number, title=f"Item about {what}")
    return minute_action_create(item=item, what=what, owner=owner, due=due, by=by)


def test_decisions_open_at_the_date_are_reported_with_their_meeting_and_item(board, owner, alice):
    early = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what="Audit", number=4)
    ActionProgressFactory(action=early, date=dt.date(2008, 12, 1), rag="at_risk", narrative="Slow")
    training = SubgroupFactory(board=board, name="Training subgroup")
    _decide(
        board,
        owner,
        alice,
        held=dt.date(2008, 11, 5),
        what="Train",
        due=dt.date(2008, 12, 1),
        subgroup=training,
    )
    rows = open_decisions_for_report(board, END)
    assert [r.action_text for r in rows] == ["Audit", "Train"]
    audit, train = rows
    assert (audit.meeting_date, audit.meeting_body) == (dt.date(2008, 10, 2), board.name)
    assert (audit.item_number, audit.item_title) == (4, "Item about Audit")
    assert (audit.rag, audit.narrative, audit.overdue) == ("at_risk", "Slow", False)
    assert audit.responsible == owner.name and audit.agency == owner.agency.name
    assert audit.timescale_label == "31 January 2009"
    assert (train.meeting_body, train.rag, train.overdue) == ("Training subgroup", "", True)


def test_what_was_not_open_at_the_date_is_left_out(board, owner, alice):
    # Completed before the date: closed then. Completed after: still open then.
    done = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what="Done")
    ActionProgressFactory(action=done, date=dt.date(2008, 12, 20), rag="complete")
    later = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what="Finished in 2009")
    ActionProgressFactory(action=later, date=dt.date(2008, 11, 1), rag="on_track")
    ActionProgressFactory(action=later, date=dt.date(2009, 1, 20), rag="complete")
    withdrawn = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what="Recorded twice")
    withdrawn.withdrawn_at, withdrawn.withdrawn_reason = timezone.now(), "Recorded twice."
    withdrawn.save()
    _decide(board, owner, alice, held=dt.date(2009, 1, 8), what="Decided in January")
    ActionFactory(recommendation__review__board=board, what="A review's action")

    rows = open_decisions_for_report(board, END)
    assert [(r.action_text, r.rag) for r in rows] == [("Finished in 2009", "on_track")]
    assert [r.action_text for r in open_decisions_for_report(board, dt.date(2009, 3, 31))] == [
        "Decided in January"
    ]
    # The reviews' rows stay the reviews' own.
    assert [r.action_text for r in open_actions_for_report(board, END)] == ["A review's action"]


def test_another_boards_decisions_are_not_reported(board, other_board, alice):
    olive = member(other_board, "olive")
    _decide(
        other_board,
        Person.objects.get(user=olive),
        olive,
        held=dt.date(2008, 10, 2),
        what="Elsewhere",
    )
    assert open_decisions_for_report(board, END) == []


def test_a_decision_under_an_item_taken_in_private_says_so(board, owner, alice):
    action = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what="Refer the family")
    item = action.minute.item
    item.exempt_paragraph = 1
    item.save()
    assert open_decisions_for_report(board, END)[0].item_private


@pytest.mark.parametrize("n", [2, 8])
def test_the_reports_decisions_read_two_queries_however_many(
    board, owner, alice, django_assert_num_queries, n
):
    for i in range(n):
        action = _decide(board, owner, alice, held=dt.date(2008, 10, 2), what=f"Decision {i}")
        ActionProgressFactory(action=action, date=dt.date(2008, 11, 1), rag="on_track")
        action.responsible_people.add(*PersonFactory.create_batch(2))
    # 1 the decisions with their status on the date, meetings, items and agencies, 2 their
    # owners
    with django_assert_num_queries(2):
        rows = open_decisions_for_report(board, END)
    assert len(rows) == n
