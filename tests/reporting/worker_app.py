"""The Celery app the worker tests start: the project's own app plus two test hooks.

tests.settings makes tasks eager for unit tests; inside a real worker that would turn a
task's retry (or a render the worker resends when it starts) into an in-process call, so the
main process and each child send through the broker instead.

REPORTING_TEST_QUEUE routes renders to the test's own queue, so that renders this worker
sends itself (retries, and those it resumes when it starts) come back to it.

When REPORTING_TEST_SLOW_MARKER names a file that does not exist yet, the first render in
this worker writes its process id there and sleeps, so a test can kill it mid-render. Later
renders (the marker exists) run normally. Nothing here is loaded outside the worker tests.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import worker_init, worker_process_init

from lscb.celery import RENDER_TASKS, app

__all__ = ["app"]

if os.environ.get("REPORTING_TEST_QUEUE"):
    app.conf.task_routes = {
        name: {"queue": os.environ["REPORTING_TEST_QUEUE"]} for name in RENDER_TASKS
    }


@worker_init.connect
def _send_through_the_broker(**kwargs) -> None:
    app.conf.task_always_eager = False


@worker_process_init.connect
def _install_slow_first_render(**kwargs) -> None:
    app.conf.task_always_eager = False
    marker = os.environ.get("REPORTING_TEST_SLOW_MARKER")
    if not marker:
        return
    from reporting import pdf

    real = pdf.render_pdf

    def slow_first(html, **kw):
        path = Path(marker)
        if not path.exists():
            path.write_text(str(os.getpid()))
            time.sleep(60)
        return real(html, **kw)

    pdf.render_pdf = slow_first
