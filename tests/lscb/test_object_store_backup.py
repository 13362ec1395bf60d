"""Backups when files live in an object store: the app copies every stored file out into the
backup's media.tar.gz and back into an empty bucket (or folder), under the same names."""

from __future__ import annotations

import os
import subprocess
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from lscb.stored_files import export_files, import_files

pytestmark = pytest.mark.objectstore

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "evidence/workplans/2026/12/minutes.pdf": b"%PDF-1.4 minutes",
    "evidence/reviews/2026/12/proof.txt": b"the proof",
    "reports/northtown/2026Q2/northtown-safeguarding-report-2026Q2-v1.pdf": b"%PDF-1.4 r",
}


def _fill(storage) -> None:
    for name, data in FILES.items():
        assert storage.save(name, ContentFile(data)) == name


def test_files_go_from_one_bucket_through_an_archive_into_another(object_store, tmp_path):
    _fill(default_storage)
    archive = tmp_path / "media.tar.gz"
    call_command("export_files", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted(FILES)

    second = object_store.new_bucket()
    assert import_files(archive, second.storage()) == len(FILES)
    assert second.contents() == FILES


def test_a_restore_into_a_store_that_holds_files_is_refused_and_changes_nothing(
    object_store, tmp_path
):
    _fill(default_storage)
    archive = tmp_path / "media.tar.gz"
    export_files(archive)
    before = object_store.keys()
    for check in ([], ["--check"]):
        with pytest.raises(CommandError, match="Refusing to restore files"):
            call_command("import_files", str(archive), *check)
    assert object_store.keys() == before


def test_a_media_folder_backup_restores_into_a_bucket(object_store, tmp_path):
    """The archive backup.sh makes of a media folder (tar -C media .) moves files to a bucket."""
    media = tmp_path / "media"
    _fill(FileSystemStorage(location=media))
    archive = tmp_path / "media.tar.gz"
    subprocess.run(["tar", "-C", str(media), "-czf", str(archive), "."], check=True)
    call_command("import_files", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert object_store.contents() == FILES


def test_an_archive_reaching_outside_the_store_is_refused(object_store, tmp_path):
    archive = tmp_path / "media.tar.gz"
    evil = tmp_path / "evil.txt"
    evil.write_bytes(b"x")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(evil, arcname="../outside.txt")
    with pytest.raises(CommandError, match="is not a stored file"):
        call_command("import_files", str(archive))
    assert object_store.keys() == set()


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_scripts_carry_the_bucket_files(object_store, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are for PostgreSQL")
    _fill(default_storage)
    source_env = {
        **os.environ,
        **object_store.environment,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
    }
    backup = tmp_path / "backup"
    subprocess.run(
        ["scripts/backup.sh", str(backup)], cwd=ROOT, env=source_env, check=True,
        capture_output=True,
    )  # fmt: skip
    second = object_store.new_bucket()
    target = f"lscb_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{target}"')
    try:
        target_env = {**os.environ, **second.environment, "DATABASE_URL": _url(target)}
        subprocess.run(
            ["scripts/restore.sh", str(backup)], cwd=ROOT, env=target_env, check=True,
            capture_output=True,
        )  # fmt: skip
        assert second.contents() == FILES
        # Restoring again is refused, before the database is touched, because the
        # bucket now holds files.
        again = subprocess.run(
            ["scripts/restore.sh", str(backup)], cwd=ROOT, env=target_env,
            capture_output=True, text=True,
        )  # fmt: skip
        assert again.returncode != 0 and "Refusing to restore files" in again.stderr
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()
