"""The report's appendices, built from the workplans and reviews apps' own selectors."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from boards.models import MeetingStatus, Person, Subgroup
from reporting.report import report_html
from reviews.services.minute_actions import minute_action_create
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.factories import SubgroupFactory
from tests.reporting.conftest import Q3
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, add_update


@pytest.fixture
def workplan(board, alice):
    plan = WorkplanFactory(
        board=board, title="Workplan 2008/09", start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )
    training = SubgroupFactory(board=board, name="Training")
    outcome = OutcomeFactory(
        workplan=plan, title="Train the <frontline> staff", how="Run courses", who=""
    )
    outcome.lead_subgroups.add(training)
    add_update(
        outcome, alice, date=dt.date(2008, 11, 20), rag="at_risk", narrative="Trainer off sick"
    )
    # Progress after the quarter ended is not what the 2008Q3 report says.
    add_update(outcome, alice, date=dt.date(2009, 2, 1), rag="complete", narrative="All done")
    return plan


def test_workplan_appendix_shows_status_as_at_the_quarter_end(figures, board, workplan):
    html = report_html(board, Q3)
    appendix = html[html.index('id="appendix-1"') : html.index('id="appendix-2"')]
    assert "Train the &lt;frontline&gt; staff" in appendix
    assert "At risk" in appendix and "Trainer off sick" in appendix
    assert "All done" not in appendix
    assert "Training" in appendix
    assert 'id="report-rag-chart-title"' in appendix  # the dashboard's RAG chart


def test_open_actions_appendix_shows_status_and_overdue(figures, board):
    review = ReviewFactory(board=board, title="Adoption service inspection")
    action = ActionFactory(
        recommendation=RecommendationFactory(review=review, number=2),
        what="Recruit panel members",
        timescale=dt.date(2008, 12, 1),
    )
    html = report_html(board, Q3)
    appendix = html[html.index('id="appendix-2"') :]
    assert "Adoption service inspection" in appendix
    assert action.what in appendix
    assert "Overdue" in appendix
    # The serious case review panel section lists reviews active in the quarter.
    board_section = html[: html.index('id="appendix-1"')]
    assert "Reviews active in 2008Q3" in board_section
    assert "Adoption service inspection" in board_section


def test_open_actions_appendix_lists_meetings_decisions_in_their_own_table(
    figures, board, alice, bob
):
    meeting = MeetingFactory(board=board, date=dt.date(2008, 9, 4), status=MeetingStatus.HELD)
    item = AgendaItemFactory(meeting=meeting, number=5, title="Neglect <strategy>")
    minute_action_create(
        item=item,
        what="Publish the neglect toolkit",
        owner=Person.objects.get(user=bob),
        due=dt.date(2008, 12, 1),
        by=alice,
    )
    # Decided after the quarter: not in its report.
    later = MeetingFactory(board=board, date=dt.date(2009, 1, 8), status=MeetingStatus.HELD)
    minute_action_create(
        item=AgendaItemFactory(meeting=later, number=1),
        what="Decided in January",
        owner=Person.objects.get(user=bob),
        due=dt.date(2008, 12, 1),
        by=alice,
    )
    html = report_html(board, Q3)
    appendix = html[html.index('id="appendix-2"') :]
    assert "open actions from reviews and inspections, and decisions of meetings" in appendix
    assert "There are no open actions from reviews or inspections." in appendix
    decisions = appendix[appendix.index('id="appendix-2-decisions"') :]
    assert "<caption>Open decisions of meetings</caption>" in decisions
    assert "4 Sep 2008" in decisions and board.name in decisions
    assert "5. Neglect &lt;strategy&gt;" in decisions
    assert "Publish the neglect toolkit" in decisions and "bob" in decisions
    assert "No update" in decisions
    assert "Decided in January" not in html


def test_a_report_without_decisions_has_no_table_of_them(figures, board):
    html = report_html(board, Q3)
    assert "Appendix 2: open actions from reviews and inspections</h2>" in html
    assert "appendix-2-decisions" not in html and "decisions of meetings" not in html


def test_report_without_workplan_or_reviews_says_so(figures, board):
    html = report_html(board, Q3)
    assert "There is no workplan for 2008/09." in html
    assert "There are no open actions from reviews or inspections." in html
    assert "No reviews were active in the quarter." in html


def test_board_section_lists_standing_subgroups_and_panels(figures, board):
    SubgroupFactory(board=board, name="Quality and Performance")
    SubgroupFactory(board=board, name="Serious Case Review Panel", kind=Subgroup.Kind.PANEL)
    html = report_html(board, Q3)
    assert "<li>Quality and Performance</li>" in html
    assert "convenes the Serious Case Review Panel when needed" in html


def test_report_charts_use_the_reports_typeface_so_the_pdf_embeds_one_family(
    figures, board, workplan
):
    from pypdf import PdfReader

    from lscb.charts import PRINT_FONT
    from reporting.pdf import render_pdf

    html = report_html(board, Q3)
    charts = re.findall(r"<svg[^>]*>", html)
    assert charts and all(f'font-family="{PRINT_FONT}"' in svg for svg in charts)
    assert "<text" in html and not re.search(r"<text[^>]*font-family", html)  # inherited
    reader = PdfReader(io.BytesIO(render_pdf(html).data))
    families = set()
    for page in reader.pages:
        for font in (page["/Resources"].get_object().get("/Font") or {}).values():
            families.add(str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0])
    assert families == {"DejaVu"}
