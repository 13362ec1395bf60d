"""The test run's own clock: a module's TODAY, named from the clock when it was imported,
follows the day each of its tests runs on (see tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

# The day the run started: modules are imported, and name TODAY, when it starts.
RUN_STARTED_ON = dt.date.today()


def keep_today(module, started_on: dt.date, today: dt.date) -> None:
    """Move the module's TODAY on to `today` if it was the day the run started: a run that
    crosses midnight would otherwise compare the day before with what the code under test
    reads from the clock. A fixed date (a test set in 2009) is left as it is."""
    if getattr(module, "TODAY", None) == started_on:
        module.TODAY = today
