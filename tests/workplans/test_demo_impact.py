"""The demo plan rates impact every quarter, and exactly one outcome, delivered on track all
year, is amber or red on impact for three quarters running: flagged on the board page's
panel, in the report appendix of the quarter the run reaches three, and nowhere else."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.management import call_command

from lscb import demo_files
from lscb.vocab import Quarter

# Late enough in the year for three of its quarters to hold progress.
DAY = demo_files.financial_year_start(dt.date.today()) + dt.timedelta(days=200)
FLAGGED = "Protect children whose parents misuse drugs or alcohol"


@pytest.fixture
def demo_board(monkeypatch, settings, tmp_path):
    from reporting.tasks import render_quarterly_report, render_yearly_report

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(render_quarterly_report, "apply_async", lambda *a, **k: None)
    monkeypatch.setattr(render_yearly_report, "apply_async", lambda *a, **k: None)
    call_command("loaddemo", today=DAY, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from boards.models import Board

    return Board.objects.get(slug="hartlepool")


@pytest.mark.django_db
def test_the_demo_rates_impact_each_quarter_and_flags_one_outcome(demo_board):
    from workplans.impact import plan_impact_flags
    from workplans.models import ProgressUpdate
    from workplans.selectors import current_workplan, report_appendix

    plan = current_workplan(demo_board, DAY)
    rated = ProgressUpdate.objects.filter(outcome__workplan=plan).exclude(impact="")
    quarters = {Quarter.parse(q) for q in rated.values_list("quarter", flat=True)}
    this = Quarter.containing(DAY)
    assert quarters == {this.previous().previous(), this.previous(), this}

    flags = plan_impact_flags(plan, DAY)
    assert [f.outcome.title for f in flags] == [FLAGGED]
    (flag,) = flags
    assert flag.quarters == (this.previous().previous(), this.previous(), this)
    assert flag.outcome.current_rag == "on_track"

    _, rows = report_appendix(demo_board, this)
    assert [r.title for r in rows if r.impact_flag] == [FLAGGED]
    # The run is two quarters long at the end of the last quarter: not yet flagged there.
    _, rows = report_appendix(demo_board, this.previous())
    assert [r.title for r in rows if r.impact_flag] == []
