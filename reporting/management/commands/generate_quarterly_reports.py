"""Queue the quarterly report for every board (or one) from the command line."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from boards.models import Board
from lscb.vocab import Quarter, plural
from reporting import services
from reporting.models import QuarterlyReport, ReportStatus, Trigger


class Command(BaseCommand):
    help = "Queue the quarterly safeguarding report (a new version) for each board or one board."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quarter", required=True, help="Financial-year quarter, e.g. 2008Q3.")
        parser.add_argument("--board", help="Slug of one board; all boards if left out.")
        parser.add_argument("--wait", action="store_true", help="Wait and print each PDF's path.")
        parser.add_argument("--timeout", type=int, default=600, help="Seconds to wait (--wait).")

    def handle(self, *args, **options) -> None:
        try:
            quarter = Quarter.parse(options["quarter"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        boards = Board.objects.order_by("name")
        if options["board"]:
            boards = boards.filter(slug=options["board"])
            if not boards.exists():
                raise CommandError(f"There is no board with the slug {options['board']!r}.")
        reports = [
            services.report_request(board=b, quarter=quarter, by=None, trigger=Trigger.COMMAND)
            for b in boards
        ]
        for r in reports:
            self.stdout.write(f"Queued {r.board.slug} {quarter.code} version {r.version}")
        if not options["wait"]:
            return
        failed = self._wait([r.pk for r in reports], options["timeout"])
        if failed:
            raise CommandError(f"{failed} report(s) did not finish.")

    def _wait(self, ids: list[int], timeout: int) -> int:
        deadline = time.monotonic() + timeout
        pending = set(ids)
        failed = 0
        while pending:
            done = QuarterlyReport.objects.filter(
                pk__in=pending, status__in=[ReportStatus.READY, ReportStatus.FAILED]
            ).select_related("board")
            for report in done:
                pending.discard(report.pk)
                label = f"{report.board.slug} {report.quarter} version {report.version}"
                if report.status == ReportStatus.READY:
                    try:
                        where = report.pdf.path
                    except NotImplementedError:  # an object store has names, not paths
                        where = report.pdf.name
                    pages = plural(report.page_count, "page")
                    self.stdout.write(f"{label}: {where} ({pages}, {report.size} bytes)")
                else:
                    failed += 1
                    self.stderr.write(f"{label} failed: {report.error}")
            if pending and time.monotonic() > deadline:
                self.stderr.write(f"Gave up waiting for {len(pending)} report(s).")
                return failed + len(pending)
            if pending:
                time.sleep(1)
        return failed
