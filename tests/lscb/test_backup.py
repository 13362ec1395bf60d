"""Backup and restore: every row and every stored file comes back in a fresh database."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backup and restore are for PostgreSQL"
)


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(conn) -> dict[str, int]:
    counts = {}
    with conn.cursor() as cur:
        for model in apps.get_models():
            table = model._meta.db_table
            cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - our own table names
            counts[table] = cur.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_fresh_database_finds_every_record_and_file(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    stored = default_storage.save("evidence/test/minutes.txt", ContentFile(b"board minutes"))
    source = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": _url(source), "MEDIA_ROOT": settings.MEDIA_ROOT}
    subprocess.run(
        ["scripts/backup.sh", str(tmp_path / "backup")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )

    target = f"lscb_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": _url(target), "MEDIA_ROOT": str(restored_media)}
        subprocess.run(
            ["scripts/restore.sh", str(tmp_path / "backup")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        # Restoring twice is refused rather than doubling the data.
        again = subprocess.run(
            ["scripts/restore.sh", str(tmp_path / "backup")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and "Refusing to restore" in again.stderr

        restored = psycopg2.connect(_url(target))
        try:
            restored_counts = _counts(restored)
        finally:
            restored.close()
        assert restored_counts == _counts(connection.connection)
        assert restored_counts["boards_membership"] > 0
        assert (restored_media / stored).read_bytes() == b"board minutes"
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.close()
