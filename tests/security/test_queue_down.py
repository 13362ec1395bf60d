"""Redis, the task queue, is unavailable: pages keep working, a report request is kept and
the user is told, and the periodic sweep sends the request once the queue is back.

These use transactional_db so that on_commit callbacks run as they do in production: the
report is handed to the queue while the request is still being answered.
"""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from lscb.celery import app
from reporting.indicators import ensure_core_indicators
from reporting.models import QuarterlyReport, ReportStatus
from reporting.tasks import requeue_stuck_reports

CLOSED_PORT = "redis://127.0.0.1:1/0"
# Refusal is answered at once; a broker that accepts and then says nothing costs two socket
# timeouts (3 s each, see CELERY_BROKER_TRANSPORT_OPTIONS). Either way the page comes back.
BOUND_SECONDS = 10


@pytest.fixture
def queue(settings, tmp_path):
    """Point the Celery app at a given broker, really sending (not running tasks in-process);
    `queue.back()` returns to in-process running, standing for a working queue and worker."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}

    def forget_connections() -> None:
        # Pooled connections and producers belong to the broker they were opened for.
        # app.close() skips an empty pool, so the producer pool is dropped by hand too.
        app.close()
        app._pool = None
        app.amqp._producer_pool = None

    class Queue:
        def point_at(self, url: str) -> None:
            forget_connections()
            app.conf.broker_url = url
            app.conf.task_always_eager = False
            settings.REDIS_URL = url  # what the health check pings

        def back(self) -> None:
            forget_connections()
            app.conf.update(saved)

    q = Queue()
    yield q
    q.back()


@pytest.fixture
def silent_broker():
    """A port that accepts connections and never answers, like a hung Redis."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=50)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


def _ask_for_report(client, board):
    started = time.monotonic()
    response = client.post(
        reverse("reporting:request", args=[board.slug]), {"quarter": "2008Q3"}, follow=True
    )
    return response, time.monotonic() - started


@pytest.mark.parametrize("broker", ["closed port", "silent"])
def test_asking_for_a_report_with_the_queue_down_keeps_it_and_says_so(
    transactional_db, client, board, alice, queue, silent_broker, broker
):
    queue.point_at(CLOSED_PORT if broker == "closed port" else silent_broker)
    client.force_login(alice)

    response, took = _ask_for_report(client, board)

    assert response.status_code == 200
    assert took < BOUND_SECONDS, f"the request took {took:.1f}s with the queue down"
    report = QuarterlyReport.objects.get(board=board, quarter="2008Q3")
    assert report.status == ReportStatus.QUEUED
    text = response.content.decode()
    assert "report is saved and waiting" in text
    assert "queue that prepares reports is unavailable" in text
    assert "has been queued" not in text


def test_pages_keep_working_while_the_queue_is_down_and_health_says_so(
    transactional_db, client, board, bob, queue
):
    queue.point_at(CLOSED_PORT)
    client.force_login(bob)
    for url in [
        reverse("home"),
        reverse("boards:detail", args=[board.slug]),
        reverse("workplans:list", args=[board.slug]),
        reverse("reviews:list", args=[board.slug]),
        reverse("reporting:list", args=[board.slug]),
    ]:
        assert client.get(url, follow=True).status_code == 200, url
    health = client.get(reverse("health"))
    assert health.status_code == 503
    assert health.json()["checks"]["database"] == "ok"
    assert health.json()["checks"]["broker"] != "ok"


def test_a_report_asked_for_while_the_queue_was_down_is_sent_by_the_sweep_later(
    transactional_db, client, board, alice, queue
):
    ensure_core_indicators()
    queue.point_at(CLOSED_PORT)
    client.force_login(alice)
    _ask_for_report(client, board)
    report = QuarterlyReport.objects.get(board=board, quarter="2008Q3")
    # The sweep leaves fresh requests to their own message; this one is old enough to count.
    QuarterlyReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - dt.timedelta(minutes=11)
    )

    queue.back()
    sent = requeue_stuck_reports()

    assert sent == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.page_count and report.pdf


def test_with_the_queue_working_the_user_is_told_it_is_ready(
    transactional_db, client, board, alice, queue
):
    ensure_core_indicators()
    client.force_login(alice)
    response, _ = _ask_for_report(client, board)
    # Tasks run in-process here, so the report is ready when the page comes back.
    assert "report is ready." in response.content.decode()
    assert QuarterlyReport.objects.get(board=board).status == ReportStatus.READY
