"""Read an app's demo data file, turning its relative dates into real ones.

Each app keeps its demo as `<app>/demo.yaml` beside the small `<app>/demo.py` that loads it.
The demo holds two years. The seeds' own year, 2008/09, loads as written: its dates are
history. The current financial year moves with the day the demo is loaded, so every "due",
"overdue" and "this quarter" means something on that day. Its dates are written as a
mapping with one key:

    working_days_ago: 13       the working day that many working days before today
    working_days_ahead: 20     the working day that many working days after today
    days_from_today: 45        today plus that many days (negative for the past)
    days_ago_this_year: 10     that many days before today, but not before 1 April of the
                               financial year holding today (for what is overdue today)
    financial_year_start: 0    1 April of the financial year holding today (-1 the one before)
    days_from_year_start: -46  1 April of the financial year holding today plus that many
                               days (negative for last year, mid-February here)
    financial_year_end: 0      31 March ending the financial year holding today
    month_end: 2               the last day of the month two months after today's
    quarter: -1                the code of a quarter counted from today's (-1 the last one
                               ended, 0 today's), such as 2026Q2
    mid_quarter: -2            the middle of a quarter counted from today's (its 45th day),
                               or today if that is sooner (for one statement a quarter)
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

import yaml

from lscb.vocab import Quarter, add_working_days, is_working_day, month_end


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


def financial_year_start(today: dt.date, offset: int = 0) -> dt.date:
    return dt.date(Quarter.containing(today).year + offset, 4, 1)


def _month_end(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def _quarter(today: dt.date, offset: int) -> str:
    quarter = Quarter.containing(today)
    for _ in range(abs(offset)):
        quarter = quarter.next() if offset > 0 else quarter.previous()
    return quarter.code


def _mid_quarter(today: dt.date, offset: int) -> dt.date:
    middle = Quarter.parse(_quarter(today, offset)).start + dt.timedelta(days=44)
    return min(middle, today)


_RELATIVE = {
    "working_days_ago": working_days_before,
    "working_days_ahead": add_working_days,
    "days_from_today": lambda today, n: today + dt.timedelta(days=n),
    "days_ago_this_year": lambda today, n: max(
        today - dt.timedelta(days=n), financial_year_start(today)
    ),
    "financial_year_start": financial_year_start,
    "days_from_year_start": lambda today, n: financial_year_start(today) + dt.timedelta(days=n),
    "financial_year_end": lambda today, n: dt.date(Quarter.containing(today).year + n + 1, 3, 31),
    "month_end": _month_end,
    "quarter": _quarter,
    "mid_quarter": _mid_quarter,
}


def resolve(value: Any, today: dt.date) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in _RELATIVE:
            ((key, amount),) = value.items()
            return _RELATIVE[key](today, amount)
        return {resolve_key(k, today): resolve(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, today) for v in value]
    return value


def resolve_key(key: Any, today: dt.date) -> Any:
    """A key written `quarter-1` names a quarter counted from today's, as `quarter: -1` does."""
    if isinstance(key, str) and key.startswith("quarter") and key[7:].lstrip("+-").isdigit():
        return _quarter(today, int(key[7:]))
    return key


def recorded_at(day: dt.date | dt.datetime) -> dt.datetime:
    """When a demo event dated `day` is taken to have been recorded: mid-morning that day,
    or now if that is still to come (a demo loaded early today is not dated in the future,
    where it would sort above everything people do afterwards)."""
    from django.utils import timezone

    if isinstance(day, dt.datetime):
        when = day if timezone.is_aware(day) else timezone.make_aware(day)
    else:
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))
    return min(when, timezone.now())


def audit_mark() -> int:
    """The newest audit record's id, so `backdate` can find the records written after it."""
    from lscb.models import AuditEvent

    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def backdate(day: dt.date | dt.datetime, *, since: int, rows: tuple = ()) -> None:
    """Date the audit records written since `since`, and the `rows`' created_at, to `day`.

    The services stamp what they write with the clock; a demo event of another day is
    restamped afterwards, so "Recorded on" and the audit trail show the day it happened.
    """
    from lscb.models import AuditEvent

    when = recorded_at(day)
    AuditEvent.objects.filter(pk__gt=since).update(at=when)
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(created_at=when)
        row.created_at = when
