"""Quarterly report rendering: pages, seconds and ms per page, against an auto-layout baseline.

The baseline renders the same HTML with WeasyPrint's default options and automatic table
layout (our print stylesheet fixes every table's layout and column widths), without PDF/UA
tags and with Python's garbage collector left running as it is by default. Both go through
WeasyPrint's public API, its HTML5 parser and its own user-agent stylesheet. Both fetch their
stylesheets through the same static-only fetcher, so the difference is the render, not the
network. Ours and the baseline are each timed twice: under Python's default collector
thresholds, as in any process, and under the raised generation-0 threshold a render-only
worker runs with (lscb.celery.render_worker_gc), which shows what that deployment buys.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from weasyprint import HTML

from boards.models import Board
from lscb.vocab import RAG, Quarter

AUTO_LAYOUT = (
    "<style>table { table-layout: auto !important; width: auto !important; }"
    " col, th, td { width: auto !important; }</style></head>"
)


def _time_runs(runs: list, repeat: int) -> list[tuple[float, float, int]]:
    """Best wall time, best process CPU time and page count of each of `runs`, over
    `repeat` rounds that alternate them.

    Alternating puts all of them under the same background load (on a shared machine a
    block of ours followed by a block of baseline runs measured the load as much as the
    renderer), and the best run is the one least disturbed by it. CPU time leaves out the
    time other processes hold the cores, so its ratios hold steadier on a busy machine."""
    times: list[list[float]] = [[] for _ in runs]
    cpu: list[list[float]] = [[] for _ in runs]
    pages = [0 for _ in runs]
    for _ in range(repeat):
        for i, fn in enumerate(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            pages[i] = fn()
            times[i].append(time.perf_counter() - start)
            cpu[i].append(time.process_time() - start_cpu)
    return [(min(t), min(c), p) for t, c, p in zip(times, cpu, pages, strict=True)]


@contextmanager
def render_worker_collector() -> Iterator[None]:
    """The collector thresholds of a render-only worker, for the runs inside the block.

    The benchmark is a process of its own; it puts Python's thresholds back afterwards."""
    from lscb.celery import RENDER_WORKER_GC_THRESHOLD

    before = gc.get_threshold()
    gc.set_threshold(RENDER_WORKER_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def measure(board: Board, quarter: Quarter, *, label: str, repeat: int = 5) -> dict:
    from reporting.pdf import StaticOnlyFetcher, base_url, render_pdf
    from reporting.report import report_html

    html = report_html(board, quarter)

    def ours() -> int:
        return render_pdf(html).page_count

    baseline_html = html.replace("</head>", AUTO_LAYOUT, 1)

    def baseline() -> int:
        document = HTML(
            string=baseline_html, base_url=base_url(), url_fetcher=StaticOnlyFetcher()
        ).render()
        document.write_pdf()
        return len(document.pages)

    def ours_render_worker() -> int:
        with render_worker_collector():
            return ours()

    def baseline_render_worker() -> int:
        with render_worker_collector():
            return baseline()

    runs = _time_runs([ours, ours_render_worker, baseline, baseline_render_worker], repeat)
    (seconds, cpu, pages), (rw_seconds, rw_cpu, rw_pages) = runs[:2]
    (base_seconds, base_cpu, base_pages), (brw_s, brw_cpu, brw_pages) = runs[2:]
    ms_page = seconds * 1000 / max(pages, 1)
    rw_ms_page = rw_seconds * 1000 / max(rw_pages, 1)
    base_ms_page = base_seconds * 1000 / max(base_pages, 1)
    brw_ms_page = brw_s * 1000 / max(brw_pages, 1)
    return {
        "report": label,
        "pages": pages,
        "seconds": round(seconds, 3),
        "ms_per_page": round(ms_page, 1),
        "render_worker_ms_per_page": round(rw_ms_page, 1),
        "baseline_pages": base_pages,
        "baseline_seconds": round(base_seconds, 3),
        "baseline_ms_per_page": round(base_ms_page, 1),
        "speedup_per_page": round(base_ms_page / ms_page, 2) if ms_page else None,
        # The same two renders in process CPU time.
        "cpu_ms_per_page": round(cpu * 1000 / max(pages, 1), 1),
        "baseline_cpu_ms_per_page": round(base_cpu * 1000 / max(base_pages, 1), 1),
        "cpu_speedup_per_page": round(base_cpu * pages / (cpu * base_pages), 2) if cpu else None,
        "baseline_render_worker_ms_per_page": round(brw_ms_page, 1),
        "speedup_in_render_worker": round(brw_ms_page / rw_ms_page, 2) if rw_ms_page else None,
        # The product as deployed (renders on the render queue's worker) against
        # WeasyPrint's defaults in an ordinary process.
        "speedup_as_deployed": round(base_ms_page / rw_ms_page, 2) if rw_ms_page else None,
        "render_worker_cpu_ms_per_page": round(rw_cpu * 1000 / max(rw_pages, 1), 1),
        "baseline_render_worker_cpu_ms_per_page": round(brw_cpu * 1000 / max(brw_pages, 1), 1),
        "cpu_speedup_as_deployed": (
            round(base_cpu * rw_pages / (rw_cpu * base_pages), 2) if rw_cpu else None
        ),
    }


def measure_large_workplan(
    board: Board, quarter: Quarter, outcomes: int = 200, *, repeat: int = 5
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
        result = measure(board, quarter, label=f"{outcomes}-outcome workplan", repeat=repeat)
        transaction.set_rollback(True)
    return result
