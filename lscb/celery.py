"""The Celery application; configuration comes from Django settings (CELERY_*)."""

import gc
import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import celeryd_init, worker_process_init
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")

app = Celery("lscb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# PDF renders have a queue of their own, so a deployment can give them a worker tuned for
# them (see render_worker_gc below and the render-worker service in docker-compose.yml).
# Both queues are declared, and a worker started without -Q consumes every declared queue:
# `make worker` and the compose `worker` service keep taking renders as well as the rest.
RENDER_QUEUE = "renders"
RENDER_TASK = "reporting.tasks.render_quarterly_report"
# Every task that lays out a PDF: the quarterly report, the yearly report, and agenda packs
# and minutes.
RENDER_TASKS = (
    RENDER_TASK,
    "reporting.tasks.render_yearly_report",
    "reporting.tasks.render_meeting_pack",
)
app.conf.task_queues = [
    Queue(name, Exchange(name), routing_key=name)
    for name in (app.conf.task_default_queue, RENDER_QUEUE)
]
app.conf.task_routes = {name: {"queue": RENDER_QUEUE} for name in RENDER_TASKS}

# A render leaves some 110,000 objects in reference cycles (the demo's 16 pages), most of them
# alive until the PDF is written. At Python's default generation-0 threshold (700) they set
# off hundreds of collections, full ones among them walking the whole heap, Django included:
# 12-15% of each render, one report after another (docs/performance.md). A worker
# that only renders raises the threshold instead; the collector still runs, less often.
# Any other worker keeps Python's defaults unless RENDER_WORKER_GC_THRESHOLD is set in its
# environment.
RENDER_WORKER_GC_THRESHOLD = 50_000
_worker_queues: list[str] | None = None


def render_worker_gc_threshold() -> int | None:
    """The generation-0 threshold for this worker's processes, or None to leave Python's."""
    configured = os.environ.get("RENDER_WORKER_GC_THRESHOLD", "").strip()
    if configured:
        return int(configured)
    if _worker_queues == [RENDER_QUEUE]:
        return RENDER_WORKER_GC_THRESHOLD
    return None


@celeryd_init.connect
def _remember_worker_queues(options=None, **kwargs) -> None:
    """The queues given with -Q, read in the main worker process before it forks its pool."""
    global _worker_queues
    queues = (options or {}).get("queues")
    if isinstance(queues, str):
        queues = [q for q in queues.split(",") if q]
    _worker_queues = sorted(set(queues)) if queues else None


@worker_process_init.connect
def render_worker_gc(**kwargs) -> None:
    threshold = render_worker_gc_threshold()
    if threshold:
        _, gen1, gen2 = gc.get_threshold()
        gc.set_threshold(threshold, gen1, gen2)


app.conf.beat_schedule = {
    # Early on the 5th of the month after each financial quarter ends, once the month-end
    # figures are in: one report per board for the quarter just ended.
    "quarterly-reports": {
        "task": "reporting.tasks.queue_quarterly_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=5, month_of_year="1,4,7,10"),
    },
    # Reports whose message was lost (broker down at request time) or whose render's lease
    # lapsed (its worker died) are sent again. A starting worker does the same at once
    # (reporting.tasks.resume_abandoned_renders); this catches a worker that never returns.
    # Early every Monday: each person's digest of what is waiting for them (weekly, or on
    # the first Monday of the month for those who chose monthly).
    "weekly-digests": {
        "task": "reminders.tasks.send_digests",
        "schedule": crontab(minute=30, hour=6, day_of_week=1),
    },
    # Every morning: attendees whose session was six to eight weeks ago are sent the link
    # to their practice follow-up, once each.
    "training-follow-ups": {
        "task": "training.tasks.send_due_follow_ups",
        "schedule": crontab(minute=0, hour=7),
    },
    "requeue-stuck-reports": {
        "task": "reporting.tasks.requeue_stuck_reports",
        "schedule": crontab(minute="*/5"),
    },
    # The same for agenda packs.
    "requeue-stuck-packs": {
        "task": "reporting.tasks.requeue_stuck_packs",
        "schedule": crontab(minute="*/5"),
    },
}
