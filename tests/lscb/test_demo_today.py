"""The demo is about the day it is loaded: its current year moves with that day.

The demo is loaded as of several days around today (the first day of the financial year, the
first and last days of today's quarter, the last day of the year) and checked as an officer
would read its board that day. The days are counted from the real today so the seats, which
the app checks against the real date, stay current whenever the tests run.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from lscb import demo_files
from lscb.vocab import Quarter

TODAY = dt.date.today()
YEAR_START = demo_files.financial_year_start(TODAY)
QUARTER = Quarter.containing(TODAY)
DAYS = {
    "first day of the financial year": YEAR_START,
    "first day of the quarter": QUARTER.start,
    "today": TODAY,
    "last day of the quarter": QUARTER.end,
    "last day of the financial year": dt.date(YEAR_START.year + 1, 3, 31),
}
LOGINS = ("officer", "chair", "portfolio", "member")


@pytest.fixture
def load_as_of(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The 2008Q3 report is asked for but not drawn: these tests read no PDF.
    from reporting.tasks import render_quarterly_report

    monkeypatch.setattr(render_quarterly_report, "apply_async", lambda *a, **k: None)

    def load(day: dt.date):
        call_command("loaddemo", today=day, stdout=open(os.devnull, "w"))  # noqa: SIM115
        from boards.models import Board

        return Board.objects.get(slug="hartlepool")

    return load


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
def test_the_current_plan_covers_the_day_and_every_due_outcome_can_be_cleared(load_as_of, day):
    from lscb.progress import validate_progress
    from workplans.selectors import current_workplan, not_updated_in, outcomes_for_table

    board = load_as_of(day)
    quarter = Quarter.containing(day)
    plan = current_workplan(board, day)
    assert plan.is_approved and plan.start == demo_files.financial_year_start(day)
    assert plan.start <= quarter.start and quarter.end <= plan.end
    assert plan.title == f"LSCB workplan {quarter.financial_year}"
    due = list(outcomes_for_table(plan).filter(not_updated_in(quarter)))
    assert 0 < len(due) < plan.outcomes.count() or day == plan.start
    for outcome in due:
        # What the progress form checks: an update dated the day itself is accepted.
        validate_progress(
            rag="on_track", narrative="", date=day, period=(plan.start, plan.end), today=day
        )
        assert outcome.last_update_date is None or outcome.last_update_date < quarter.start
    assert not plan.outcomes.filter(updates__date__gt=day).exists()
    assert not plan.outcomes.filter(updates__date__lt=plan.start).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
def test_seats_meetings_reviews_and_figures_are_about_the_day(load_as_of, day):
    from boards.models import Meeting, Membership
    from reporting.models import IndicatorValue
    from reviews.clocks import clocks_for
    from reviews.models import Review

    board = load_as_of(day)
    for username in LOGINS:
        seats = Membership.objects.filter(
            board=board, subgroup=None, person__user__username=username
        )
        assert seats.current(day).exists() and seats.current(TODAY).exists(), username
    held = Meeting.objects.filter(board=board, date__lte=day, date__gt=day - dt.timedelta(days=120))
    assert held.filter(attendance__kind="present").distinct().count() == 2
    to_come = Meeting.objects.filter(board=board, date__gt=day)
    assert to_come.count() == 2 and not to_come.filter(attendance__isnull=False).exists()
    assert all(m.date.weekday() < 5 for m in Meeting.objects.filter(date__gt="2010-01-01"))
    reviews = Review.objects.filter(board=board)
    running = [c for r in reviews for c in clocks_for(r, day) if c.is_open]
    # The rapid review's 15 working days and the inspection's statement of action.
    assert len(running) >= 2
    last_quarter = Quarter.containing(day).previous().code
    assert IndicatorValue.objects.filter(board=board, quarter=last_quarter).count() == 34


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
def test_what_is_overdue_and_the_latest_report_are_of_the_current_year(load_as_of, day):
    from reporting.selectors import latest_report
    from reviews.models import Review, ReviewStatus
    from reviews.selectors.counts import open_actions
    from reviews.selectors.dashboard import dashboard_summary

    board = load_as_of(day)
    year_start = demo_files.financial_year_start(day)
    # The 2008/09 history is finished: every review and section 11 round closed by the end
    # of 2009, every action complete.
    history = Review.objects.filter(board=board, start_date__year__lt=2010)
    assert history.count() == 6
    assert all(r.status == ReviewStatus.CLOSED and r.closed_date.year <= 2009 for r in history)
    assert not open_actions(recommendation__review__in=history).exists()
    # What is overdue on the board page is this year's.
    summary = dashboard_summary(board, day)
    assert all(
        Review.objects.get(pk=a.review_id).start_date.year > 2009 for a in summary.overdue_actions
    )
    overdue = open_actions(recommendation__review__board=board, timescale__lt=day)
    assert not overdue.filter(timescale__lt=year_start).exists()
    assert summary.overdue_action_total == overdue.count()
    # The inspection's two late actions, due no earlier than the year's first day.
    assert overdue.count() == (0 if day == year_start else 2)
    # The latest report is of the last quarter ended.
    assert latest_report(board).quarter == Quarter.containing(day).previous().code


@pytest.mark.django_db
def test_every_update_and_its_audit_record_are_dated_on_their_own_day(load_as_of):
    from lscb.models import AuditEvent
    from reviews.models import ActionProgress, Review
    from workplans.models import ProgressUpdate, Workplan

    load_as_of(TODAY)
    updates = [*ProgressUpdate.objects.all(), *ActionProgress.objects.all()]
    assert len(updates) > 30
    for update in updates:
        assert timezone.localtime(update.created_at).date() == update.date
    recorded = AuditEvent.objects.filter(
        action__in=["workplans.progress_recorded", "action.progress"]
    )
    assert recorded.count() == len(updates)
    for event in recorded:
        assert timezone.localtime(event.at).date().isoformat() == event.changes["date"]
    history = Workplan.objects.get(title="LSCB workplan 2008/09")
    assert history.approved_at.year == 2008 and history.created_at.year == 2008
    scr = Review.objects.get(kind="scr")
    assert scr.signed_off_at.date() == dt.date(2009, 2, 10)
    # Sign-off and closing are recorded on their own days too.
    for review in Review.objects.filter(status="closed"):
        closed = AuditEvent.objects.get(action="review.changed", object_id=str(review.pk))
        assert timezone.localtime(closed.at).date() == review.closed_date
        if review.kind == "section_11":
            continue  # the rounds raised no challenges: no action plan to sign off
        signed = AuditEvent.objects.get(action="review.signed_off", object_id=str(review.pk))
        assert timezone.localtime(signed.at) == timezone.localtime(review.signed_off_at)
    # Nothing of 2008/09 claims to have been written this year.
    assert (
        not AuditEvent.objects.filter(
            at__date__gte=YEAR_START - dt.timedelta(days=366), summary__contains="2008"
        )
        .exclude(action__startswith="reporting.")
        .exists()
    )
