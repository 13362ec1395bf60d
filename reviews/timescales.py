"""Reading an action's timescale as people write it: a date, or a month meaning its last day."""

from __future__ import annotations

import datetime as dt
import re

from lscb.vocab import month_end

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?\s*,?\s*(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s*,?\s*(\d{4})$")


class TimescaleError(ValueError):
    pass


def parse_timescale(text: str) -> tuple[dt.date | None, bool]:
    """(date, is_month) for text like 01/12/2008, 2008-12-01, 1 December 2008 or December 2008.

    Blank text gives (None, False). Day-first, as written in England.
    """
    value = " ".join((text or "").split()).lower()
    if not value:
        return None, False
    try:
        if m := _MONTH_YEAR.match(value):
            month = _MONTHS.get(m.group(1))
            if month:
                return month_end(int(m.group(2)), month), True
        elif m := _DMY.match(value):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), False
        elif m := _ISO.match(value):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
        elif m := _D_MONTH_Y.match(value):
            month = _MONTHS.get(m.group(2))
            if month:
                return dt.date(int(m.group(3)), month, int(m.group(1))), False
    except ValueError:
        pass
    raise TimescaleError(
        f"“{text.strip()}” is not a timescale: write a date such as 01/12/2008 or a month "
        "such as December 2008."
    )


def format_timescale(day: dt.date | None, is_month: bool) -> str:
    if day is None:
        return ""
    return f"{day:%B %Y}" if is_month else f"{day:%d/%m/%Y}"
