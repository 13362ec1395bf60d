"""Every stored file (evidence, reports) copied out of, or back into, the default storage as
one .tar.gz, whichever storage holds them: the local media folder or an object store.

The archive holds the files under their stored names, exactly as `tar -C MEDIA_ROOT -czf`
would, so a backup taken from a media folder restores into a bucket and the other way round.
"""

from __future__ import annotations

import tarfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import Storage, default_storage

# A render killed while writing to the media folder can leave one of these behind
# (reporting/storage.py); it is not a file anyone stored.
_UNFINISHED_SUFFIX = ".part"


class StoredFilesError(Exception):
    """A restore that would mix or overwrite files, or an archive that is not a backup."""


def stored_names(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    """The name of every file in the storage, folder by folder."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder nothing has been stored in yet
        return
    for name in sorted(files):
        if not name.endswith(_UNFINISHED_SUFFIX):
            yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def export_files(archive: Path, storage: Storage | None = None) -> int:
    """Write every stored file into `archive` (.tar.gz); returns how many."""
    storage = storage or default_storage
    count = 0
    with tarfile.open(archive, "w:gz") as tar:
        for name in stored_names(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mode = 0o600
            info.mtime = int(time.time())
            with storage.open(name, "rb") as handle:
                tar.addfile(info, handle)
            count += 1
    return count


def _members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        if member.isdir():
            continue
        path = PurePosixPath(member.name)
        if not member.isfile() or path.is_absolute() or ".." in path.parts:
            raise StoredFilesError(f"{member.name!r} in the archive is not a stored file.")
        members.append(member)
    return members


def check_import(archive: Path, storage: Storage | None = None) -> int:
    """Refuse a storage that already holds files or an archive that is not a backup; returns
    how many files the archive holds."""
    storage = storage or default_storage
    present = next(stored_names(storage), None)
    if present is not None:
        raise StoredFilesError(
            f"Refusing to restore files: the storage already holds some ({present!r}, ...)."
        )
    with tarfile.open(archive, "r:gz") as tar:
        return len(_members(tar))


def import_files(archive: Path, storage: Storage | None = None) -> int:
    """Store every file of `archive` under its own name in an empty storage; returns how many."""
    storage = storage or default_storage
    check_import(archive, storage)
    count = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in _members(tar):
            name = PurePosixPath(member.name).as_posix().removeprefix("./")
            with tar.extractfile(member) as handle:
                stored = storage.save(name, File(handle, name=name))
            if stored != name:
                raise StoredFilesError(f"{name!r} was stored as {stored!r}; restore stopped.")
            count += 1
    return count
