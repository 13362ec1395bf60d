"""Uploads are limited in size and type, refused with a clear message with nothing saved, and
evidence is only ever served as a download through a permission-checked view."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from reporting.models import IndicatorValue
from reviews.models import ActionProgress, Recommendation
from workplans.models import ProgressUpdate, Workplan

LIMIT = 16 * 1024  # above a small real workbook (about 5 KB)
PDF = b"%PDF-1.4\n" + b"x" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100
HTML = b"<!doctype html><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.MAX_UPLOAD_BYTES = LIMIT


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _xlsx() -> bytes:
    wb = Workbook()
    wb.active.append(["Outcome", "How we will do it", "Who", "Review"])
    wb.active.append(["Train staff", "Courses", "Training", "Started"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# (file name, content, words the message must contain). Each must be refused.
BAD_EVIDENCE = [
    ("big.pdf", PDF + b"x" * LIMIT, "no larger than 16.0 KB"),
    ("setup.exe", EXE, "must be one of these file types"),
    ("page.html", HTML, "must be one of these file types"),
    ("page.pdf", HTML, "is not a PDF file"),
    ("setup.docx", EXE, "is not a DOCX file"),
    ("setup.txt", EXE, "is not a TXT file"),
]


def _progress_post(evidence: SimpleUploadedFile, **extra) -> dict:
    import datetime as dt

    return {
        "rag": "on_track",
        "date": dt.date.today().isoformat(),
        "date_0": dt.date.today().day,
        "date_1": dt.date.today().month,
        "date_2": dt.date.today().year,
        "narrative": "Progress with a file",
        "evidence": evidence,
        **extra,
    }


@pytest.mark.parametrize(("name", "content", "message"), BAD_EVIDENCE)
def test_workplan_evidence_of_the_wrong_size_or_type_is_refused_and_nothing_saved(
    client, board, board_data, alice, media_root, name, content, message
):
    client.force_login(alice)
    before_files = _files_under(media_root)
    before = ProgressUpdate.objects.count()
    response = client.post(
        reverse("workplans:record_progress", args=[board.slug, board_data.outcome.pk]),
        _progress_post(SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ProgressUpdate.objects.count() == before
    assert _files_under(media_root) == before_files


@pytest.mark.parametrize(("name", "content", "message"), BAD_EVIDENCE)
def test_action_evidence_of_the_wrong_size_or_type_is_refused_and_nothing_saved(
    client, board, board_data, alice, media_root, name, content, message
):
    client.force_login(alice)
    before_files = _files_under(media_root)
    before = ActionProgress.objects.count()
    response = client.post(
        reverse("reviews:record_progress", args=[board.slug, board_data.action.pk]),
        _progress_post(SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ActionProgress.objects.count() == before
    assert _files_under(media_root) == before_files


def test_a_real_document_of_an_allowed_type_is_accepted(client, board, board_data, alice):
    """The checks above refuse because of the file, not because the form is wrong."""
    client.force_login(alice)
    url = reverse("workplans:record_progress", args=[board.slug, board_data.outcome.pk])
    response = client.post(url, _progress_post(SimpleUploadedFile("minutes.pdf", PDF)))
    assert response.status_code == 302
    assert ProgressUpdate.objects.filter(evidence__endswith="minutes.pdf").exists()


BAD_WORKBOOKS = [
    ("plan.xlsx", b"PK\x03\x04" + b"x" * (LIMIT + 10), "larger than 16.0 KB"),
    ("plan.exe", EXE, "Upload an Excel workbook saved as .xlsx"),
    ("plan.html", HTML, "Upload an Excel workbook saved as .xlsx"),
    ("plan.xlsx", HTML, "could not be read as an Excel workbook"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_WORKBOOKS)
def test_workplan_imports_of_the_wrong_size_or_type_are_refused(
    client, board, alice, name, content, message
):
    client.force_login(alice)
    before = Workplan.objects.count()
    response = client.post(
        reverse("workplans:import", args=[board.slug]),
        {
            "title": "Imported",
            "start_0": 1,
            "start_1": 4,
            "start_2": 2008,
            "end_0": 31,
            "end_1": 3,
            "end_2": 2009,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context.get("token") is None  # nothing waits to be confirmed
    assert Workplan.objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), BAD_WORKBOOKS)
def test_action_plan_imports_of_the_wrong_size_or_type_are_refused(
    client, board, board_data, alice, name, content, message
):
    client.force_login(alice)
    before = Recommendation.objects.count()
    url = reverse("reviews:import", args=[board.slug, board_data.review.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Recommendation.objects.count() == before


def test_a_small_real_workbook_passes_the_same_checks(client, board, alice):
    client.force_login(alice)
    response = client.post(
        reverse("workplans:import", args=[board.slug]),
        {
            "title": "Imported",
            "start_0": 1,
            "start_1": 4,
            "start_2": 2008,
            "end_0": 31,
            "end_1": 3,
            "end_2": 2009,
            "review_date_0": 1,
            "review_date_1": 10,
            "review_date_2": 2008,
            "file": SimpleUploadedFile("plan.xlsx", _xlsx()),
        },
    )
    assert response.status_code == 200
    assert response.context["token"], response.context["result"].errors


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "figures.csv",
            b"quarter,indicator,value\n" + b"2008Q3,x,1\n" * 2000,
            "larger than 16.0 KB",
        ),
        ("figures.exe", EXE, "Upload a CSV file"),
        ("figures.html", HTML, "Upload a CSV file"),
        ("figures.csv", EXE, "not a CSV text file"),
    ],
)
def test_figure_imports_of_the_wrong_size_or_type_are_refused(
    client, board, board_data, alice, name, content, message
):
    client.force_login(alice)
    before = IndicatorValue.objects.count()
    response = client.post(
        reverse("reporting:figures_import", args=[board.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "token" not in response.context or not response.context["token"]
    assert IndicatorValue.objects.count() == before


@pytest.mark.parametrize(
    ("url_name", "target", "filename", "content_type"),
    [
        ("workplans:evidence", "update", "minutes.txt", "text/plain"),
        ("reviews:evidence", "action_progress", "proof.txt", "text/plain"),
        ("reporting:download", "report", None, "application/pdf"),
    ],
)
def test_files_are_served_only_as_downloads_with_a_fixed_type(
    client, board, board_data, bob, url_name, target, filename, content_type
):
    client.force_login(bob)
    response = client.get(reverse(url_name, args=[board.slug, getattr(board_data, target).pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    if filename:
        assert f'filename="{filename}"' in response["Content-Disposition"]
    # Browsers must not guess another type from the bytes.
    assert response["X-Content-Type-Options"] == "nosniff"
    b"".join(response.streaming_content)


def test_evidence_stored_under_an_unexpected_name_goes_out_as_opaque_bytes(
    client, board, board_data, bob
):
    """A file kept from before the type rules (say an .html) is never served as a page."""
    update = board_data.update
    update.evidence.save("old-page.html", io.BytesIO(HTML), save=True)
    client.force_login(bob)
    response = client.get(reverse("workplans:evidence", args=[board.slug, update.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    b"".join(response.streaming_content)


def test_the_outcome_timeline_links_to_its_evidence(client, board, board_data, bob):
    client.force_login(bob)
    page = client.get(reverse("workplans:outcome", args=[board.slug, board_data.outcome.pk]))
    url = reverse("workplans:evidence", args=[board.slug, board_data.update.pk])
    assert f'href="{url}"' in page.content.decode()
