from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_is_ok_when_the_database_answers(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_health_reports_an_unreachable_broker_with_503(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] != "ok"


@pytest.mark.django_db
def test_health_checks_a_configured_broker(client, settings):
    import os

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs REDIS_URL (CI sets it)")
    settings.REDIS_URL = url
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


@pytest.mark.django_db
def test_health_reports_a_database_failure_with_503(client, settings):
    settings.REDIS_URL = ""
    with mock.patch("lscb.views.connection.cursor", side_effect=OperationalError("server closed")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "OperationalError"


@pytest.mark.django_db
def test_health_says_no_worker_is_needed_when_tasks_run_in_process(client, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["checks"]["worker"] == "not needed (tasks run in-process)"


@pytest.mark.django_db
def test_health_reports_a_missing_worker_as_degraded(client, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("lscb.celery.app.control.ping", return_value=[]) as ping:
        response = client.get("/health/")
    assert ping.call_args.kwargs["timeout"] <= 1
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert "celery -A lscb worker" in body["checks"]["worker"]


@pytest.mark.django_db
def test_health_counts_the_workers_that_answer(client, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    replies = [{"celery@web": {"ok": "pong"}}, {"celery@render": {"ok": "pong"}}]
    with mock.patch("lscb.celery.app.control.ping", return_value=replies):
        body = client.get("/health/").json()
    assert body["status"] == "ok" and body["checks"]["worker"] == "ok (2 answering)"
