"""Project-wide views: the home page and the health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from boards.access import boards_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "lscb/home.html", {"boards": boards_for(request.user)})


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return False, type(exc).__name__


def _broker_ok() -> tuple[bool, str]:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
        return True, "ok"
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """JSON state of the database and, when configured, the broker: 200 healthy, 503 not."""
    db_ok, db_state = _database_ok()
    checks: dict[str, str] = {"database": db_state}
    healthy = db_ok
    if settings.REDIS_URL:
        broker_ok, broker_state = _broker_ok()
        checks["broker"] = broker_state
        healthy = healthy and broker_ok
    else:
        checks["broker"] = "not configured (tasks run in-process)"
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )
