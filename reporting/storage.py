"""Writing a finished PDF so that a reader never sees half of one.

On the local file system the bytes go to a temporary file in the same folder, are flushed to
disk and then renamed over the final name in one step. Object stores make an upload visible
only once it is complete, so other storages get an ordinary save.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404

TEMP_SUFFIX = ".part"


def save_atomically(name: str, data: bytes, storage=None) -> str:
    """Store `data` under `name` (replacing any earlier file); returns the stored name."""
    storage = storage or default_storage
    if not isinstance(storage, FileSystemStorage):
        if storage.exists(name):
            storage.delete(name)  # left by an attempt that died before marking the row ready
        return storage.save(name, ContentFile(data))
    final = Path(storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=TEMP_SUFFIX, dir=final.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _remove_leftovers(final)
    return name


def _remove_leftovers(final: Path) -> None:
    """Temporary files of this name left by a worker that was killed while writing."""
    for stray in final.parent.glob(f".{final.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            stray.unlink()


def pdf_response(name: str, filename: str, *, as_attachment: bool = True) -> FileResponse:
    """A stored PDF as a download (or, with `as_attachment=False`, to read in the browser);
    404 when its file is gone. Callers check permission first."""
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("The file for this report is missing.") from None
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type="application/pdf"
    )
