"""Project-wide views: the home page, the health check and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from boards.access import boards_for, member_board


@login_required
def home(request: HttpRequest) -> HttpResponse:
    boards = boards_for(request.user)
    if len(boards) == 1:
        # Nothing to choose between: most people sit on one board.
        return redirect("boards:detail", boards[0].slug)
    return render(request, "lscb/home.html", {"boards": boards})


def _board_in_url(request: HttpRequest):
    """The board whose page failed, for its members only, so the error keeps its navigation."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    slug = match.kwargs.get("board_slug")
    if slug is None and match.namespace == "boards":
        slug = match.kwargs.get("slug")
    user = getattr(request, "user", None)
    if not slug or user is None or not user.is_authenticated:
        return None
    return member_board(user, slug)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    context = {"board": _board_in_url(request)}
    return HttpResponseForbidden(loader.render_to_string("403.html", context, request))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    context = {"board": _board_in_url(request)}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without context processors: the database, the session or the
    user may be what failed, so it reads only the request's cookies and the settings."""
    context = {
        "service_name": settings.SERVICE_NAME,
        "has_session": settings.SESSION_COOKIE_NAME in request.COOKIES,
        "csrf_token": get_token(request),
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return False, type(exc).__name__


WORKER_PING_SECONDS = 0.5


def _workers_ok() -> tuple[bool, str]:
    """Whether a Celery worker answers a ping within half a second."""
    from lscb.celery import app

    try:
        replies = app.control.ping(timeout=WORKER_PING_SECONDS)
    except Exception as exc:  # noqa: BLE001 - any failure means no worker is known to run
        return False, type(exc).__name__
    if not replies:
        return False, (
            f"no worker answered within {WORKER_PING_SECONDS:g} seconds; "
            "check that `celery -A lscb worker` is running"
        )
    return True, f"ok ({len(replies)} answering)"


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
    """JSON state of the database and, when configured, the broker and its workers: 200
    healthy, 503 not. No worker answering is "degraded" with 200: pages still serve, only
    reports wait, so a load balancer should not take the web process out for it."""
    db_ok, db_state = _database_ok()
    checks: dict[str, str] = {"database": db_state}
    healthy = db_ok
    broker_ok, worker_ok = True, True
    if settings.REDIS_URL:
        broker_ok, checks["broker"] = _broker_ok()
        healthy = healthy and broker_ok
    else:
        checks["broker"] = "not configured (tasks run in-process)"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks["worker"] = "not needed (tasks run in-process)"
    elif broker_ok:
        worker_ok, checks["worker"] = _workers_ok()
    else:
        checks["worker"] = "not checked (the broker is unreachable)"
    status = "unhealthy" if not healthy else "ok" if worker_ok else "degraded"
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)
