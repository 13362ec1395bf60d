"""Meetings recorded before attendance rows existed keep who came and who sent apologies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("boards", "0006_meetings")]
AFTER = [("boards", "0008_remove_meeting_lists")]


@pytest.mark.django_db(transaction=True)
def test_the_attendance_lists_become_one_row_per_person_without_loss():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Board, Person, Meeting = (old.get_model("boards", n) for n in ("Board", "Person", "Meeting"))
    board = Board.objects.create(name="Old board", slug="old", area="Here")
    came, sorry, both = (Person.objects.create(name=n) for n in ("Came", "Sorry", "Both"))
    held = Meeting.objects.create(board=board, date=dt.date(2009, 1, 14), quorum_met=True)
    held.attendees.set([came, both])
    held.apologies.set([sorry, both])
    to_come = Meeting.objects.create(board=board, date=dt.date.today() + dt.timedelta(days=9))
    to_come.apologies.set([sorry])

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Attendance, Meeting = new.get_model("boards", "Attendance"), new.get_model("boards", "Meeting")
    rows = set(Attendance.objects.values_list("meeting_id", "person__name", "kind"))
    assert rows == {
        (held.pk, "Came", "present"),
        (held.pk, "Both", "present"),  # on both lists: counted present, as quorum counted
        (held.pk, "Sorry", "apologies"),
        (to_come.pk, "Sorry", "apologies"),
    }
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {held.pk: "held", to_come.pk: "planned"}
    assert Meeting.objects.get(pk=held.pk).quorum_met is True
    # Forward to the latest again, so the tests after this one see today's schema.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
