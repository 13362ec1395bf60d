"""Fail cleanly while the database or the object store is away: a 503 page instead of a
server error trace."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from lscb.file_store import OBJECT_STORE_UNREACHABLE

logger = logging.getLogger("lscb.availability")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            # Raised from middleware (sessions, auth) before a view runs.
            return self._unavailable(exc)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self._unavailable(exception)
        return None

    def _unavailable(self, exc: Exception) -> HttpResponse:
        logger.error("Database unavailable: %s", exc)
        # Drop broken connections so the next request opens a fresh one.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        response = HttpResponse(render_to_string("errors/503.html"), status=503)
        response["Retry-After"] = "30"
        return response


class FileStoreUnavailableMiddleware:
    """An upload or download that cannot reach the object store gets a 503 saying so; the
    upload's transaction is rolled back, so nothing is half saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OBJECT_STORE_UNREACHABLE):
            return None
        logger.error("File store unavailable: %s", exception)
        response = HttpResponse(render_to_string("errors/503_files.html"), status=503)
        response["Retry-After"] = "30"
        return response
