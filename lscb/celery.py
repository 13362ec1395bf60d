"""The Celery application; configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")

app = Celery("lscb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Early on the 5th of the month after each financial quarter ends, once the month-end
    # figures are in: one report per board for the quarter just ended.
    "quarterly-reports": {
        "task": "reporting.tasks.queue_quarterly_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=5, month_of_year="1,4,7,10"),
    },
    # Reports whose message was lost (broker down at request time, worker killed past the
    # hard limit) are sent again.
    "requeue-stuck-reports": {
        "task": "reporting.tasks.requeue_stuck_reports",
        "schedule": crontab(minute="*/15"),
    },
}
