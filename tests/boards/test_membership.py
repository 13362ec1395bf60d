"""Membership writes: bad terms are refused with a clear message and change nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from boards.models import Membership, Role
from boards.services import membership_create, membership_end
from lscb.models import AuditEvent
from tests.factories import PersonFactory, SubgroupFactory


@pytest.fixture
def person(db):
    return PersonFactory(name="Ann Other")


def test_membership_is_created_and_audited(board, person, admin_user):
    m = membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2026, 12, 31),
    )
    assert Membership.objects.filter(pk=m.pk).exists()
    event = AuditEvent.objects.get(action="membership.created")
    assert event.actor == admin_user and event.board == board


def test_overlapping_terms_for_the_same_seat_are_refused(board, person, admin_user):
    membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as err:
        membership_create(
            by=admin_user,
            person=person,
            board=board,
            role=Role.LAY_MEMBER,
            term_start=dt.date(2026, 6, 1),
            term_end=dt.date(2028, 5, 31),
        )
    assert "cannot overlap" in str(err.value)
    assert Membership.objects.count() == 1
    assert AuditEvent.objects.filter(action="membership.created").count() == 1


def test_open_ended_term_overlaps_any_later_term(board, person, admin_user):
    membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot overlap"):
        membership_create(
            by=admin_user,
            person=person,
            board=board,
            role=Role.LAY_MEMBER,
            term_start=dt.date(2030, 1, 1),
        )


def test_consecutive_terms_and_other_seats_are_allowed(board, person, admin_user):
    membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2021, 1, 1),
        term_end=dt.date(2023, 12, 31),
    )
    membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2026, 12, 31),
    )
    # Same dates on a subgroup is a different seat.
    membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        subgroup=SubgroupFactory(board=board),
        term_start=dt.date(2024, 1, 1),
    )
    assert Membership.objects.count() == 3


def test_end_date_before_start_date_is_refused(board, person, admin_user):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        membership_create(
            by=admin_user,
            person=person,
            board=board,
            role=Role.LAY_MEMBER,
            term_start=dt.date(2024, 1, 1),
            term_end=dt.date(2023, 1, 1),
        )
    assert not Membership.objects.exists()


def test_advisers_cannot_vote(board, person, admin_user):
    with pytest.raises(ValidationError, match="cannot vote"):
        membership_create(
            by=admin_user,
            person=person,
            board=board,
            role=Role.ADVISER,
            voting=True,
            term_start=dt.date(2024, 1, 1),
        )


def test_subgroup_of_another_board_is_refused(board, other_board, person, admin_user):
    with pytest.raises(ValidationError, match="another board"):
        membership_create(
            by=admin_user,
            person=person,
            board=board,
            role=Role.LAY_MEMBER,
            subgroup=SubgroupFactory(board=other_board),
            term_start=dt.date(2024, 1, 1),
        )


def test_ending_a_membership_before_it_started_changes_nothing(board, person, admin_user):
    m = membership_create(
        by=admin_user,
        person=person,
        board=board,
        role=Role.LAY_MEMBER,
        term_start=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError):
        membership_end(membership=m, by=admin_user, on=dt.date(2020, 1, 1))
    m.refresh_from_db()
    assert m.term_end is None
