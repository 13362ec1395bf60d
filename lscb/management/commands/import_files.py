"""Put the files of a backup's .tar.gz back into an empty storage: scripts/restore.sh uses it
when the files live in an object store."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lscb.stored_files import StoredFilesError, check_import, import_files


class Command(BaseCommand):
    help = "Store every file of a backup's .tar.gz under its own name; the storage must be empty."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="The media.tar.gz of a backup.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check that the storage is empty and the archive is a backup.",
        )

    def handle(self, *args, archive: Path, check: bool, **options) -> None:
        try:
            count = check_import(archive) if check else import_files(archive)
        except StoredFilesError as exc:
            raise CommandError(str(exc)) from exc
        done = "can be restored" if check else "restored"
        self.stdout.write(f"{count} stored file(s) {done} from {archive}")
