"""Reading a CSV of figures: every row is checked before anything is written.

Columns (header names are case-insensitive): quarter, indicator (the indicator's code) and
value. A file with any bad row is rejected as a whole with the row numbers and reasons.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings

from lscb import limits
from lscb.progress import upload_limit_text
from lscb.vocab import Quarter
from reporting.models import Indicator

HEADER_ALIASES = {
    "quarter": "quarter",
    "indicator": "indicator",
    "indicator code": "indicator",
    "code": "indicator",
    "value": "value",
    "figure": "value",
}
REQUIRED = ["quarter", "indicator", "value"]


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ParsedFigures:
    rows: list[tuple[str, str, Decimal]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _decode(upload) -> str:
    size = getattr(upload, "size", None)
    if size is not None and size > settings.MAX_UPLOAD_BYTES:
        raise ImportFileError(f"The file is larger than {upload_limit_text()}, the most allowed.")
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".csv"):
        raise ImportFileError("Upload a CSV file (ending in .csv).")
    raw = upload.read()
    if b"\x00" in raw:
        # Text never holds NUL bytes; a program or spreadsheet renamed to .csv does.
        raise ImportFileError("The file is not a CSV text file. Save it as CSV UTF-8.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The file could not be read as text. Save it as CSV UTF-8.")


def parse_figures_csv(upload) -> ParsedFigures:
    text = _decode(upload)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise ImportFileError("The file is empty.")
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = HEADER_ALIASES.get(" ".join(name.strip().lower().split()))
        if key and key not in columns:
            columns[key] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFileError(
            "The first row must name the columns quarter, indicator and value; "
            f"missing: {', '.join(missing)}."
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    result = ParsedFigures()
    seen: dict[tuple[str, str], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cell = {k: (cells[i].strip() if i < len(cells) else "") for k, i in columns.items()}
        # Codes and numbers are short; a long cell is refused before it is read or echoed.
        if too_long := limits.clean_cells(cell, dict.fromkeys(columns, limits.SHORT_LABEL)):
            result.errors.extend((line, message) for message in too_long)
            continue
        try:
            quarter = Quarter.parse(cell["quarter"]).code
        except ValueError:
            result.errors.append(
                (line, f"“{cell['quarter']}” is not a quarter; write it like 2008Q3.")
            )
            continue
        indicator = indicators.get(cell["indicator"].lower())
        if indicator is None:
            result.errors.append(
                (line, f"There is no indicator with the code “{cell['indicator']}”.")
            )
            continue
        try:
            value = Decimal(cell["value"].replace(",", ""))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            result.errors.append((line, f"“{cell['value']}” is not a number."))
            continue
        if value < 0:
            result.errors.append((line, f"{indicator.name} cannot be negative."))
            continue
        if not indicator.decimal and value != value.to_integral_value():
            result.errors.append((line, f"{indicator.name} must be a whole number."))
            continue
        if value.as_tuple().exponent < -2 or value >= Decimal(10) ** 10:
            result.errors.append((line, f"{cell['value']} has too many digits."))
            continue
        key = (quarter, indicator.code)
        if key in seen:
            result.errors.append(
                (line, f"{indicator.name} for {quarter} is already on line {seen[key]}.")
            )
            continue
        seen[key] = line
        result.rows.append((quarter, indicator.code, value))
    if not result.rows and not result.errors:
        raise ImportFileError("The file has a header row but no figures.")
    return result
