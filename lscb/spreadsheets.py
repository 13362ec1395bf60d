"""Spreadsheet import and export shared by workplans and review action plans.

Import is always two steps: read and check the whole file, show a preview with row-level
errors, and write nothing until the user confirms. The parsed rows wait in the session
between the two steps, so the confirm step writes exactly what the preview showed.
Export neutralises text that a spreadsheet would run as a formula, and splits text too long
for an Excel cell across cells rather than lose its end.
"""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from lscb.file_limits import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_WORKBOOK_INFLATED_BYTES,
    MAX_WORKBOOK_SHEETS,
    FileLimitError,
    check_zip_inflation,
)
from lscb.progress import upload_limit_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_SEARCH_ROWS = 30


class SheetError(Exception):
    """A file that cannot be imported at all; the message is shown to the user."""


@dataclass
class Table:
    """One table found in a sheet: its header names and its data rows, by spreadsheet row."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # canonical column name -> 0-based index
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(text: object) -> str:
    return " ".join(str(text or "").replace("\n", " ").split()).strip().lower()


def cell_text(value: object) -> str:
    """Cell value as text; keeps line breaks inside cells, drops null bytes."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def open_workbook(upload) -> Workbook:
    """Open an uploaded .xlsx, or raise SheetError saying why it cannot be read.

    The limits in lscb.file_limits are checked before anything is unpacked: the size sent,
    the size the zip unpacks to, then the number of sheets and the rows and columns each
    sheet declares. find_tables reads rows in a stream and stops at the row limit too, for
    sheets that declare no size or the wrong one.
    """
    name = getattr(upload, "name", "") or ""
    if PurePath(name).suffix.lower() != ".xlsx":
        raise SheetError("Upload an Excel workbook saved as .xlsx.")
    size = getattr(upload, "size", None)
    if size is not None and size > settings.MAX_UPLOAD_BYTES:
        raise SheetError(f"The file is larger than {upload_limit_text()}, the most allowed.")
    try:
        check_zip_inflation(upload, max_inflated=MAX_WORKBOOK_INFLATED_BYTES, what="workbook")
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except FileLimitError as exc:
        raise SheetError(str(exc)) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(
            "The file could not be read as an Excel workbook. Save it as .xlsx and try again."
        ) from exc
    try:
        _check_shape(workbook)
    except SheetError:
        workbook.close()
        raise
    return workbook


def _check_shape(workbook: Workbook) -> None:
    sheets = workbook.worksheets
    if len(sheets) > MAX_WORKBOOK_SHEETS:
        raise SheetError(
            f"The workbook has {len(sheets)} sheets; at most {MAX_WORKBOOK_SHEETS} can be "
            "imported. Delete the sheets that are not needed."
        )
    for ws in sheets:
        # What the sheet declares (its <dimension>); absent in some files, hence find_tables.
        rows, columns = getattr(ws, "max_row", None), getattr(ws, "max_column", None)
        if rows and rows > MAX_SHEET_ROWS:
            raise SheetError(_too_many_rows(ws.title, rows))
        if columns and columns > MAX_SHEET_COLUMNS:
            raise SheetError(
                f"Sheet “{ws.title}” uses {columns:,} columns; at most {MAX_SHEET_COLUMNS} can "
                "be imported. Delete the unused columns and try again."
            )


def _too_many_rows(title: str, rows: int | None = None) -> str:
    used = f"{rows:,}" if rows else f"more than {MAX_SHEET_ROWS:,}"
    return (
        f"Sheet “{title}” uses {used} rows; at most {MAX_SHEET_ROWS:,} can be imported. "
        "Delete the unused rows or split the file."
    )


def find_tables(
    workbook: Workbook,
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: dict[str, Sequence[str]] | None = None,
    forbidden: Sequence[str] = (),
) -> list[Table]:
    """Every table in the workbook whose header row holds all `required` columns.

    Headers match case-insensitively, ignoring line breaks; `aliases` maps a canonical name
    to other spellings. A header row that also holds a `forbidden` column is skipped, which
    tells apart two tables that differ by one column. A table runs until the next header
    row or a fully blank row after data. A sheet longer than the row limit raises SheetError.
    """
    aliases = aliases or {}
    wanted = {normalise_header(c): c for c in (*required, *optional)}
    for canonical, others in aliases.items():
        for other in others:
            wanted[normalise_header(other)] = canonical
    forbidden_norm = {normalise_header(c) for c in forbidden}
    tables: list[Table] = []
    for ws in workbook.worksheets:
        current: Table | None = None
        seen_data = False
        # Bounded: never more than one row past the limit, nor cells past the column limit.
        rows = ws.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS, values_only=True)
        for row_number, values in enumerate(rows, start=1):
            if row_number > MAX_SHEET_ROWS:
                raise SheetError(_too_many_rows(ws.title))
            headers = [normalise_header(v) for v in values]
            found = {wanted[h]: i for i, h in enumerate(headers) if h in wanted}
            if all(col in found for col in required):
                if forbidden_norm & set(headers):
                    current = None
                    continue
                current = Table(ws.title, row_number, found)
                tables.append(current)
                seen_data = False
                continue
            if current is None:
                continue
            cells = {
                col: cell_text(values[i]) if i < len(values) else ""
                for col, i in current.columns.items()
            }
            if not any(cells.values()):
                if seen_data:
                    current = None
                continue
            seen_data = True
            current.rows.append((row_number, cells))
    return tables


def missing_columns_message(required: Sequence[str]) -> str:
    cols = ", ".join(f"“{c}”" for c in required)
    return f"No table was found with the columns {cols}. Check the header row."


def split_lines(text: str) -> list[str]:
    """A multi-line cell, or one using ';' between items, as a list of non-empty items."""
    parts: list[str] = []
    for line in text.replace(";", "\n").split("\n"):
        item = line.strip(" \t-•*")
        if item:
            parts.append(item)
    return parts


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is stored as plain text instead."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# Excel holds at most this many characters (UTF-16 units) in a cell, and openpyxl silently
# cuts anything longer. The limits in lscb.limits keep every field far below it; older or
# joined text could still reach it, so a longer cell is split, never cut.
EXCEL_CELL_LIMIT = 32_767
CONTINUED_HEADER = "Continued"
NOTES_SHEET = "Notes"
_SPLIT_NEAR = 500  # how far back from the limit to look for a space to split at


def _excel_length(text: str) -> int:
    """Length as Excel counts it: characters beyond U+FFFF (most emoji) count twice."""
    if len(text) * 2 <= EXCEL_CELL_LIMIT:
        return len(text)  # fits however it is counted; skips encoding every short cell
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str) -> int:
    """Where the first part of an over-long text ends: after a space near the limit if
    there is one, and never where the next part would start like a formula."""
    head = text[:EXCEL_CELL_LIMIT]
    size = EXCEL_CELL_LIMIT - (_excel_length(head) - len(head))
    for cut in range(size, size - _SPLIT_NEAR, -1):
        if text[cut - 1].isspace() and text[cut] not in _FORMULA_STARTS:
            return cut
    for cut in range(size, 0, -1):
        if text[cut] not in _FORMULA_STARTS:
            return cut
    return size - 1  # all formula characters: the next part is quoted, leaving room for it


def split_for_excel(text: str) -> list[str]:
    """A text as parts that each fit one Excel cell; joined, they are the text again."""
    parts = []
    while _excel_length(text) > EXCEL_CELL_LIMIT:
        cut = _cut(text)
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def _fill_sheet(ws, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Write the rows; a text too long for a cell continues in cells to the right of the
    table, under a "Continued" heading. Returns a note for each text split that way."""
    ws.append([safe_cell(h) for h in headers])
    notes: list[str] = []
    widest = len(headers)
    for row_number, row in enumerate(rows, start=2):
        values = [safe_cell(v) for v in row]
        table_width = max(len(headers), len(values))
        overflow: list[str] = []
        for i, value in enumerate(values):
            if not isinstance(value, str) or _excel_length(value) <= EXCEL_CELL_LIMIT:
                continue
            values[i], *rest = split_for_excel(value)
            first = table_width + len(overflow) + 1
            overflow += [safe_cell(part) for part in rest]
            where = f"{get_column_letter(first)}{row_number}"
            if len(rest) > 1:
                where += f" to {get_column_letter(first + len(rest) - 1)}{row_number}"
            column = headers[i] if i < len(headers) else get_column_letter(i + 1)
            notes.append(
                f"Sheet “{ws.title}”, row {row_number}, “{column}”: {len(row[i]):,} characters, "
                f"more than the {EXCEL_CELL_LIMIT:,} an Excel cell holds. It starts in "
                f"{get_column_letter(i + 1)}{row_number} and continues in {where}."
            )
        if overflow:
            values += [None] * (table_width - len(values)) + overflow
            widest = max(widest, len(values))
        ws.append(values)
    for column in range(len(headers) + 1, widest + 1):
        ws.cell(row=1, column=column, value=CONTINUED_HEADER)
    return notes


def xlsx_response(
    filename: str,
    sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]], Sequence[int]]],
) -> HttpResponse:
    """An .xlsx download: each sheet is (title, headers, rows, column widths).

    A text longer than a cell holds is split across cells, and a last sheet, "Notes",
    says where (CSV has no such limit: csv_response keeps every text in one cell).
    """
    wb = Workbook()
    wb.remove(wb.active)
    notes: list[str] = []
    for title, headers, rows, widths in sheets:
        ws = wb.create_sheet(title[:31])
        notes += _fill_sheet(ws, headers, rows)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        for i in range(len(widths) + 1, ws.max_column + 1):  # "Continued" cells
            ws.column_dimensions[get_column_letter(i)].width = 50
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    if notes:
        ws = wb.create_sheet(NOTES_SHEET)
        ws.append(["Notes"])
        ws["A1"].font = Font(bold=True)
        for note in [*notes, "Put together in order, those cells hold the whole text."]:
            ws.append([note])
        ws.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return response


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def csv_stream(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """Like csv_response, written as the rows are read: for exports of any length."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([safe_cell(h) for h in headers])
        for row in rows:
            yield writer.writerow(["" if v is None else safe_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_PREVIEW_PREFIX = "import-preview:"


def stash_preview(request: HttpRequest, payload: dict) -> str:
    """Keep a checked import (JSON-able) until the user confirms it; returns its token."""
    token = secrets.token_urlsafe(16)
    # Only the latest preview per kind is kept, so abandoned previews do not pile up.
    kind = payload.get("kind", "")
    for key in [k for k in request.session.keys() if k.startswith(_PREVIEW_PREFIX)]:  # noqa: SIM118
        if request.session[key].get("kind") == kind:
            del request.session[key]
    request.session[_PREVIEW_PREFIX + token] = payload
    return token


def take_preview(request: HttpRequest, token: str, kind: str) -> dict | None:
    """The stashed import for this token, removed from the session; None if unknown."""
    payload = request.session.get(_PREVIEW_PREFIX + (token or ""))
    if not payload or payload.get("kind") != kind:
        return None
    del request.session[_PREVIEW_PREFIX + token]
    return payload


def peek_preview(request: HttpRequest, token: str, kind: str) -> dict | None:
    payload = request.session.get(_PREVIEW_PREFIX + (token or ""))
    if not payload or payload.get("kind") != kind:
        return None
    return payload
