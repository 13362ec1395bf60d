"""Every kind of PDF the product renders passes `pdfua check` without an error or a warning.

`pdfua` runs the machine-checkable subset of PDF/UA-1; it is no statement of conformance,
but a finding here is a real defect (table headers without /Scope were the last ones).
Version 0.1.3 cannot evaluate its empty-heading rule (UA-14-001) on a heading whose /K is
an array, as WeasyPrint writes every one, so that rule is checked here with pypdf instead.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from boards.models import Board
from reporting.models import PortfolioMeeting
from reporting.pdf import render_pdf
from reporting.report import report_html
from reporting.selectors import meeting_schedule
from tests.reporting.conftest import Q3

HEADINGS = {f"/H{level}" for level in range(1, 7)} | {"/H"}


def pdfua_command() -> list[str]:
    beside_python = Path(sys.executable).with_name("pdfua")
    found = str(beside_python) if beside_python.exists() else shutil.which("pdfua")
    if found is None:
        pytest.fail("pdfua is not installed: pip install -e '.[dev]'")
    return [found]


def pdfua_check(data: bytes, tmp_path: Path, name: str) -> dict:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        [*pdfua_command(), "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1, 2, 3), result.stderr  # 4 unreadable, 5 usage
    return json.loads(result.stdout)


def _elements(node, found: list[DictionaryObject]) -> list[DictionaryObject]:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _elements(kid, found)
    elif isinstance(node, DictionaryObject) and "/S" in node:
        found.append(node)
        if "/K" in node:
            _elements(node["/K"], found)
    return found


def _marks_content(node) -> bool:
    node = node.get_object()
    if isinstance(node, int):
        return True  # a marked-content id
    if isinstance(node, ArrayObject):
        return any(_marks_content(kid) for kid in node)
    if isinstance(node, DictionaryObject):
        return node.get("/Type") == "/MCR" or ("/K" in node and _marks_content(node["/K"]))
    return False


def assert_accessible(data: bytes, tmp_path: Path, name: str) -> None:
    report = pdfua_check(data, tmp_path, name)
    assert report["findings"] == [], report["findings"]
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0
    # Anything else pdfua could not evaluate would be a gap this test does not cover.
    assert {skip["rule_id"] for skip in report["skipped"]} <= {"UA-14-001"}, report["skipped"]

    root = PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"]
    elements = _elements(root["/K"], [])
    headings = [e for e in elements if e["/S"] in HEADINGS]
    assert headings and all(_marks_content(h["/K"]) for h in headings if "/K" in h)
    assert all("/K" in h for h in headings)
    headers = [e for e in elements if e["/S"] == "/TH"]
    assert all(h["/A"]["/Scope"] in ("/Row", "/Column") for h in headers)


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=io.StringIO())
    return Board.objects.get(slug="hartlepool")


def test_the_quarterly_report_passes_pdfua(demo, tmp_path):
    data = render_pdf(report_html(demo, Q3)).data
    assert_accessible(data, tmp_path, "report")
    scopes = [
        e["/A"]["/Scope"]
        for e in _elements(
            PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"]["/K"], []
        )
        if e["/S"] == "/TH"
    ]
    # The report's tables have both kinds: <th scope="col"> heads and <th scope="row"> labels.
    assert "/Column" in scopes and "/Row" in scopes


def test_the_quarterly_report_with_meetings_decisions_passes_pdfua(demo, tmp_path):
    """The demo has no decisions in 2008; one taken at a meeting in the quarter adds the
    appendix's table of decisions."""
    from boards.models import MeetingStatus
    from reviews.selectors.board_actions import decision_owners
    from reviews.services.minute_actions import minute_action_create
    from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(board=demo, date=Q3.end, status=MeetingStatus.HELD)
    minute_action_create(
        item=AgendaItemFactory(meeting=meeting, number=3, title="Neglect strategy"),
        what="Publish the neglect toolkit to every school",
        owner=decision_owners(meeting).first(),
        due=Q3.end,
        by=demo.memberships.filter(person__user__isnull=False).first().person.user,
    )
    html = report_html(demo, Q3)
    assert 'id="appendix-2-decisions"' in html
    assert_accessible(render_pdf(html).data, tmp_path, "report-with-decisions")


def test_the_decision_schedule_passes_pdfua(demo, tmp_path):
    meeting = PortfolioMeeting.objects.filter(board=demo).first()
    assert meeting is not None, "the demo has a portfolio meeting"
    html = render_to_string(
        "reporting/meeting_document.html",
        {"board": demo, "meeting": meeting, "sections": meeting_schedule(meeting)},
    )
    assert_accessible(render_pdf(html).data, tmp_path, "schedule")


def test_markup_the_html5_parser_repairs_passes_pdfua(tmp_path):
    """A table without row groups and an unterminated character reference: same checks."""
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Fallback</title></head><body>'
        "<h1>Heading</h1><p>AT&T without a semicolon</p>"
        "<table><tr><th>Year</th><th>Cases</th></tr>"
        '<tr><th scope="row">2008</th><td>12</td></tr></table></body></html>'
    )
    assert_accessible(render_pdf(html).data, tmp_path, "fallback")


def test_row_and_column_headers_get_the_scope_their_markup_gives():
    html = (
        '<html lang="en-GB"><head><title>T</title></head><body><table>'
        '<thead><tr><th scope="col">Measure</th><th scope="col">Count</th></tr></thead>'
        '<tbody><tr><th scope="row">Referrals</th><td>861</td></tr></tbody></table>'
        "</body></html>"
    )
    root = PdfReader(io.BytesIO(render_pdf(html).data)).trailer["/Root"]["/StructTreeRoot"]
    scopes = [e["/A"]["/Scope"] for e in _elements(root["/K"], []) if e["/S"] == "/TH"]
    assert scopes == ["/Column", "/Column", "/Row"]


def test_the_yearly_report_passes_pdfua(demo, tmp_path):
    from reporting.models import YearlyReport

    report = YearlyReport.objects.get(board=demo, year=2008)
    assert report.published_html, "the demo publishes its 2008/09 yearly report"
    assert_accessible(render_pdf(report.published_html).data, tmp_path, "yearly")


def test_both_agenda_packs_with_their_papers_pass_pdfua(board, tmp_path):
    from reporting.pack_models import PackKind
    from reporting.packs import render_pack
    from tests.reporting.pack_factories import meeting_with_papers

    meeting = meeting_with_papers(board)
    for kind in (PackKind.PUBLIC, PackKind.MEMBERS):
        data = render_pack(meeting, kind).data
        assert_accessible(data, tmp_path, f"pack-{kind}")
        root = PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"]
        figures = [e for e in _elements(root["/K"], []) if e["/S"] == "/Figure"]
        # Every paper page is a figure whose description names it and gives its words.
        expected = 2 if kind == PackKind.PUBLIC else 3
        assert len(figures) == expected
        assert "neglect-strategy.pdf, page 1 of 2" in figures[0]["/Alt"]
        assert "Neglect strategy opening words" in figures[0]["/Alt"]


def test_both_kinds_of_minutes_pass_pdfua(board, tmp_path):
    from boards.meeting_models import MeetingStatus, Minute
    from reporting.minutes_document import render_minutes
    from reporting.pack_models import PackKind
    from tests.reporting.pack_factories import meeting_with_papers
    from tests.reviews.factories import ActionFactory

    meeting = meeting_with_papers(board, status=MeetingStatus.HELD)
    for item in meeting.items.all():
        minute = Minute.objects.create(item=item, discussion="Discussed.\n\nAgreed.")
    ActionFactory(board=board, recommendation=None, minute=minute, what="Write to schools")
    for kind in (PackKind.PUBLIC_MINUTES, PackKind.MEMBERS_MINUTES):
        assert_accessible(render_minutes(meeting, kind).data, tmp_path, f"minutes-{kind}")
