"""Evidence and reports kept in an S3-compatible object store (a real local moto server):
uploaded and rendered into the bucket, never onto local disk, never public, and downloaded
only through the permission-checked views."""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscb.celery import app
from lscb.file_store import OBJECT_STORE_UNREACHABLE
from reporting import services
from reporting.models import QuarterlyReport, ReportStatus
from reporting.tasks import render_quarterly_report
from tests.object_store import s3_environment, storage_config
from tests.reporting.conftest import load_figures
from tests.reviews.factories import ActionProgressFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans.models import ProgressUpdate

pytestmark = pytest.mark.objectstore

PDF = b"%PDF-1.4\n" + b"evidence " * 200
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def _record_progress(client, board, outcome, name: str, content: bytes):
    today = dt.date.today()
    return client.post(
        reverse("workplans:record_progress", args=[board.slug, outcome.pk]),
        {
            "rag": "on_track",
            "date": today.isoformat(),
            "date_0": today.day,
            "date_1": today.month,
            "date_2": today.year,
            "narrative": "Minutes of the training subgroup attached.",
            "evidence": SimpleUploadedFile(name, content),
        },
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _local_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_render_and_download_go_through_the_bucket(
    client, object_store, figures, board, alice, bob, charlie, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    assert _record_progress(client, board, outcome, "minutes.pdf", PDF).status_code == 302
    update = ProgressUpdate.objects.get(outcome=outcome)
    assert object_store.read(update.evidence.name) == PDF

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:request", args=[board.slug]), {"quarter": "2008Q3"})
    report = QuarterlyReport.objects.get(board=board)
    assert report.status == ReportStatus.READY, report.error
    stored = object_store.read(report.pdf.name)
    assert stored.startswith(b"%PDF") and len(stored) == report.size

    assert object_store.keys() == {update.evidence.name, report.pdf.name}
    assert _local_files(settings) == []

    evidence_url = reverse("workplans:evidence", args=[board.slug, update.pk])
    report_url = reverse("reporting:download", args=[board.slug, report.pk])
    client.force_login(bob)
    response = client.get(evidence_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]
    assert _body(response) == PDF
    response = client.get(report_url)
    assert response.status_code == 200
    assert _body(response) == stored

    client.force_login(charlie)  # a member of another board
    assert client.get(evidence_url).status_code == 404
    assert client.get(report_url).status_code == 404


def test_action_evidence_downloads_from_the_bucket(client, object_store, board, alice, bob):
    progress = ActionProgressFactory(
        action__recommendation__review__board=board,
        author=alice,
        evidence=SimpleUploadedFile("proof.txt", b"the proof"),
    )
    assert object_store.read(progress.evidence.name) == b"the proof"
    client.force_login(bob)
    response = client.get(reverse("reviews:evidence", args=[board.slug, progress.pk]))
    assert response.status_code == 200
    assert _body(response) == b"the proof"


def test_nothing_in_the_bucket_is_public_and_any_link_is_signed_and_short_lived(
    client, object_store, board, alice
):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    _record_progress(client, board, outcome, "minutes.pdf", PDF)
    (key,) = object_store.keys()
    grants = object_store.client.get_object_acl(Bucket=object_store.bucket, Key=key)["Grants"]
    assert grants  # the owner's
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GRANTEES]
    url = ProgressUpdate.objects.get().evidence.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_two_files_of_the_same_name_both_keep_their_bytes(client, object_store, board, alice):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    _record_progress(client, board, outcome, "minutes.pdf", PDF)
    _record_progress(client, board, outcome, "minutes.pdf", PDF + b"second")
    first, second = ProgressUpdate.objects.order_by("created_at", "pk")
    assert first.evidence.name != second.evidence.name
    assert object_store.read(first.evidence.name) == PDF
    assert object_store.read(second.evidence.name) == PDF + b"second"


def test_a_large_document_downloads_whole(client, object_store, board, alice):
    """Bigger than the part of a download kept in memory: the rest waits on disk."""
    big = PDF + bytes(range(256)) * (3 * 1024 * 1024 // 256)
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    assert _record_progress(client, board, outcome, "report.pdf", big).status_code == 302
    update = ProgressUpdate.objects.get()
    response = client.get(reverse("workplans:evidence", args=[board.slug, update.pk]))
    assert int(response["Content-Length"]) == len(big)
    assert _body(response) == big


def test_a_file_missing_from_the_bucket_is_not_found(client, object_store, board, alice):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    _record_progress(client, board, outcome, "minutes.pdf", PDF)
    update = ProgressUpdate.objects.get()
    object_store.client.delete_object(Bucket=object_store.bucket, Key=update.evidence.name)
    response = client.get(reverse("workplans:evidence", args=[board.slug, update.pk]))
    assert response.status_code == 404


@pytest.mark.worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_a_report_a_worker_renders_elsewhere_downloads_from_the_same_bucket(
    client, object_store, board, bob, settings, tmp_path, transactional_db
):
    """A worker process with its own (empty) media folder renders into the bucket; this
    process, standing for a web server on another machine, serves the PDF from it."""
    from tests.reporting.test_worker import Worker, _database_url, _is_ready, _wait_for

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")
    queue = f"reporting-s3-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        **object_store.environment,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(tmp_path / "worker-media"),
        "REPORTING_TEST_QUEUE": queue,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    load_figures(board)
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    log = tmp_path / "worker.log"
    worker = Worker(queue, env, log)
    worker.start()
    try:
        render_quarterly_report.apply_async(args=[report.pk], queue=queue)
        _wait_for(lambda: _is_ready(report), 90, "the worker to finish the report", log)
    finally:
        worker.stop()
        app.conf.task_always_eager = eager
    report.refresh_from_db()
    assert object_store.keys() == {report.pdf.name}
    assert not (tmp_path / "worker-media").exists()
    client.force_login(bob)
    response = client.get(reverse("reporting:download", args=[board.slug, report.pk]))
    assert response.status_code == 200
    assert _body(response) == object_store.read(report.pdf.name)


# --- a store that cannot be reached ---------------------------------------------------------


def _point_storage_at(settings, endpoint: str) -> None:
    pytest.importorskip("storages", reason="pip install -e '.[dev]' brings django-storages")
    variables = {**s3_environment(endpoint, "lscb"), "S3_TIMEOUT_SECONDS": "1"}
    settings.STORAGES = {**settings.STORAGES, "default": storage_config(variables)}


@pytest.fixture
def hung_store(settings):
    """A store that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        _point_storage_at(settings, f"http://127.0.0.1:{listener.getsockname()[1]}")
        yield


@pytest.fixture
def refused_store(settings):
    """A store whose address refuses connections."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _point_storage_at(settings, f"http://127.0.0.1:{port}")


def test_a_download_from_a_store_that_does_not_answer_is_a_prompt_503(
    client, hung_store, board, alice
):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    update = ProgressUpdate.objects.create(
        outcome=outcome,
        author=alice,
        date=dt.date.today(),
        rag="on_track",
        evidence="evidence/workplans/minutes.pdf",
    )
    client.force_login(alice)
    started = time.monotonic()
    response = client.get(reverse("workplans:evidence", args=[board.slug, update.pk]))
    took = time.monotonic() - started
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach the store where evidence and reports are kept" in response.content.decode()
    assert took < 20  # three tries of one second each, with short pauses between


def test_an_upload_to_a_store_that_refuses_saves_nothing(client, refused_store, board, alice):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    client.force_login(alice)
    response = _record_progress(client, board, outcome, "minutes.pdf", PDF)
    assert response.status_code == 503
    assert not ProgressUpdate.objects.exists()


def test_a_render_that_cannot_reach_the_store_is_retried_not_failed(refused_store, figures, board):
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    with pytest.raises(OBJECT_STORE_UNREACHABLE):
        services.report_render(report_id=report.pk, last_attempt=False)
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED
    assert report.error.startswith("Retrying after:")
