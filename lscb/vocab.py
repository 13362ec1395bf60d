"""The shared vocabulary every app uses: RAG status, financial-year quarters, working days."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db import models


class RAG(models.TextChoices):
    """Progress status as boards report it; colour is always shown with this text."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


# RAG values that need a narrative explaining why.
RAG_NEEDS_NARRATIVE = {RAG.AT_RISK, RAG.OFF_TRACK}
RAG_ORDER = [RAG.NOT_STARTED, RAG.ON_TRACK, RAG.AT_RISK, RAG.OFF_TRACK, RAG.COMPLETE]
# Colours used by tags and charts (GOV.UK palette; contrast checked against white text).
RAG_COLOURS = {
    RAG.NOT_STARTED: "#505a5f",
    RAG.ON_TRACK: "#00703c",
    RAG.AT_RISK: "#8a4a00",
    RAG.OFF_TRACK: "#d4351c",
    RAG.COMPLETE: "#1d70b8",
}


class Impact(models.TextChoices):
    """Whether the work is making a difference for children, rated apart from delivery.

    Delivery (RAG) asks "are we doing what we said?"; impact asks "is it changing anything
    for children and families?". Green, amber and red, each always shown with its words."""

    GREEN = "green", "Making a difference"
    AMBER = "amber", "Some difference"
    RED = "red", "No difference yet"


# Impact ratings that count towards the "not making a difference" flag, and that need
# their evidence explained as delivery's at risk and off track do.
IMPACT_CONCERN = {Impact.AMBER, Impact.RED}
# Tags reuse the delivery colours: green as on track, amber as at risk, red as off track.
IMPACT_TAG_CLASS = {Impact.GREEN: "on_track", Impact.AMBER: "at_risk", Impact.RED: "off_track"}


def plural(count: int, singular: str, many: str | None = None) -> str:
    """A count with its noun in the right number: "1 action", "2 actions"."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


_QUARTER_RE = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """A local-government financial-year quarter: Q1 is April to June.

    `year` is the calendar year the financial year starts in, so 2008Q3 is
    October to December 2008 and 2008Q4 is January to March 2009.
    """

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER_RE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a quarter; write it like 2008Q3.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @property
    def start(self) -> dt.date:
        month = 4 + (self.number - 1) * 3
        year = self.year
        if month > 12:
            month -= 12
            year += 1
        return dt.date(year, month, 1)

    @property
    def end(self) -> dt.date:
        last_month_start = self.start.replace(day=1)
        month = last_month_start.month + 2
        year = last_month_start.year
        if month > 12:
            month -= 12
            year += 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def financial_year(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.financial_year} ({self.start:%B} to {self.end:%B %Y})"

    def __str__(self) -> str:
        return self.code


def financial_year_label(start: dt.date, end: dt.date) -> str:
    """2008-04-01..2009-03-31 reads as 2008/09; other periods read as their dates."""
    if start.year + 1 == end.year and start.month == 4 and end.month == 3:
        return f"{start.year}/{end.year % 100:02d}"
    return f"{start:%-d %b %Y} to {end:%-d %b %Y}"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself is day zero)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def _weekdays_to(day: dt.date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including `day`."""
    n = day.toordinal()
    return 5 * (n // 7) + min(n % 7, 5)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier).

    Counted by arithmetic, not day by day: clocks on reviews opened years ago are checked
    on every list page, and a daily loop cost a list of old reviews a third of a second."""
    if end < start:
        return -working_days_between(end, start)
    holidays_off = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in _bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return _weekdays_to(end) - _weekdays_to(start) - holidays_off
