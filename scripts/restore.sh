#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh into an EMPTY database and media folder.
#   DATABASE_URL=postgres://.../lscb_new MEDIA_ROOT=/srv/lscb/media scripts/restore.sh /backups/2026-11-22
# Refuses a media folder that has anything in it, then checks the checksums, and refuses to
# restore over a database that has tables. Changes nothing when it refuses.
set -euo pipefail
src=${1:?usage: scripts/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the empty PostgreSQL database to restore into}"
here=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$here/media}

# Files in an object store (S3_BUCKET set): the app puts them back through its own
# settings, into a bucket that must be empty; this is checked before anything is restored.
python=${PYTHON:-$here/.venv/bin/python}
[ -x "$python" ] || python=python3

# Files are unpacked over the folder: anything already there would be mixed with them.
if [ -z "${S3_BUCKET:-}" ] && [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "Refusing to restore: the media folder $media is not empty. Restore into an empty" \
    "folder (set MEDIA_ROOT), or move its contents away first." >&2
  exit 1
fi
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
if [ -n "${S3_BUCKET:-}" ]; then
  "$python" "$here/manage.py" import_files --check "$src/media.tar.gz" >/dev/null
fi
tables=$(psql "$DATABASE_URL" -Atc "select count(*) from information_schema.tables where table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "Refusing to restore: the target database already has $tables tables." >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$DATABASE_URL" "$src/lscb.dump"
if [ -n "${S3_BUCKET:-}" ]; then
  "$python" "$here/manage.py" import_files "$src/media.tar.gz" >/dev/null
else
  mkdir -p "$media"
  tar -C "$media" -xzf "$src/media.tar.gz"
fi
echo "Restored database and files from $src"
