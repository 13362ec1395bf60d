"""How large an uploaded file may be, as sent and once unpacked; checked before it is read.

Workbooks (.xlsx) and Office or OpenDocument evidence are zip archives. A few hundred
kilobytes of zip can unpack to gigabytes, and reading that would hold a web worker until it
is killed. The zip's central directory says how large each member unpacks to, and Python's
zipfile never hands out more than that declared size, so summing it is a sound bound that
costs no decompression. A compression ratio no real document reaches is refused as well.

Every limit on the size and shape of an uploaded file is named here; text lengths live with
the text fields.
"""

from __future__ import annotations

import zipfile

from django.template.defaultfilters import filesizeformat

# Spreadsheet imports: a board's workplan or an inspection action plan runs to tens of rows
# and a dozen columns, and its workbook unpacks to well under a megabyte.
MAX_WORKBOOK_INFLATED_BYTES = 20 * 1024 * 1024
MAX_WORKBOOK_SHEETS = 20
MAX_SHEET_ROWS = 5_000
MAX_SHEET_COLUMNS = 100

# Evidence is stored, not read, but colleagues open it: a document that unpacks to more than
# this would freeze their word processor. Pictures inside documents are already compressed,
# so a genuine 10 MB document unpacks to well under this.
MAX_EVIDENCE_INFLATED_BYTES = 200 * 1024 * 1024

# Real documents compress text by 5 to 20 times; a hundredfold ratio is a file built to
# unpack big. Small archives are exempt: a few kilobytes of repeated styles can compress
# far better than that and harm no one.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000


class FileLimitError(ValueError):
    """A file beyond a limit; the message says which and is shown beside the upload field."""


def size_text(size: int) -> str:
    return filesizeformat(size).replace("\xa0", " ")


def check_zip_inflation(upload, *, max_inflated: int, what: str) -> None:
    """Refuse a zip archive whose members unpack to more than `max_inflated` bytes in all,
    or that compresses far better than any real document; `what` names it in the message.

    Only the central directory is read. Raises zipfile.BadZipFile if there is none.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    finally:
        upload.seek(0)
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileLimitError(
            f"The {what} holds {len(members):,} parts; a real one holds far fewer than "
            f"{MAX_ZIP_MEMBERS:,}. Save it again from your office program."
        )
    inflated = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if inflated > max_inflated:
        raise FileLimitError(
            f"The {what} unpacks to {size_text(inflated)}, more than the {size_text(max_inflated)}"
            " allowed. Remove unused sheets, pictures or pages, or split it into smaller files."
        )
    if inflated > RATIO_CHECKED_ABOVE_BYTES and inflated > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise FileLimitError(
            f"The {what} unpacks to {size_text(inflated)} from {size_text(packed)}, far more "
            "than any real document does, so it was not accepted. Save it again from your "
            "office program."
        )
