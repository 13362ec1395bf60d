"""Workplan text is limited in length and loses direction overrides, in forms and imports,
and evidence keeps its extension however long its name."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lscb import limits
from tests.workplans.test_imports import HEADER, form_data, import_url, xlsx
from tests.workplans.test_views import progress_post, url
from workplans.imports import parse_workplan
from workplans.models import Outcome, ProgressUpdate

PDF = b"%PDF-1.4\n" + b"x" * 100
ARABIC = "تم تدريب جميع الموظفين"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_an_over_long_narrative_is_refused_beside_the_field_and_kept(client, alice, outcome):
    client.force_login(alice)
    typed = "x" * (limits.PROGRESS + 1)
    response = client.post(url("record_progress", outcome.pk), progress_post(narrative=typed))
    assert response.status_code == 200
    page = response.content.decode()
    message = "What has happened must be 3,000 characters or fewer; you entered 3,001."
    assert page.count(message) == 2  # in the error summary and beside the field
    assert typed in page
    assert not ProgressUpdate.objects.exists()


def test_a_narrative_at_its_limit_is_accepted(client, alice, outcome):
    client.force_login(alice)
    text = "x" * limits.PROGRESS
    response = client.post(url("record_progress", outcome.pk), progress_post(narrative=text))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().narrative == text


def test_progress_loses_direction_overrides_and_keeps_arabic(client, alice, outcome):
    client.force_login(alice)
    narrative = f"{ARABIC} \u202edecnuonna\u202c"
    client.post(url("record_progress", outcome.pk), progress_post(narrative=narrative))
    assert ProgressUpdate.objects.get().narrative == f"{ARABIC} decnuonna"


def test_an_outcome_title_loses_direction_overrides(client, alice, outcome):
    client.force_login(alice)
    page = client.get(url("outcome_edit", outcome.pk)).content.decode()
    loaded = page.split('name="loaded" value="')[1].split('"')[0]
    response = client.post(
        url("outcome_edit", outcome.pk),
        {
            "title": "Train \u2067everyone\u2069",
            "how": "",
            "who": "",
            "order": "1",
            "version": str(outcome.version),
            "loaded": loaded,
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Outcome.objects.get(pk=outcome.pk).title == "Train everyone"


def test_an_over_long_cell_is_refused_with_its_row_and_column(board):
    long_how = "y" * (limits.STATEMENT + 5)
    rows = [["Train staff", long_how, "Training", ""], ["Audit files", "Audit", "Audit", ""]]
    result = parse_workplan(
        xlsx(rows), board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31), review_date=None
    )
    assert not result.ok
    first, second = result.rows
    assert first.errors == [
        "“How we will do it” must be 2,000 characters or fewer; you entered 2,005."
    ]
    assert not second.errors


def test_an_import_with_an_over_long_cell_writes_nothing(client, alice, board):
    client.force_login(alice)
    rows = [["Train staff", "Courses", "Training", "z" * (limits.PROGRESS + 1)]]
    response = client.post(import_url(), form_data(xlsx(rows, header=HEADER)))
    page = response.content.decode()
    assert "Row 4: “Review” must be 3,000 characters or fewer; you entered 3,001." in page
    assert not Outcome.objects.exists()


def test_imported_cells_lose_direction_overrides(board):
    rows = [["Train \u202estaff", "Courses", "Training", ""]]
    result = parse_workplan(
        xlsx(rows), board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31), review_date=None
    )
    assert result.rows[0].title == "Train staff"


def test_evidence_with_a_200_character_name_is_stored_with_its_extension(client, alice, outcome):
    client.force_login(alice)
    name = "Minutes of the training subgroup " + "m" * 163 + ".pdf"
    assert len(name) == 200
    post = progress_post() | {"evidence": SimpleUploadedFile(name, PDF)}
    assert client.post(url("record_progress", outcome.pk), post).status_code == 302
    stored = PurePath(ProgressUpdate.objects.get().evidence.name).name
    assert stored.startswith("Minutes_of_the_training_subgroup_mmm")
    assert stored.endswith(".pdf") and len(stored) == 80
    download = client.get(url("evidence", ProgressUpdate.objects.get().pk))
    assert download["Content-Type"] == "application/pdf"
