"""What each part of the benchmark needs, checked before anything is measured.

A part that would fail after the others have run for ten minutes is named at the start,
with the command that installs what it lacks.
"""

from __future__ import annotations

import importlib.util

from django.conf import settings
from django.db import connection

INSTALL_BENCH = ".venv/bin/python -m pip install -e '.[dev,bench]'"


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def missing(parts: set[str]) -> list[str]:
    """One line per thing a chosen part lacks; empty when every part can run."""
    problems = []
    if "load" in parts:
        if not _has("locust"):
            problems.append(f"The load test needs locust: {INSTALL_BENCH} (or --skip load).")
        if not _has("gunicorn"):
            problems.append(f"The load test needs gunicorn: {INSTALL_BENCH} (or --skip load).")
    if parts & {"load", "batch"}:
        if connection.vendor != "postgresql":
            problems.append(
                "The load test and the quarter-end batch run on PostgreSQL: set DATABASE_URL "
                "to a postgres:// database (or --skip load batch)."
            )
        if not settings.REDIS_URL:
            problems.append(
                "The load test and the quarter-end batch need Redis: set REDIS_URL "
                "(or --skip load batch)."
            )
    return problems
