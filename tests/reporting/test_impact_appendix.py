"""The quarterly report's workplan appendix shows delivery and impact apart, and lists the
outcomes flagged for impact at the quarter's end, read back from the PDF's text."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from reporting.pdf import render_pdf
from reporting.report import report_html
from tests.reporting.conftest import Q3
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from tests.workplans.test_impact_flags import rate


def _words(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for hyphen in ("-\n", "\u2010\n"):
        text = text.replace(hyphen, "")
    return " ".join(text.split())


def test_appendix_shows_both_ratings_and_the_flagged_outcomes(figures, board, alice):
    plan = WorkplanFactory(
        board=board, title="Workplan 2008/09", start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )
    flagged = OutcomeFactory(workplan=plan, title="Neglect toolkit used", order=1)
    for day in (dt.date(2008, 5, 1), dt.date(2008, 8, 1), dt.date(2008, 11, 1)):
        rate(flagged, alice, day, "red")
    fine = OutcomeFactory(workplan=plan, title="Thresholds agreed", order=2)
    rate(fine, alice, dt.date(2008, 11, 2), "green")
    # A red rating after the quarter ended is not what the 2008Q3 report says.
    rate(fine, alice, dt.date(2009, 1, 5), "red")

    words = _words(render_pdf(report_html(board, Q3)).data)
    appendix = words[words.index("Appendix 1: the board's workplan") :]
    assert "Delivery Latest progress and impact" in appendix  # the columns' headings
    assert "Outcomes flagged for impact" in appendix
    assert (
        "1 outcome amber or red on impact for more than two quarters running: "
        "Neglect toolkit used: no difference yet, 3 quarters running since Q1 2008/09"
    ) in appendix
    assert "Making a difference" in appendix and "No difference yet" in appendix
    assert "Impact: No difference yet flagged, 3 quarters amber or red What the audit found" in (
        appendix
    )
    assert "Thresholds agreed: " not in appendix  # not flagged


def test_appendix_says_when_nothing_is_flagged(figures, board, alice):
    plan = WorkplanFactory(board=board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31))
    OutcomeFactory(workplan=plan, title="Thresholds agreed")
    html = report_html(board, Q3)
    assert "No outcome has been amber or red on impact for more than two quarters running." in html
    assert "Impact: not rated" in html
