"""Statutory clocks: pure functions over dates, using the bank holidays of England and Wales.

Four deadlines apply to reviews and inspections:

- a serious incident is notified within 5 working days of it becoming known;
- a rapid review is completed within 15 working days of that notification;
- a practice review (or serious case review) is published within 6 months of starting;
- the written statement of action is sent within 70 working days of an inspection report.

Each clock is on time, due soon (amber), overdue (red), met, or met late.

Amber rule (decided here, tested in tests/reviews/test_clocks.py): a clock turns amber once
80% of its span has gone, i.e. when the time left is at most a fifth of the whole span,
rounded up, and never less than one day. A 5-working-day clock is amber on its last working
day; a 15-working-day clock for its last 3; a 70-working-day clock for its last 14; a
6-month clock for its last 37 or so calendar days. A fixed "5 working days" rule would make
the notification clock amber from the moment it starts, which tells nobody anything.
On the due date itself a clock is amber, not red: the deadline has not yet passed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from lscb.vocab import add_working_days, working_days_between

AMBER_FRACTION = 0.2

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month_year(day: dt.date) -> str:
    """The date as the template filter `date:"j M Y"` prints it ("9 Dec 2018"). Lists print
    a date for every review and clock; the filter costs a hundred function calls a time."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year:04d}"


class ClockState(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"


STATE_LABELS = {
    ClockState.ON_TIME: "On time",
    ClockState.DUE_SOON: "Due soon",
    ClockState.OVERDUE: "Overdue",
    ClockState.MET: "Met",
    ClockState.MET_LATE: "Met late",
}
OPEN_STATES = frozenset({ClockState.ON_TIME, ClockState.DUE_SOON, ClockState.OVERDUE})
ALERT_STATES = frozenset({ClockState.DUE_SOON, ClockState.OVERDUE})


@dataclass(frozen=True)
class Clock:
    """One statutory deadline: when it started, when it is due, when (if) it was met."""

    code: str
    label: str
    started: dt.date
    due: dt.date
    done: dt.date | None
    state: ClockState
    # Working days (or calendar days for month clocks) left; negative once overdue.
    remaining: int
    unit: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def late_by(self) -> int:
        return max(0, -self.remaining)

    @property
    def needs_attention(self) -> bool:
        return self.state in ALERT_STATES

    @property
    def due_label(self) -> str:
        return day_month_year(self.due)

    @property
    def css_state(self) -> str:
        # met late shares the "met" look; the text says which.
        return "met" if self.state == ClockState.MET_LATE else str(self.state)


def _amber_threshold(span: int) -> int:
    return max(1, math.ceil(span * AMBER_FRACTION))


def _state(*, due: dt.date, done: dt.date | None, remaining: int, span: int) -> ClockState:
    if done is not None:
        return ClockState.MET if done <= due else ClockState.MET_LATE
    if remaining < 0:
        return ClockState.OVERDUE
    if remaining <= _amber_threshold(span):
        return ClockState.DUE_SOON
    return ClockState.ON_TIME


def working_day_clock(
    *,
    code: str,
    label: str,
    started: dt.date,
    working_days: int,
    done: dt.date | None,
    today: dt.date,
) -> Clock:
    due = add_working_days(started, working_days)
    remaining = working_days_between(today, due)
    if today > due:
        # Past the due date: count how many working days late (at least one day late).
        remaining = min(-1, remaining)
    return Clock(
        code=code,
        label=label,
        started=started,
        due=due,
        done=done,
        state=_state(due=due, done=done, remaining=remaining, span=working_days),
        remaining=remaining,
        unit="working days",
    )


def month_clock(
    *,
    code: str,
    label: str,
    started: dt.date,
    months: int,
    done: dt.date | None,
    today: dt.date,
) -> Clock:
    due = started + relativedelta(months=months)
    span = (due - started).days
    remaining = (due - today).days
    return Clock(
        code=code,
        label=label,
        started=started,
        due=due,
        done=done,
        state=_state(due=due, done=done, remaining=remaining, span=span),
        remaining=remaining,
        unit="days",
    )


def notification_clock(incident_known: dt.date, notified: dt.date | None, today: dt.date) -> Clock:
    return working_day_clock(
        code="notification",
        label="Serious incident notification (5 working days)",
        started=incident_known,
        working_days=5,
        done=notified,
        today=today,
    )


def rapid_review_clock(notified: dt.date, completed: dt.date | None, today: dt.date) -> Clock:
    return working_day_clock(
        code="rapid_review",
        label="Rapid review (15 working days from notification)",
        started=notified,
        working_days=15,
        done=completed,
        today=today,
    )


def publication_clock(started: dt.date, published: dt.date | None, today: dt.date) -> Clock:
    return month_clock(
        code="publication",
        label="Practice review published (6 months from starting)",
        started=started,
        months=6,
        done=published,
        today=today,
    )


def action_statement_clock(report_received: dt.date, sent: dt.date | None, today: dt.date) -> Clock:
    return working_day_clock(
        code="action_statement",
        label="Written statement of action (70 working days from the report)",
        started=report_received,
        working_days=70,
        done=sent,
        today=today,
    )


# Which clocks apply to which kinds of review (kind values, so this module needs no models).
NOTIFIED_KINDS = frozenset({"scr", "cspr", "rapid_review"})
# Rapid reviews came in with Working Together 2018; a serious case review had none.
RAPID_KINDS = frozenset({"cspr", "rapid_review"})
PUBLISHED_KINDS = frozenset({"scr", "cspr"})
STATEMENT_KINDS = frozenset({"single_agency_inspection", "ilacs", "jtai"})


# What clocks_for reads of a review: selectors load just these for pages that show clocks.
CLOCK_FIELDS = (
    "kind",
    "start_date",
    "incident_known_date",
    "notification_date",
    "decision_date",
    "report_date",
    "action_statement_date",
    "published_date",
)


def clocks_for(review, today: dt.date) -> list[Clock]:
    """The clocks that apply to a review, for the dates it has so far (no database access)."""
    clocks: list[Clock] = []
    if review.kind in NOTIFIED_KINDS:
        if review.incident_known_date:
            clocks.append(
                notification_clock(review.incident_known_date, review.notification_date, today)
            )
        if review.notification_date and review.kind in RAPID_KINDS:
            clocks.append(rapid_review_clock(review.notification_date, review.decision_date, today))
    if review.kind in PUBLISHED_KINDS and review.start_date:
        clocks.append(publication_clock(review.start_date, review.published_date, today))
    if review.kind in STATEMENT_KINDS and review.report_date:
        clocks.append(
            action_statement_clock(review.report_date, review.action_statement_date, today)
        )
    return clocks
