"""Backup and restore: every row and every stored file comes back in a fresh database; a
backup is readable only by its owner; a restore never mixes files into a used folder.

The round trip needs PostgreSQL. The file modes and the refusals are checked everywhere,
with small stand-ins for pg_dump, psql and pg_restore on the PATH.
"""

import os
import stat
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

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backup and restore are for PostgreSQL"
)
OWNER_ONLY = {"lscb.dump": 0o600, "media.tar.gz": 0o600, "SHA256SUMS": 0o600}


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


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


@postgres_only
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
    assert stat.S_IMODE((tmp_path / "backup").stat().st_mode) == 0o700
    assert _modes(tmp_path / "backup") == OWNER_ONLY

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
        # Restoring twice is refused rather than doubling the data: for the files...
        again = subprocess.run(
            ["scripts/restore.sh", str(tmp_path / "backup")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and "media folder" in again.stderr
        # ...and for the database, even into an empty media folder.
        env["MEDIA_ROOT"] = str(tmp_path / "empty-media")
        again = subprocess.run(
            ["scripts/restore.sh", str(tmp_path / "backup")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and "already has" in again.stderr

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


# --- without PostgreSQL: stand-ins for its tools ------------------------------------------

STAND_INS = {
    # Writes its --file as pg_dump does, through the shell, so under the caller's umask.
    "pg_dump": 'while [ $# -gt 0 ]; do [ "$1" = --file ] && out=$2; shift; done\n'
    'echo dump > "$out"',
    # An empty database; every call is recorded, to show what a refusal did not reach.
    "psql": 'echo psql >> "$CALLS"; echo 0',
    "pg_restore": 'echo pg_restore >> "$CALLS"',
}


@pytest.fixture
def tools(tmp_path):
    """An environment whose pg_dump, psql and pg_restore are the stand-ins above."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in STAND_INS.items():
        tool = bin_dir / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    calls = tmp_path / "calls"
    local_files = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    return {
        **local_files,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "CALLS": str(calls),
    }, calls


def _run(script: str, folder: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script
        [f"scripts/{script}", str(folder)], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("existing", [False, True], ids=["new folder", "existing open folder"])
def test_backup_files_are_readable_only_by_their_owner(tmp_path, tools, existing):
    env, _ = tools
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "minutes.txt").write_text("board minutes")
    dest = tmp_path / "backups" / "2026-12-06"
    if existing:
        dest.mkdir(parents=True)
        dest.chmod(0o755)
    done = _run("backup.sh", dest, {**env, "MEDIA_ROOT": str(media)})
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(dest.stat().st_mode) == 0o700
    assert _modes(dest) == OWNER_ONLY


def test_restore_refuses_a_media_folder_with_anything_in_it(tmp_path, tools):
    env, calls = tools
    backup = tmp_path / "backup"
    assert _run("backup.sh", backup, {**env, "MEDIA_ROOT": str(tmp_path / "none")}).returncode == 0
    media = tmp_path / "media"
    media.mkdir()
    (media / ".keep").write_text("")  # even one hidden file
    refused = _run("restore.sh", backup, {**env, "MEDIA_ROOT": str(media)})
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"Refusing to restore: the media folder {media} is not empty.")
    assert [p.name for p in media.iterdir()] == [".keep"]
    assert not calls.exists()  # the database was not touched either


def test_restore_into_an_empty_media_folder_brings_the_files_back(tmp_path, tools):
    env, calls = tools
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "minutes.txt").write_text("board minutes")
    backup = tmp_path / "backup"
    assert _run("backup.sh", backup, {**env, "MEDIA_ROOT": str(media)}).returncode == 0
    restored = tmp_path / "restored"
    restored.mkdir()
    done = _run("restore.sh", backup, {**env, "MEDIA_ROOT": str(restored)})
    assert done.returncode == 0, done.stderr
    assert (restored / "evidence" / "minutes.txt").read_text() == "board minutes"
    assert calls.read_text().split() == ["psql", "pg_restore"]
