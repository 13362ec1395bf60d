"""Read an app's demo data file, turning its relative dates into real ones.

Each app keeps its demo as `<app>/demo.yaml` beside the small `<app>/demo.py` that loads it.
Most dates in the files are the seed's own (the board of 2008/09) and load as written. A few
must move with the day the demo is loaded, or clocks and memberships would show as long
expired; those are written as a mapping with one key:

    working_days_ago: 13     the working day that many working days before today
    days_from_today: 45      today plus that many days (negative for the past)
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

import yaml

from lscb.vocab import is_working_day


def read(app_label: str, today: dt.date | None = None) -> Any:
    """The app's demo.yaml, parsed, with every relative date resolved against today."""
    # Found through the package rather than the app registry, so module-level names that
    # other code imports (boards.demo.THEMES, reporting.demo.FIGURES) work before setup.
    data = yaml.safe_load((files(app_label) / "demo.yaml").read_text(encoding="utf-8"))
    return resolve(data, today or dt.date.today())


def working_days_before(day: dt.date, back: int) -> dt.date:
    while back:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            back -= 1
    return day


_RELATIVE = {
    "working_days_ago": working_days_before,
    "days_from_today": lambda today, n: today + dt.timedelta(days=n),
}


def resolve(value: Any, today: dt.date) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in _RELATIVE:
            ((key, amount),) = value.items()
            return _RELATIVE[key](today, amount)
        return {k: resolve(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, today) for v in value]
    return value
