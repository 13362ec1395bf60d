"""Quarter-end: one report per board through real Celery workers on Redis."""

from __future__ import annotations

import os
import subprocess  # nosec B404 - starts our own worker processes
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from boards.models import Board
from lscb.vocab import Quarter

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 30 * 60  # seconds; three times the target for two workers


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("the quarter-end batch needs PostgreSQL (set DATABASE_URL)")
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start_workers(count: int, log_dir: Path) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "lscb.settings",
        # Production settings, as the quarter-end runs: DEBUG off refuses the development
        # key, and without collectstatic the manifest storage cannot name the stylesheet.
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        "STATIC_MANIFEST": "false",
    }
    workers = []
    for n in range(count):
        log = open(log_dir / f"worker{n}.log", "w")  # noqa: SIM115 - closed with the process
        workers.append(
            subprocess.Popen(  # nosec B603 - fixed argument list, our own interpreter
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "lscb",
                    "worker",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    f"--hostname=bench{n}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    deadline = time.monotonic() + 60
    for n in range(count):
        while "ready." not in (log_dir / f"worker{n}.log").read_text():
            if time.monotonic() > deadline or workers[n].poll() is not None:
                _stop(workers)
                raise RuntimeError(f"worker {n} did not start; see {log_dir}")
            time.sleep(0.2)
    return workers


def _stop(procs: list[subprocess.Popen]) -> None:
    """Warm shutdown (a worker finishes its current report), then kill any that hang."""
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)


def run(*, workers: int, boards: list[Board], quarter: Quarter, log_dir: Path) -> dict:
    from reporting.models import QuarterlyReport
    from reporting.services import report_request

    if not settings.REDIS_URL:
        raise RuntimeError("the quarter-end batch needs REDIS_URL and real workers")
    log_dir.mkdir(parents=True, exist_ok=True)
    procs = _start_workers(workers, log_dir)
    try:
        started = time.perf_counter()
        ids = [report_request(board=b, quarter=quarter, by=None).pk for b in boards]
        pending = set(ids)
        # Bounded: a worker that died leaves reports queued forever.
        give_up = time.monotonic() + TIME_LIMIT
        while pending:
            if time.monotonic() > give_up:
                raise RuntimeError(f"{len(pending)} reports unfinished after {TIME_LIMIT} s")
            done = set(
                QuarterlyReport.objects.filter(
                    pk__in=pending, status__in=["ready", "failed"]
                ).values_list("pk", flat=True)
            )
            pending -= done
            if pending:
                time.sleep(0.5)
        seconds = time.perf_counter() - started
        failed = QuarterlyReport.objects.filter(pk__in=ids, status="failed").count()
    finally:
        _stop(procs)
    return {
        "workers": workers,
        "reports": len(ids),
        "failed": failed,
        "seconds": round(seconds, 1),
        "reports_per_minute": round(len(ids) * 60 / seconds, 1),
    }
