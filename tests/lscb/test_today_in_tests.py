"""The test suite's own clock: a run that crosses midnight stays right (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

# As if this module had been imported the day before the test runs.
TODAY = dt.date.today() - dt.timedelta(days=1)


def test_a_module_today_is_the_day_its_test_runs():
    assert dt.date.today() == TODAY
