"""One side of the report comparison, rendered again and again in a process of its own.

Each side runs in a fresh interpreter so that no side pays for another's garbage. In one
process, a render whose collector was held back (the render worker's thresholds) leaves
about a hundred thousand objects of cyclic garbage, and the next render under Python's
default thresholds spends its own time collecting them: measured that way, the baseline
looked half as slow again as it is. A process of its own also shows each side as a worker
runs it: one render after another, each paying for the garbage of the one before.

This module imports nothing of the project at the top: a spawned process imports it before
Django is set up.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

OURS = "ours"
BASELINE = "baseline"


@dataclass(frozen=True)
class Side:
    """What a process renders: our renderer or WeasyPrint's defaults, under Python's
    collector or the render worker's."""

    renderer: str  # OURS or BASELINE
    render_worker: bool


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds per render, the mean of the process's timed renders
    cpu: float
    pages: int
    process: int  # the process id, so a test can see each side had its own


def render_repeatedly(settings_module: str, side: Side, html: str, renders: int) -> Timing:
    """Set Django up, render `html` once untimed (imports, fonts), then `renders` times."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    from weasyprint import HTML

    from lscb.celery import RENDER_WORKER_GC_THRESHOLD, render_worker_gc
    from reporting.pdf import StaticOnlyFetcher, base_url, render_pdf

    if side.render_worker:
        # The hook a render-only worker's processes run at start, as deployed.
        os.environ.setdefault("RENDER_WORKER_GC_THRESHOLD", str(RENDER_WORKER_GC_THRESHOLD))
        render_worker_gc()

    def ours() -> int:
        return render_pdf(html).page_count

    def baseline() -> int:
        # WeasyPrint's defaults: no font configuration kept, no tags, no finisher.
        document = HTML(string=html, base_url=base_url(), url_fetcher=StaticOnlyFetcher()).render()
        document.write_pdf()
        return len(document.pages)

    render = ours if side.renderer == OURS else baseline
    pages = render()
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(renders):
        pages = render()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return Timing(wall=wall / renders, cpu=cpu / renders, pages=pages, process=os.getpid())
