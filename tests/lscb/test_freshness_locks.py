"""Writers that move board versions take their locks in one order, so they never deadlock.

`save()` changes its row, then its receiver moves the board. A watched queryset's
`update()` must do the same (rows, then board): if it moved the board first, a `save()`
holding the row and an `update()` holding the board would each wait for the other until
PostgreSQL aborted one of them.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction

from boards.models import Board
from tests.factories import BoardFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans.models import Outcome


def _wait_until_blocked(pid: int, timeout: float = 5.0) -> None:
    """Return once backend `pid` waits on a lock (or fail after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row and row[0] == "Lock":
                return
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first one's lock")


@pytest.mark.django_db(transaction=True)
def test_a_queryset_update_and_a_save_of_the_same_row_do_not_deadlock():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; lock order needs PostgreSQL row locks.")
    board = BoardFactory(slug="locks")
    outcome = OutcomeFactory(
        workplan=WorkplanFactory(board=board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31))
    )
    version = Board.objects.values_list("workplans_version", flat=True).get(pk=board.pk)
    row_locked = threading.Event()
    updater_pid: list[int] = []
    errors: list[BaseException] = []

    def saver():
        # Holds the outcome's row (as save() does before its receiver runs), waits until
        # the updater is blocked, then moves the board as the receiver would.
        try:
            with transaction.atomic():
                Outcome.objects.select_for_update().get(pk=outcome.pk)
                row_locked.set()
                for _ in range(250):
                    if updater_pid:
                        break
                    time.sleep(0.02)
                _wait_until_blocked(updater_pid[0])
                copy = Outcome.objects.get(pk=outcome.pk)
                copy.title = "Saved by the first writer"
                copy.save()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    def updater():
        try:
            row_locked.wait(5)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            updater_pid.append(pid)
            Outcome.objects.filter(pk=outcome.pk).update(how="Agreed with the police")
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=saver), threading.Thread(target=updater)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    outcome.refresh_from_db()
    assert outcome.title == "Saved by the first writer"
    assert Board.objects.values_list("workplans_version", flat=True).get(pk=board.pk) >= version + 2
