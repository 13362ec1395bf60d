"""Load test: locust (headless, bounded) against gunicorn and PostgreSQL on loopback."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import math
import os
import socket
import subprocess  # nosec B404 - starts our own server and locust
import sys
import time
from pathlib import Path

from django.urls import reverse

from boards.models import Access, Board, Membership
from tooling.bench.batch import _database_url
from tooling.bench.pages import page_urls

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def board_plan(board: Board) -> dict:
    """URLs and logins for each role on one board; locust itself never touches the database."""
    urls = dict(page_urls(board))
    urls.pop("floor", None)
    workplan = board.workplans.filter(start__lte=dt.date.today(), end__gte=dt.date.today()).first()
    outcomes = (
        list(workplan.outcomes.order_by("order").values_list("pk", flat=True)) if workplan else []
    )
    if not outcomes:
        raise RuntimeError(f"{board} has no current workplan to record progress on")
    # Spread over the plan's outcomes, as officers update theirs; one outcome taking every
    # post would grow a history no real outcome has.
    urls["record progress"] = [
        reverse("workplans:record_progress", args=[board.slug, pk]) for pk in outcomes
    ]
    urls["progress date"] = dt.date.today().isoformat()

    def usernames(access: str) -> list[str]:
        return list(
            Membership.objects.current()
            .filter(board=board, access=access, person__user__isnull=False)
            .values_list("person__user__username", flat=True)
        )

    plan: dict = {
        role: {"urls": urls, "usernames": usernames(access)}
        for role, access in [
            ("officer", Access.OFFICER),
            ("chair", Access.CHAIR),
            ("portfolio", Access.PORTFOLIO),
        ]
    }
    plan["public"] = reverse("public:board", args=[board.slug])
    return plan


def plan_for(boards: list[Board], password: str) -> dict:
    return {"boards": [board_plan(b) for b in boards], "password": password}


def run(
    *,
    boards: list[Board],
    password: str,
    users: int,
    seconds: int,
    spawn_rate: float,
    out_dir: Path,
) -> dict:
    """One load test: every user signs in while the test ramps up, then `seconds` of steady
    state are measured. Locust's statistics start again once the last user has signed in, so
    the figures are the pages people use, not the sign-ins (a password hash each)."""
    with _server(boards, password, out_dir) as (port, env):
        return _locust(port, env, users, seconds, spawn_rate, out_dir / f"u{users}")


def run_public(*, boards: list[Board], users: int, seconds: int, out_dir: Path) -> dict:
    """The most requests a second served for a cached public board page: anonymous visitors
    with no pause between requests, on the same gunicorn as the load test."""
    with _server(boards, "", out_dir) as (port, env):
        row = _locust(
            port, env, users, seconds, float(users), out_dir / "public", "public_locustfile.py"
        )
    row.pop("by_request")
    return row


def run_steps(
    *,
    boards: list[Board],
    password: str,
    steps: list[int],
    seconds: int,
    spawn_rate: float,
    out_dir: Path,
    p95_limit_ms: float = 100.0,
) -> dict:
    """Capacity: steady-state runs at growing numbers of users, on one server, until p95
    goes over `p95_limit_ms`; the answer is the highest request rate measured within it."""
    results = []
    with _server(boards, password, out_dir) as (port, env):
        for users in sorted(steps):
            row = _locust(port, env, users, seconds, spawn_rate, out_dir / f"step{users}")
            row.pop("by_request")
            results.append(row)
            if row["p95_ms"] > p95_limit_ms or row["errors"]:
                break
    within = [r for r in results if r["p95_ms"] <= p95_limit_ms and not r["errors"]]
    best = max(within, key=lambda r: r["requests_per_second"], default=None)
    return {
        "p95_limit_ms": p95_limit_ms,
        "sustained_requests_per_second": best["requests_per_second"] if best else None,
        "at_users": best["users"] if best else None,
        "steps": results,
    }


@contextlib.contextmanager
def _server(boards: list[Board], password: str, out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "lscb.settings",
        "DEBUG": "false",
        "DEV_TOOLS": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "false",
        "AXES_FAILURE_LIMIT": "1000",
        "LSCB_LOAD_PLAN": json.dumps(plan_for(boards, password)),
        # As in production: one page cache shared by every gunicorn worker.
        "CACHE_IN_REDIS": "true",
    }
    workers = str(2 * (os.cpu_count() or 1) + 1)
    server = subprocess.Popen(  # nosec B603 - fixed argument list, our own interpreter
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lscb.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(out_dir / "gunicorn.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        # Workers that have served nothing yet import views and compile templates on their
        # first requests; a server in use has done that long ago. A short unmeasured run
        # warms every worker before anything is measured.
        _locust(port, env, 4 * int(workers), 10, 10.0, out_dir / "warm-up")
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def _locust(
    port: int,
    env: dict,
    users: int,
    seconds: int,
    spawn_rate: float,
    prefix: Path,
    locustfile: str = "locustfile.py",
) -> dict:
    ramp = math.ceil(users / spawn_rate)
    finished = subprocess.run(  # nosec B603 - fixed argument list, our own interpreter
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "tooling/bench" / locustfile),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(spawn_rate),
            # An upper bound only: the locustfile starts the statistics again when the last
            # user has signed in and stops the run `seconds` later.
            "-t",
            f"{ramp + seconds + 120}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "5",
        ],
        cwd=ROOT,
        env={**env, "LSCB_LOAD_USERS": str(users), "LSCB_LOAD_SECONDS": str(seconds)},
        check=False,
        capture_output=True,
        timeout=ramp + seconds + 240,
    )
    if not Path(f"{prefix}_stats.csv").exists():
        tail = finished.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"locust wrote no figures (exit {finished.returncode}):\n{tail}")
    with open(f"{prefix}_stats.csv") as f:
        rows = {r["Name"]: r for r in csv.DictReader(f)}
    total = rows["Aggregated"]
    return {
        "users": users,
        "spawn_rate": spawn_rate,
        "ramp_seconds": ramp,
        "measured_seconds": seconds,
        "requests": int(total["Request Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "errors": int(total["Failure Count"]),
        "by_request": {
            name: {"p95_ms": float(r["95%"]), "errors": int(r["Failure Count"])}
            for name, r in rows.items()
            # Sign-ins appear with no requests: the statistics restarted after them.
            if name != "Aggregated" and int(r["Request Count"])
        },
    }
