"""The quarterly report with every narrative-type field at its limit still renders in its
normal time. The figures measured this way are in docs/reliability.md; to measure again,
run this file with -s (ROWS=n fills n outcomes and n actions instead of one of each)."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from lscb import limits
from reporting.models import ReportNarrative
from reporting.pdf import render_pdf
from reporting.report import report_html
from tests.factories import UserFactory
from tests.reporting.conftest import Q3
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    FindingFactory,
    ReviewFactory,
)
from tests.workplans.factories import WorkplanFactory, add_update
from workplans.models import Outcome

SENTENCE = "the board agreed that every agency will check its safeguarding training records "

# The report of the demo narrative has 8 pages. With every field full it may grow to this
# many, and must render well inside the render task's 240 s soft limit.
MAX_PAGES = 60
MAX_SECONDS = 60


def prose(limit: int) -> str:
    """Ordinary sentences, a paragraph every 1,000 characters, exactly `limit` long."""
    paragraph = (SENTENCE * 13)[:998] + "\n\n"
    return (paragraph * (limit // 1000 + 1))[:limit]


def full_lines(limit: int) -> str:
    """As many lines as the field allows, sharing its characters equally."""
    lines = limits.max_lines(limit) or 1
    width = limit // lines - 1
    return "\n".join([(SENTENCE * 5)[:width]] * lines)[:limit]


SHAPES = {"prose": prose, "lines": full_lines}


def fill_everything(board, text, rows: int) -> None:
    """A report narrative, workplan outcomes and review actions with every text full; the
    review is one the report sets out findings for, with an area for development at its
    limits."""
    narrative = ReportNarrative.objects.create(
        board=board,
        quarter=Q3.code,
        **{
            f.name: text(f.max_length)
            for f in ReportNarrative._meta.get_fields()
            if f.get_internal_type() in ("TextField", "CharField") and f.name != "quarter"
        },
    )
    author = UserFactory()
    workplan = WorkplanFactory(
        board=board, title=text(limits.TITLE), start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )
    review = ReviewFactory(board=board, title=text(limits.TITLE))
    narrative.reported_reviews.set([review])
    FindingFactory(
        review=review,
        kind="area_for_improvement",
        area=text(limits.NAME),
        summary=text(limits.NARRATIVE),
    )
    for i in range(rows):
        outcome = Outcome.objects.create(
            workplan=workplan,
            order=i,
            title=text(limits.TITLE),
            how=text(limits.STATEMENT),
            who=text(limits.NOTES),
        )
        add_update(
            outcome,
            author,
            date=dt.date(2008, 11, 1),
            rag="at_risk",
            narrative=text(limits.PROGRESS),
        )
        action = ActionFactory(
            recommendation__review=review,
            recommendation__text=text(limits.STATEMENT),
            what=text(limits.STATEMENT),
            responsible=text(limits.NOTES),
        )
        ActionProgressFactory(
            action=action, date=dt.date(2008, 11, 1), narrative=text(limits.PROGRESS), author=author
        )


@pytest.mark.parametrize("shape", SHAPES)
def test_report_with_every_field_at_its_limit_renders_in_normal_time(figures, board, shape):
    rows = int(os.environ.get("ROWS", "1"))
    fill_everything(board, SHAPES[shape], rows)
    started = time.perf_counter()
    pdf = render_pdf(report_html(board, Q3))
    seconds = time.perf_counter() - started
    print(f"\n{shape}, {rows} outcome(s) and action(s): {pdf.page_count} pages, {seconds:.1f} s")
    if rows == 1:
        assert pdf.page_count <= MAX_PAGES
        assert seconds < MAX_SECONDS
