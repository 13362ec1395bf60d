"""Fill the database with deterministic synthetic boards at national scale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from boards.models import Board
from lscb.vocab import Quarter
from tooling.bench.scale_training import TRAINED_PER_SESSION


class Command(BaseCommand):
    help = "Generate boards with years of workplans, reviews and figures (bulk inserts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--boards", type=int, default=150)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2008)
        parser.add_argument(
            "--until",
            type=int,
            default=None,
            help="Financial year the history ends in (default: the current one).",
        )
        parser.add_argument(
            "--trained-per-session",
            type=int,
            default=TRAINED_PER_SESSION,
            help="People booked on each training session, three sessions a board a year; "
            "a partnership training about 1,500 a year is 500.",
        )

    def handle(
        self,
        *args,
        boards: int,
        years: int,
        seed: int,
        until: int | None,
        trained_per_session: int,
        **opts,
    ):
        from tooling.bench.scale import generate

        if boards < 1 or years < 1 or trained_per_session < 1:
            raise CommandError("--boards, --years and --trained-per-session must be at least 1.")
        if Board.objects.filter(slug__startswith="scale-").exists():
            raise CommandError("Scale boards already exist in this database; use a fresh database.")
        import datetime as dt

        end_year = until or Quarter.containing(dt.date.today()).year
        started = time.perf_counter()
        self.stdout.write(
            f"Generating {boards} boards, {years} years to {end_year}/"
            f"{(end_year + 1) % 100:02d}, seed {seed}"
        )
        counts = generate(
            boards=boards,
            years=years,
            seed=seed,
            until=end_year,
            say=self.stdout.write,
            trained_per_session=trained_per_session,
        )
        # Bulk inserts leave the planner's statistics empty and the tables' visibility maps
        # unset until autovacuum gets round to them: PostgreSQL then plans without
        # statistics, and cannot use index-only scans, so it hash-joins whole tables (the
        # workplan filter's named leads: 1.7 ms against 0.3 ms). VACUUM ANALYZE leaves the
        # data as a live database's autovacuum keeps it.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        elapsed = time.perf_counter() - started
        for key, value in counts.items():
            self.stdout.write(f"  {key:<18} {value:>9,}")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.0f} s."))
