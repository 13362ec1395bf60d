"""The test run's own clock (tests/clock.py): a run that crosses midnight stays right."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tests.clock import keep_today

STARTED = dt.date(2026, 12, 7)
NEXT_DAY = dt.date(2026, 12, 8)
SET_IN_2009 = dt.date(2009, 3, 1)


def test_a_today_named_from_the_clock_follows_the_day_the_test_runs():
    module = SimpleNamespace(TODAY=STARTED)
    keep_today(module, STARTED, NEXT_DAY)
    assert module.TODAY == NEXT_DAY


def test_a_fixed_day_is_left_as_it_is():
    module = SimpleNamespace(TODAY=SET_IN_2009)
    keep_today(module, STARTED, NEXT_DAY)
    assert module.TODAY == SET_IN_2009


def test_a_module_without_today_is_left_alone():
    module = SimpleNamespace()
    keep_today(module, STARTED, NEXT_DAY)
    assert not hasattr(module, "TODAY")
