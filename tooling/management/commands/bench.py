"""Measure the app: pages at demo size and national scale, report rendering, quarter-end
batch and a load test. Documented in docs/performance.md; not part of the test run."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from boards.models import Board
from lscb.vocab import Quarter
from tooling.bench import batch, load, pages, preflight, report
from tooling.bench.scale import SCALE_PASSWORD


def machine() -> dict:
    """What the numbers were measured on: they mean little without it."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    from django.db import connection
    from weasyprint import __version__ as weasyprint_version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "python_executable": sys.executable,
        "database": connection.vendor,
        "weasyprint": weasyprint_version,
    }


PARTS = ("pages", "report", "batch", "load")


class Command(BaseCommand):
    help = "Benchmark pages, the quarterly report, the quarter-end batch and a load test."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="Print JSON only.")
        parser.add_argument(
            "--requests",
            type=int,
            default=100,
            help="Timed requests per page and way; p95 of 30 is nearly the slowest one.",
        )
        parser.add_argument("--demo-board", default="hartlepool")
        parser.add_argument("--demo-quarter", default="2008Q3")
        parser.add_argument(
            "--report-rounds",
            type=int,
            default=3,
            help="Rounds of the report comparison: each side renders in a fresh process "
            "once a round; the best round of each side counts.",
        )
        parser.add_argument(
            "--report-renders",
            type=int,
            default=4,
            help="Timed renders in each process, one after another, after one untimed.",
        )
        parser.add_argument("--skip", nargs="*", default=[], choices=PARTS)
        parser.add_argument("--batch-boards", type=int, default=150)
        parser.add_argument("--load-users", type=int, default=50)
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument(
            "--public-users",
            type=int,
            default=16,
            help="Anonymous visitors reading a cached public board page with no pause, after "
            "the load test (0 to skip).",
        )
        parser.add_argument(
            "--load-boards",
            type=int,
            default=10,
            help="Scale boards the simulated users are dealt out over (one board without them).",
        )
        parser.add_argument(
            "--load-spawn-rate",
            type=float,
            default=2.0,
            help="Users signing in per second while the test ramps up.",
        )
        parser.add_argument(
            "--load-steps",
            type=int,
            nargs="*",
            default=[],
            help="Capacity: steady-state runs at these numbers of users, in turn, until p95 "
            "goes over 100 ms; reports the highest request rate sustained within it.",
        )
        parser.add_argument(
            "--batch-workers",
            type=int,
            nargs="+",
            default=[1, 2],
            help="Worker counts to run the quarter-end batch with, in turn.",
        )

    def handle(self, *args, **o) -> None:
        problems = preflight.missing(set(PARTS) - set(o["skip"]))
        if problems:
            raise CommandError("Nothing measured yet:\n  " + "\n  ".join(problems))
        demo = Board.objects.filter(slug=o["demo_board"]).first()
        if demo is None:
            raise CommandError(f"No board {o['demo_board']!r}: run `manage.py loaddemo` first.")
        scale = (
            Board.objects.filter(slug__startswith="scale-")
            .annotate(n=Count("workplans__outcomes"))
            .order_by("-n", "slug")
            .first()
        )
        self.quiet = o["json"]
        out: dict = {
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "boards": Board.objects.count(),
            "machine": machine(),
        }
        self._say(f"Machine: {json.dumps(out['machine'])}\n")
        workdir = Path(tempfile.mkdtemp(prefix="lscb-bench-"))
        self.results = workdir / "results.json"
        self._say(f"Figures are saved as they are measured, in {self.results}")
        if "pages" not in o["skip"]:
            with self._guard(out, "pages"):
                out["pages"] = self._pages(
                    demo, scale, o["requests"], Quarter.parse(o["demo_quarter"])
                )
        if "report" not in o["skip"]:
            with self._guard(out, "report"):
                quarter = Quarter.parse(o["demo_quarter"])
                self._say("\nQuarterly report")
                out["report"] = [
                    report.measure(
                        demo,
                        quarter,
                        label="demo report",
                        repeat=o["report_rounds"],
                        renders=o["report_renders"],
                    ),
                    report.measure_large_workplan(
                        demo, quarter, repeat=o["report_rounds"], renders=o["report_renders"]
                    ),
                ]
                for row in out["report"]:
                    self._say(f"  {row}")
        if "batch" not in o["skip"]:
            with self._guard(out, "batch"):
                out["batch"] = self._batch(o["batch_boards"], o["batch_workers"], workdir)
        if "load" not in o["skip"]:
            with self._guard(out, "load"):
                targets = list(
                    Board.objects.filter(slug__startswith="scale-").order_by("slug")[
                        : o["load_boards"]
                    ]
                ) or [demo]
                password = SCALE_PASSWORD if scale else "demo"
                self._say(
                    f"\nLoad test: {o['load_users']} users for {o['load_seconds']} s over "
                    f"{len(targets)} board(s) ({targets[0].slug}…), "
                    f"{o['load_spawn_rate']} sign-ins a second while ramping up (not measured)"
                )
                out["load"] = load.run(
                    boards=targets,
                    password=password,
                    users=o["load_users"],
                    seconds=o["load_seconds"],
                    spawn_rate=o["load_spawn_rate"],
                    out_dir=workdir / "load",
                )
                self._say(
                    f"  {json.dumps({k: v for k, v in out['load'].items() if k != 'by_request'})}"
                )
                if o["load_steps"]:
                    self._say(f"\nCapacity: steady state at {o['load_steps']} users")
                    out["capacity"] = load.run_steps(
                        boards=targets,
                        password=password,
                        steps=o["load_steps"],
                        seconds=o["load_seconds"],
                        spawn_rate=o["load_spawn_rate"],
                        out_dir=workdir / "capacity",
                    )
                    self._say(f"  {json.dumps(out['capacity'])}")
                if o["public_users"]:
                    self._say(
                        f"\nPublic page: {o['public_users']} anonymous visitors with no pause "
                        f"for {o['load_seconds']} s"
                    )
                    out["public"] = load.run_public(
                        boards=targets,
                        users=o["public_users"],
                        seconds=o["load_seconds"],
                        out_dir=workdir / "public",
                    )
                    self._say(f"  {json.dumps(out['public'])}")
        if o["json"]:
            self.stdout.write(json.dumps(out, indent=2))
        failed = [part for part in PARTS if part in out.get("failed", {})]
        if failed:
            raise CommandError(
                f"{', '.join(failed)} failed (see above); every other figure is in {self.results}"
            )

    @contextlib.contextmanager
    def _guard(self, out: dict, part: str):
        """A failing part is reported and the next part still runs, and the figures are
        written after every part, so nothing measured before a failure is lost."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - reported, and the run goes on
            out.setdefault("failed", {})[part] = f"{type(exc).__name__}: {exc}"
            self.stderr.write(f"\n{part} failed: {type(exc).__name__}: {exc}")
        finally:
            self.results.write_text(json.dumps(out, indent=2))

    def _say(self, text: str) -> None:
        if not self.quiet:
            self.stdout.write(text)

    def _pages(self, demo: Board, scale: Board | None, requests: int, quarter: Quarter) -> dict:
        self._say(f"Pages ({requests} requests each, signed in as an officer)")
        pages.ensure_ready_report(demo, quarter)
        if scale:
            pages.ensure_ready_report(scale, Quarter.containing(dt.date.today()).previous())
        demo_rows = {r.page: r for r in pages.measure_board(demo, requests=requests)}
        scale_rows = (
            {r.page: r for r in pages.measure_board(scale, requests=requests)} if scale else {}
        )
        self._say(
            "  Warm: cached parts present (every view but the first after a write). "
            "Cold: every cached part rendered afresh. After update: the first view after "
            "workplan progress is recorded. After a write: the first view after a write to "
            "each area in turn: the slowest area by median over the floor's, its p95. "
            "x floor: over the floor's, timed alternately with the page's requests."
        )
        self._say(
            f"  {'page':<16}{'queries demo/scale':>20}{'p50 demo':>10}{'p95 demo':>10}"
            f"{'p50 scale':>11}{'p95 scale':>11}{'scale/demo':>12}{'x floor':>9}"
            f"{'cold queries':>15}{'cold p95 demo':>15}{'cold p95 scale':>16}{'cold x floor':>14}"
            f"{'after update p95 scale':>24}{'x floor':>9}"
            f"{'after a write p95 scale':>25}{'x floor':>9}{'area':>11}"
            f"{'cpu x floor':>13}{'cold':>6}"
        )
        table = []
        for name, d in demo_rows.items():
            s = scale_rows.get(name)
            m = s or d  # measured on the scale board where there is one
            row = {
                "page": name,
                "queries_demo": d.queries,
                "queries_scale": s.queries if s else None,
                "p50_ms_demo": d.p50_ms,
                "p95_ms_demo": d.p95_ms,
                "p50_ms_scale": s.p50_ms if s else None,
                "p95_ms_scale": s.p95_ms if s else None,
                "scale_over_demo_p95": round(s.p95_ms / d.p95_ms, 2) if s and d.p95_ms else None,
                "floor_p95_ms": m.floor_p95_ms,
                "p95_over_floor": _over(m.p95_ms, m.floor_p95_ms),
                "p50_over_floor": _over(m.p50_ms, m.floor_p50_ms),
                "cold_queries_demo": d.cold_queries,
                "cold_queries_scale": s.cold_queries if s else None,
                "cold_p50_ms_demo": d.cold_p50_ms,
                "cold_p95_ms_demo": d.cold_p95_ms,
                "cold_p50_ms_scale": s.cold_p50_ms if s else None,
                "cold_p95_ms_scale": s.cold_p95_ms if s else None,
                "cold_floor_p95_ms": m.cold_floor_p95_ms,
                "cold_p95_over_floor": _over(m.cold_p95_ms, m.cold_floor_p95_ms),
                "cold_p50_over_floor": _over(m.cold_p50_ms, m.cold_floor_p50_ms),
                "after_update_p50_ms_scale": m.after_update_p50_ms,
                "after_update_p95_ms_scale": m.after_update_p95_ms,
                "after_update_p95_over_floor": _over(
                    m.after_update_p95_ms, m.after_update_floor_p95_ms
                ),
                "after_write_p50_ms_scale": m.after_write_p50_ms,
                "after_write_p95_ms_scale": m.after_write_p95_ms,
                "after_write_floor_p95_ms": m.after_write_floor_p95_ms,
                "after_write_p95_over_floor": _over(
                    m.after_write_p95_ms, m.after_write_floor_p95_ms
                ),
                "after_write_p50_over_floor": _over(
                    m.after_write_p50_ms, m.after_write_floor_p50_ms
                ),
                "after_write_area": m.after_write_area,
                # Process CPU per request (median), as a multiple of the floor's: the
                # steadiest ratio when other work shares the machine.
                "cpu_p50_ms_scale": m.cpu_p50_ms,
                "cpu_p50_over_floor": _over(m.cpu_p50_ms, m.floor_cpu_p50_ms),
                "cold_cpu_p50_over_floor": _over(m.cold_cpu_p50_ms, m.cold_floor_cpu_p50_ms),
            }
            table.append(row)
            self._say(
                f"  {name:<16}{d.queries:>9} / {str(row['queries_scale']):<8}"
                f"{d.p50_ms:>10}{d.p95_ms:>10}{str(row['p50_ms_scale']):>11}"
                f"{str(row['p95_ms_scale']):>11}{str(row['scale_over_demo_p95']):>12}"
                f"{row['p95_over_floor']:>9}"
                f"{d.cold_queries:>7} / {str(row['cold_queries_scale']):<5}"
                f"{d.cold_p95_ms:>15}{str(row['cold_p95_ms_scale']):>16}"
                f"{row['cold_p95_over_floor']:>14}"
                f"{row['after_update_p95_ms_scale']:>24}{row['after_update_p95_over_floor']:>9}"
                f"{row['after_write_p95_ms_scale']:>25}{row['after_write_p95_over_floor']:>9}"
                f"{row['after_write_area']:>11}"
                f"{row['cpu_p50_over_floor']:>13}{row['cold_cpu_p50_over_floor']:>6}"
            )
        return {
            "demo_board": demo.slug,
            "scale_board": scale.slug if scale else None,
            "rows": table,
        }

    def _batch(self, count: int, worker_counts: list[int], workdir: Path) -> list[dict]:
        boards = list(Board.objects.filter(slug__startswith="scale-").order_by("slug")[:count])
        if not boards:
            boards = [Board.objects.get(slug="hartlepool")]
        quarter = Quarter.containing(dt.date.today()).previous()
        results = []
        for workers in worker_counts:
            self._say(
                f"\nQuarter-end batch: {len(boards)} reports for {quarter.code}, "
                f"{workers} worker(s)"
            )
            result = batch.run(
                workers=workers, boards=boards, quarter=quarter, log_dir=workdir / f"batch{workers}"
            )
            self._say(f"  {result}")
            results.append(result)
        return results


def _over(value: float, floor: float) -> float:
    """`value` as a multiple of the floor measured beside it."""
    return round(value / (floor or 0.001), 1)
