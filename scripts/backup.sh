#!/usr/bin/env bash
# Back up the database and every stored file (evidence, reports) into one folder.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/lscb/media scripts/backup.sh /backups/2026-11-22
# Writes lscb.dump (pg_dump custom format), media.tar.gz and SHA256SUMS, readable only by the
# user running it (folder 700, files 600). Run it from cron or a systemd timer; copy the
# folder off the machine.
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
here=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$here/media}

# Files in an object store (S3_BUCKET set, see .env.example): the app copies them out
# through the same settings it stores them with, into the same media.tar.gz a media folder
# gives, so restore.sh puts them back into a bucket or a folder alike. Run it with the
# app's environment (S3_* and SECRET_KEY); PYTHON names the app's interpreter if needed.
python=${PYTHON:-$here/.venv/bin/python}
[ -x "$python" ] || python=python3

# A backup holds every record and file, safeguarding details included: only its owner
# may read it. The umask covers everything written below; chmod covers a folder that
# already existed.
umask 077
mkdir -p "$dest"
chmod 700 "$dest"
pg_dump --format=custom --no-owner --no-privileges --file "$dest/lscb.dump" "$DATABASE_URL"
if [ -n "${S3_BUCKET:-}" ]; then
  "$python" "$here/manage.py" export_files "$dest/media.tar.gz" >/dev/null
elif [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
(cd "$dest" && sha256sum lscb.dump media.tar.gz > SHA256SUMS)
echo "Backed up to $dest"
