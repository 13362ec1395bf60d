"""Copy every stored file (evidence, reports) into one .tar.gz: scripts/backup.sh uses it when
the files live in an object store."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from lscb.stored_files import export_files


class Command(BaseCommand):
    help = "Write every stored file, from the media folder or the object store, into a .tar.gz."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="The .tar.gz to write.")

    def handle(self, *args, archive: Path, **options) -> None:
        count = export_files(archive)
        self.stdout.write(f"Wrote {count} stored file(s) to {archive}")
