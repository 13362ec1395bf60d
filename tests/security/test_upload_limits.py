"""Files built to exhaust a worker (zip bombs, endless sheets) are refused within a second,
with the reason beside the upload field and nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lscb import file_limits
from lscb.spreadsheets import SheetError, find_tables, open_workbook
from reviews.models import ActionProgress, Recommendation
from workplans.models import Outcome, ProgressUpdate, Workplan

HEADER = ["Outcome", "How we will do it", "Who", "Review"]
# One row as a sheet's XML holds it; rows without an "r" attribute follow one another.
_ROW = b'<row><c t="inlineStr"><is><t>Train every agency</t></is></c></row>'
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def _workbook_bytes(rows=(), sheets: int = 1) -> bytes:
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    for n in range(1, sheets):
        wb.create_sheet(f"Sheet {n + 1}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _with_sheet_xml(rows: int) -> bytes:
    """A real workbook whose first sheet is `rows` rows of data, declaring no dimension,
    written in a stream so the test never holds the whole sheet in memory."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    out = io.BytesIO()
    # The fastest compression level keeps the test quick; the file still packs 200 to 1.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item.filename))
                continue
            with target.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(_SHEET_HEAD)
                chunk = _ROW * 10_000
                for _ in range(rows // 10_000):
                    sheet.write(chunk)
                sheet.write(_ROW * (rows % 10_000))
                sheet.write(_SHEET_TAIL)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """Under 1 MB on disk; its sheet unpacks to about 100 MB (1.6 million rows)."""
    return _with_sheet_xml(1_600_000)


def _post_workplan(client, board, content: bytes):
    return client.post(
        reverse("workplans:import", args=[board.slug]),
        {
            "title": "Imported",
            "start_0": 1,
            "start_1": 4,
            "start_2": 2008,
            "end_0": 31,
            "end_1": 3,
            "end_2": 2009,
            "file": SimpleUploadedFile("plan.xlsx", content),
        },
    )


def _timed(client, url: str, post):
    """Seconds the upload takes in a process that has already served the page once, as a
    running web worker has (a test process's first request loads templates and code)."""
    assert client.get(url).status_code == 200
    started = time.perf_counter()
    response = post()
    return response, time.perf_counter() - started


def _assert_refused_beside_field(response, *words):
    errors = " ".join(response.context["form"].errors.get("file", []))
    for word in words:
        assert word in errors
    body = response.content.decode()
    assert "govuk-error-summary" in body and 'href="#id_file"' in body


def test_a_workplan_zip_bomb_is_refused_within_a_second(client, board, alice, zip_bomb):
    assert len(zip_bomb) < 1024 * 1024
    client.force_login(alice)
    url = reverse("workplans:import", args=[board.slug])
    response, seconds = _timed(client, url, lambda: _post_workplan(client, board, zip_bomb))
    _assert_refused_beside_field(response, "The workbook unpacks to", "more than the 20.0 MB")
    assert not Workplan.objects.exists() and not Outcome.objects.exists()
    assert response.context.get("token") is None
    assert seconds < 1.0


def test_an_action_plan_zip_bomb_is_refused_within_a_second(client, board_data, alice, zip_bomb):
    client.force_login(alice)
    review = board_data.review
    before = Recommendation.objects.count()
    url = reverse("reviews:import", args=[review.board.slug, review.pk])
    response, seconds = _timed(
        client, url, lambda: client.post(url, {"file": SimpleUploadedFile("plan.xlsx", zip_bomb)})
    )
    assert response.status_code == 400
    _assert_refused_beside_field(response, "The workbook unpacks to")
    assert Recommendation.objects.count() == before
    assert seconds < 1.0


def test_a_sheet_with_too_many_rows_is_refused_within_a_second(client, board, alice):
    content = _workbook_bytes(rows=[[f"Outcome {n}", "How", "Who", ""] for n in range(5_200)])
    client.force_login(alice)
    url = reverse("workplans:import", args=[board.slug])
    response, seconds = _timed(client, url, lambda: _post_workplan(client, board, content))
    _assert_refused_beside_field(response, "uses 5,201 rows", "at most 5,000 can be imported")
    assert not Workplan.objects.exists()
    assert seconds < 1.0


def test_rows_past_the_limit_stop_the_read_when_the_sheet_declares_no_size(settings):
    content = _with_sheet_xml(file_limits.MAX_SHEET_ROWS + 1)
    workbook = open_workbook(SimpleUploadedFile("plan.xlsx", content))
    with pytest.raises(SheetError, match="more than 5,000 rows"):
        find_tables(workbook, ["Outcome"])


def test_a_sheet_at_the_row_limit_is_read(settings):
    content = _with_sheet_xml(file_limits.MAX_SHEET_ROWS)
    workbook = open_workbook(SimpleUploadedFile("plan.xlsx", content))
    assert find_tables(workbook, ["Outcome"]) == []  # read to the end: no header row


def test_too_many_sheets_are_refused(client, board, alice):
    client.force_login(alice)
    response = _post_workplan(client, board, _workbook_bytes(sheets=21))
    _assert_refused_beside_field(response, "has 21 sheets", "at most 20")


def test_a_compression_ratio_no_document_reaches_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (5 * 1024 * 1024))
    with pytest.raises(file_limits.FileLimitError, match="far more than any real document"):
        file_limits.check_zip_inflation(out, max_inflated=10**9, what="document")


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    """About 1 MB on disk, unpacking to 240 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p/>" * 100_000
            for _ in range(400):  # about 240 MB
                part.write(chunk)
    return out.getvalue()


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.mark.parametrize("where", ["workplans", "reviews"])
def test_evidence_that_is_a_zip_bomb_is_refused_and_nothing_saved(
    client, board, board_data, alice, media_root, docx_bomb, where
):
    client.force_login(alice)
    if where == "workplans":
        url = reverse("workplans:record_progress", args=[board.slug, board_data.outcome.pk])
        model = ProgressUpdate
    else:
        url = reverse("reviews:record_progress", args=[board.slug, board_data.action.pk])
        model = ActionProgress
    before, before_files = model.objects.count(), _files_under(media_root)
    today = dt.date.today()
    response = client.post(
        url,
        {
            "rag": "on_track",
            "date": today.isoformat(),
            "date_0": today.day,
            "date_1": today.month,
            "date_2": today.year,
            "narrative": "Minutes of the audit meeting",
            "evidence": SimpleUploadedFile("minutes.docx", docx_bomb),
        },
    )
    body = response.content.decode()
    assert "The DOCX document unpacks to" in body and "more than the 200.0 MB" in body
    assert "Minutes of the audit meeting" in body  # what was typed is kept
    assert model.objects.count() == before
    assert _files_under(media_root) == before_files


def test_a_real_docx_is_accepted_as_evidence(client, board, board_data, alice):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"<w:p/>" * 2000 + b"</w:document>")
    client.force_login(alice)
    today = dt.date.today()
    response = client.post(
        reverse("workplans:record_progress", args=[board.slug, board_data.outcome.pk]),
        {
            "rag": "on_track",
            "date": today.isoformat(),
            "date_0": today.day,
            "date_1": today.month,
            "date_2": today.year,
            "narrative": "With the minutes",
            "evidence": SimpleUploadedFile("minutes.docx", out.getvalue()),
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.filter(evidence__endswith="minutes.docx").exists()
