"""Build the demo: the Hartlepool board's 2008/09 history, its current year, and one login per
kind of access.

The current year is written relative to the day of loading (`--today` loads it as of another
day). Safe to run again: each app's loader finds what it made last time instead of adding twice.
"""

from __future__ import annotations

import datetime as dt
import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_APPS = ["boards", "workplans", "reviews", "training", "voice", "reporting"]


class Command(BaseCommand):
    help = "Load the demo board, its people and its records (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Load the current year as if today were this date (YYYY-MM-DD).",
        )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            context: dict = {"today": options["today"] or dt.date.today()}
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(context)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"Sign in at {settings.SITE_URL.rstrip('/')}/ with any of these (password: "
            f"{context.get('password', 'demo')}):"
        )
        for username, what in context.get("logins", []):
            self.stdout.write(f"  {username:<10} {what}")
        if not settings.DEBUG:
            self.stdout.write("(These passwords are for the demo only.)")
