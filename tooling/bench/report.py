"""Quarterly report rendering: pages, seconds and ms per page, against an auto-layout baseline.

The baseline renders the same HTML with WeasyPrint's default options and automatic table
layout (our print stylesheet fixes every table's layout and column widths), without PDF/UA
tags, with a new font configuration each time and with Python's garbage collector left as it
is by default. Both go through WeasyPrint's public API, its HTML5 parser and its own
user-agent stylesheet, and fetch their stylesheets through the same static-only fetcher, so
the difference is the render, not the network. Ours and the baseline are each timed twice:
under Python's default collector thresholds, as in any process, and under the raised
generation-0 threshold a render-only worker runs with (lscb.celery.render_worker_gc).

Every side is timed in a fresh process of its own, rendering one report after another
(tooling.bench.render_process): sides timed in one process made each other's garbage.
Rounds alternate the sides, so all of them meet the same background load; the best round of
each side counts, in wall and in CPU time.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.db import transaction

from boards.models import Board
from lscb.vocab import RAG, Quarter
from tooling.bench.render_process import BASELINE, OURS, Side, Timing, render_repeatedly

AUTO_LAYOUT = (
    "<style>table { table-layout: auto !important; width: auto !important; }"
    " col, th, td { width: auto !important; }</style></head>"
)

SIDES = {
    "ours": Side(OURS, render_worker=False),
    "ours_render_worker": Side(OURS, render_worker=True),
    "baseline": Side(BASELINE, render_worker=False),
    "baseline_render_worker": Side(BASELINE, render_worker=True),
}


def time_sides(html: str, baseline_html: str, rounds: int, renders: int) -> dict[str, Timing]:
    """The best of `rounds` processes for each side (wall and CPU time apart), each process
    timing `renders` renders after one untimed one. One process at a time, so the sides
    never share the cores."""
    timings: dict[str, list[Timing]] = {name: [] for name in SIDES}
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn, max_tasks_per_child=1) as pool:
        for _ in range(rounds):
            for name, side in SIDES.items():
                source = html if side.renderer == OURS else baseline_html
                job = pool.submit(
                    render_repeatedly, settings.SETTINGS_MODULE, side, source, renders
                )
                timings[name].append(job.result())
    return {
        name: Timing(
            wall=min(t.wall for t in runs),
            cpu=min(t.cpu for t in runs),
            pages=runs[-1].pages,
            process=runs[-1].process,
        )
        for name, runs in timings.items()
    }


def _per_page(seconds: float, pages: int) -> float:
    return seconds * 1000 / max(pages, 1)


def _ratio(slow: float, fast: float) -> float | None:
    return round(slow / fast, 2) if fast else None


def measure(
    board: Board, quarter: Quarter, *, label: str, repeat: int = 3, renders: int = 4
) -> dict:
    from reporting.report import report_html

    html = report_html(board, quarter)
    best = time_sides(html, html.replace("</head>", AUTO_LAYOUT, 1), repeat, renders)
    ours, worker = best["ours"], best["ours_render_worker"]
    base, base_worker = best["baseline"], best["baseline_render_worker"]
    ms = {name: _per_page(t.wall, t.pages) for name, t in best.items()}
    cpu = {name: _per_page(t.cpu, t.pages) for name, t in best.items()}
    return {
        "report": label,
        "pages": ours.pages,
        "seconds": round(ours.wall, 3),
        "ms_per_page": round(ms["ours"], 1),
        "render_worker_ms_per_page": round(ms["ours_render_worker"], 1),
        "baseline_pages": base.pages,
        "baseline_seconds": round(base.wall, 3),
        "baseline_ms_per_page": round(ms["baseline"], 1),
        "speedup_per_page": _ratio(ms["baseline"], ms["ours"]),
        # The same renders in process CPU time.
        "cpu_ms_per_page": round(cpu["ours"], 1),
        "baseline_cpu_ms_per_page": round(cpu["baseline"], 1),
        "cpu_speedup_per_page": _ratio(cpu["baseline"], cpu["ours"]),
        "baseline_render_worker_ms_per_page": round(ms["baseline_render_worker"], 1),
        "speedup_in_render_worker": _ratio(ms["baseline_render_worker"], ms["ours_render_worker"]),
        # The product as deployed (renders on the render queue's worker) against
        # WeasyPrint's defaults in an ordinary process.
        "speedup_as_deployed": _ratio(ms["baseline"], ms["ours_render_worker"]),
        "render_worker_cpu_ms_per_page": round(cpu["ours_render_worker"], 1),
        "baseline_render_worker_cpu_ms_per_page": round(cpu["baseline_render_worker"], 1),
        "cpu_speedup_as_deployed": _ratio(cpu["baseline"], cpu["ours_render_worker"]),
        "renders_per_process": renders,
        "worker_pages": worker.pages,
        "baseline_worker_pages": base_worker.pages,
    }


def measure_large_workplan(
    board: Board, quarter: Quarter, outcomes: int = 200, *, repeat: int = 3, renders: int = 4
) -> dict:
    """The same board's report with its workplan grown to `outcomes` outcomes, rolled back."""
    from workplans.models import Outcome, ProgressUpdate, Workplan

    workplan = (
        Workplan.objects.filter(board=board, start__lte=quarter.end, end__gte=quarter.end)
        .order_by("-start")
        .first()
    )
    if workplan is None:
        return {"report": f"{outcomes}-outcome workplan", "skipped": "no workplan"}
    with transaction.atomic():
        have = workplan.outcomes.count()
        author = (
            workplan.outcomes.exclude(current_update=None)
            .values_list("current_update__author", flat=True)
            .first()
        )
        new = Outcome.objects.bulk_create(
            [
                Outcome(
                    workplan=workplan,
                    order=have + i + 1,
                    title=f"Additional outcome {i + 1}: strengthen multi-agency practice in "
                    "one more area the board has chosen to watch this year",
                    how="Audit a sample of cases each quarter and report the findings to the "
                    "Quality and Performance subgroup, with actions for each agency.",
                    who="Quality and Performance subgroup",
                    current_rag=RAG.ON_TRACK,
                    current_narrative="Audit completed on time.",
                    last_update_date=quarter.end - dt.timedelta(days=10),
                )
                for i in range(max(outcomes - have, 0))
            ]
        )
        if author is not None:
            ProgressUpdate.objects.bulk_create(
                [
                    ProgressUpdate(
                        outcome=o,
                        date=o.last_update_date,
                        quarter=quarter.code,
                        rag=RAG.ON_TRACK,
                        narrative=o.current_narrative,
                        author_id=author,
                    )
                    for o in new
                ]
            )
        result = measure(
            board,
            quarter,
            label=f"{outcomes}-outcome workplan",
            repeat=repeat,
            renders=renders,
        )
        transaction.set_rollback(True)
    return result
