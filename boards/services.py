"""Writes for boards: memberships and meeting attendance. One transaction each, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from boards.models import SEAT_ROLES, Constitution, Meeting, Membership, Person
from lscb import audit


@transaction.atomic
def membership_create(*, by, **fields) -> Membership:
    """Add a person to a board or subgroup; refuses overlapping terms for the same seat."""
    membership = Membership(**fields)
    # Lock the person so two admins cannot add overlapping terms for them at the same moment.
    Person.objects.select_for_update().filter(pk=membership.person_id).first()
    membership.full_clean()
    membership.save()
    audit.record(
        actor=by,
        action="membership.created",
        obj=membership,
        board=membership.board,
        summary=f"Added {membership}",
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by, on: dt.date) -> Membership:
    membership.term_end = on
    membership.full_clean()
    membership.save(update_fields=["term_end"])
    audit.record(
        actor=by,
        action="membership.ended",
        obj=membership,
        board=membership.board,
        summary=f"Ended {membership} on {on:%-d %B %Y}",
    )
    return membership


@transaction.atomic
def meeting_record_attendance(
    *, meeting: Meeting, present: list[Person], apologies: list[Person], by
) -> Meeting:
    """Record who came; quorum is judged against voting seats as the constitution counts them."""
    meeting.attendees.set(present)
    meeting.apologies.set(apologies)
    constitution = Constitution.objects.filter(
        board_id=meeting.board_id, subgroup_id=meeting.subgroup_id
    ).first()
    if constitution is None or constitution.quorum is None:
        meeting.quorum_met = None
    else:
        voting_present = (
            Membership.objects.current(meeting.date)
            .filter(
                board_id=meeting.board_id,
                subgroup_id=meeting.subgroup_id,
                voting=True,
                role__in=SEAT_ROLES,
                person__in=present,
            )
            .values("person")
            .distinct()
            .count()
        )
        meeting.quorum_met = voting_present >= constitution.quorum
    meeting.save(update_fields=["quorum_met"])
    audit.record(
        actor=by,
        action="meeting.attendance",
        obj=meeting,
        board=meeting.board,
        summary=f"Recorded attendance for {meeting}: {len(present)} present",
    )
    return meeting
