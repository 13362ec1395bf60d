"""Writes for boards: memberships here, meetings in boards.services.meetings. One transaction
each, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from boards.models import Membership, Person
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


# Meetings have a module of their own; attendance is still recorded through this name.
from boards.services.meetings import meeting_record_attendance  # noqa: E402, F401
