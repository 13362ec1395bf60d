"""The demo plan rates impact every quarter, and exactly one outcome, delivered on track all
year, is amber or red on impact for more than two quarters running: flagged on the board
page's panel and in the report appendix of the quarter, whatever the day the demo is loaded.

The outcome is carried forward from last year's plan, where it was already red on impact in
the year's last two quarters, so its run crosses the year end: loaded on 1 April, the run is
last year's third and fourth quarters and the first day of this year's first.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.management import call_command

from lscb import demo_files
from lscb.vocab import Quarter

YEAR_START = demo_files.financial_year_start(dt.date.today())
# Late enough in the year for three of its quarters to hold progress.
DAY = YEAR_START + dt.timedelta(days=200)
# One day in each quarter of this financial year, the first days of Q1 and Q2 among them.
DAYS = {
    "1 April": YEAR_START,
    "mid May": YEAR_START + dt.timedelta(days=45),
    "early July": YEAR_START.replace(month=7, day=2),
    "mid October": DAY,
    "31 March": YEAR_START.replace(year=YEAR_START.year + 1, month=3, day=31),
}
FLAGGED = "Protect children whose parents misuse drugs or alcohol"
# Last year's third quarter: the first of the run in last year's plan.
RUN_START = Quarter(YEAR_START.year - 1, 3)


@pytest.fixture
def load_demo(monkeypatch, settings, tmp_path):
    from reporting.tasks import render_quarterly_report, render_yearly_report

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(render_quarterly_report, "apply_async", lambda *a, **k: None)
    monkeypatch.setattr(render_yearly_report, "apply_async", lambda *a, **k: None)

    def load(day: dt.date):
        call_command("loaddemo", today=day, stdout=open(os.devnull, "w"))  # noqa: SIM115
        from boards.models import Board

        return Board.objects.get(slug="hartlepool")

    return load


def _quarters(first: Quarter, last: Quarter) -> tuple[Quarter, ...]:
    run = [first]
    while run[-1] != last:
        run.append(run[-1].next())
    return tuple(run)


@pytest.mark.django_db
def test_the_demo_rates_impact_each_quarter(load_demo):
    from workplans.models import ProgressUpdate
    from workplans.selectors import current_workplan

    board = load_demo(DAY)
    plan = current_workplan(board, DAY)
    rated = ProgressUpdate.objects.filter(outcome__workplan=plan).exclude(impact="")
    quarters = {Quarter.parse(q) for q in rated.values_list("quarter", flat=True)}
    this = Quarter.containing(DAY)
    assert quarters == {this.previous().previous(), this.previous(), this}


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
def test_one_outcome_is_flagged_on_any_day_its_run_crossing_the_year_end(load_demo, day):
    from workplans.impact import plan_impact_flags
    from workplans.selectors import current_workplan, report_appendix

    board = load_demo(day)
    this = Quarter.containing(day)
    plan = current_workplan(board, day)
    assert plan.start == YEAR_START

    flags = plan_impact_flags(plan, day)
    assert [f.outcome.title for f in flags] == [FLAGGED]
    (flag,) = flags
    assert flag.quarters == _quarters(RUN_START, this)
    assert flag.since == f"Q3 {RUN_START.financial_year}"
    assert flag.outcome.current_rag == "on_track"
    # It continues an outcome of last year's plan, which is not flagged apart from it.
    before = flag.outcome.carried_from
    assert before.workplan.start == YEAR_START.replace(year=YEAR_START.year - 1)
    assert before.workplan.is_approved
    assert before.updates.filter(quarter=RUN_START.code, impact="red").exists()

    _, rows = report_appendix(board, this)
    assert [r.title for r in rows if r.impact_flag] == [FLAGGED]


@pytest.mark.django_db
def test_last_years_report_shows_the_run_not_yet_flagged(load_demo):
    from workplans.selectors import report_appendix

    board = load_demo(DAYS["early July"])
    # Two quarters red at the end of last year: more than two is needed for a flag.
    plan, rows = report_appendix(board, RUN_START.next())
    assert plan.start == YEAR_START.replace(year=YEAR_START.year - 1)
    assert [(r.impact, r.impact_flag) for r in rows] == [("red", None)]
    # The first quarter of this year makes it three.
    _, rows = report_appendix(board, RUN_START.next().next())
    assert [r.title for r in rows if r.impact_flag] == [FLAGGED]
