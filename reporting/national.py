"""The quarterly dataset in the codes of the national returns (children in need census,
SSDA903), for a board and a financial year or quarter.

Which indicator maps to which code is data, in reporting/national_codes.yaml (explained in
docs/exports.md), read once and checked as it is read. Only figures the board entered are
exported: a quarter with no figure for an indicator has no row, and an indicator coarser
than the national codes is exported once against all the codes it covers, never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

import yaml

from boards.models import Board
from lscb.vocab import Quarter
from reporting.models import IndicatorValue

MAPPING_FILE = "national_codes.yaml"
MATCHES = ("exact", "grouped", "nearest", "total", "none")


class MappingError(ValueError):
    """The mapping file says something the exports cannot follow."""


@dataclass(frozen=True)
class CodeMapping:
    """How one of our indicators stands to the codes of one field of a national return."""

    indicator: str
    match: str
    return_name: str = ""
    field: str = ""
    codes: tuple[str, ...] = ()
    note: str = ""

    @property
    def exported(self) -> bool:
        return self.match != "none"

    @property
    def national_code(self) -> str:
        """The codes the figure stands for, separated by spaces; empty for a total."""
        return " ".join(self.codes)


@dataclass(frozen=True)
class NotHeld:
    """National codes of a field for which the board holds no figure of its own."""

    return_name: str
    field: str
    codes: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class NationalCodes:
    mappings: tuple[CodeMapping, ...]
    not_held: tuple[NotHeld, ...]
    code_labels: dict[str, dict[str, str]]  # field key -> code -> what it means
    nature_labels: dict[str, str]  # nature of notification -> its label
    nature_of_criterion: dict[str, str]  # statutory criterion code -> nature

    @property
    def exported(self) -> dict[str, CodeMapping]:
        return {m.indicator: m for m in self.mappings if m.exported}


def _field(data: dict, key: str) -> tuple[str, str]:
    """(return name, field name) for a key such as "cin:category_of_abuse"."""
    if key not in data["fields"]:
        raise MappingError(f"{key!r} is not one of the fields the mapping names.")
    return data["returns"][key.split(":", 1)[0]], data["fields"][key]


def _codes(data: dict, key: str, codes: list, where: str) -> tuple[str, ...]:
    known = data["codes"].get(key, {})
    out = tuple(str(c) for c in codes or ())
    unknown = [c for c in out if c not in known]
    if unknown:
        raise MappingError(f"{where}: {', '.join(unknown)} are not codes of {key}.")
    return out


def parse_mapping(data: dict) -> NationalCodes:
    """Check the mapping file's contents and turn them into NationalCodes."""
    mappings = []
    for entry in data["indicators"]:
        name, match = entry["indicator"], entry["match"]
        if match not in MATCHES:
            raise MappingError(f"{name}: match must be one of {', '.join(MATCHES)}.")
        if match == "none":
            mappings.append(CodeMapping(name, match, note=entry.get("note", "")))
            continue
        key = entry.get("field", "")
        return_name, field = _field(data, key)
        codes = _codes(data, key, entry.get("codes"), name)
        if (match == "total") == bool(codes):
            raise MappingError(f"{name}: a total has no codes, and every other match has some.")
        mappings.append(CodeMapping(name, match, return_name, field, codes, entry.get("note", "")))
    not_held = []
    for entry in data["not_held"]:
        return_name, field = _field(data, entry["field"])
        codes = _codes(data, entry["field"], entry["codes"], "not_held")
        not_held.append(NotHeld(return_name, field, codes, entry.get("note", "")))
    natures = data["notification_nature"]
    return NationalCodes(
        mappings=tuple(mappings),
        not_held=tuple(not_held),
        code_labels={
            k: {str(c): v for c, v in codes.items()} for k, codes in data["codes"].items()
        },
        nature_labels={key: value["label"] for key, value in natures.items()},
        nature_of_criterion={
            criterion: key
            for key, value in natures.items()
            for criterion in value.get("criteria", [])
        },
    )


@cache
def national_codes() -> NationalCodes:
    text = files("reporting").joinpath(MAPPING_FILE).read_text(encoding="utf-8")
    return parse_mapping(yaml.safe_load(text))


_YEAR_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """A financial year (2008-09) or one of its quarters (2008Q3), as an export covers it."""

    code: str
    label: str
    quarters: tuple[Quarter, ...]

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _YEAR_RE.match(text)
        if match:
            year = int(match.group(1))
            if int(match.group(2)) != (year + 1) % 100:
                raise ValueError(f"{text!r} is not a financial year; write it like 2008-09.")
            return cls.year(year)
        quarter = Quarter.parse(text)
        return cls(quarter.code, f"Q{quarter.number} {quarter.financial_year}", (quarter,))

    @classmethod
    def year(cls, year: int) -> Period:
        quarters = tuple(Quarter(year, n) for n in range(1, 5))
        return cls(f"{year}-{(year + 1) % 100:02d}", quarters[0].financial_year, quarters)

    @property
    def start(self):
        return self.quarters[0].start

    @property
    def end(self):
        return self.quarters[-1].end


DATASET_HEADERS = (
    "Quarter",
    "Indicator code",
    "Indicator",
    "Return",
    "Field",
    "National code",
    "Match",
    "Value",
)
DATASET_WIDTHS = (10, 28, 40, 30, 40, 24, 10, 10)


@dataclass(frozen=True)
class DatasetRow:
    quarter: str
    indicator_name: str
    mapping: CodeMapping
    value: Decimal

    def cells(self) -> tuple[object, ...]:
        m = self.mapping
        number = int(self.value) if self.value == self.value.to_integral_value() else self.value
        return (
            self.quarter,
            m.indicator,
            self.indicator_name,
            m.return_name,
            m.field,
            m.national_code,
            m.match,
            number,
        )


def dataset_rows(board: Board, period: Period) -> list[DatasetRow]:
    """One query: the board's figures for the period's quarters, for mapped indicators."""
    exported = national_codes().exported
    values = (
        IndicatorValue.objects.filter(
            board=board,
            quarter__in=[q.code for q in period.quarters],
            indicator__code__in=exported,
        )
        .order_by("quarter", "indicator__order", "indicator__code")
        .values_list("quarter", "indicator__code", "indicator__name", "value")
    )
    return [
        DatasetRow(quarter, name, exported[code], value) for quarter, code, name, value in values
    ]


MAPPING_HEADERS = ("Indicator code", "Return", "Field", "National code", "Match", "Note")
MAPPING_WIDTHS = (28, 30, 40, 24, 10, 80)


def mapping_rows() -> list[tuple[str, ...]]:
    """The mapping as a table, for the sheet beside the figures and the exports page."""
    codes = national_codes()
    rows = [
        (m.indicator, m.return_name, m.field, m.national_code, m.match, m.note)
        for m in codes.mappings
    ]
    rows += [
        ("", n.return_name, n.field, " ".join(n.codes), "not held", n.note) for n in codes.not_held
    ]
    return rows


def figure_quarters(board: Board) -> set[Quarter]:
    """The quarters the board has entered figures for. One query."""
    codes = IndicatorValue.objects.filter(board=board).order_by().values_list("quarter", flat=True)
    return {Quarter.parse(code) for code in codes.distinct()}


def export_periods(quarters: set[Quarter]) -> list[tuple[str, list[Period]]]:
    """Each financial year holding one of the quarters, newest first: the whole year, then
    those of its quarters in the set."""
    years = sorted({q.year for q in quarters}, reverse=True)
    out = []
    for year in years:
        periods = [Period.parse(q.code) for q in sorted(quarters, key=str) if q.year == year]
        whole = Period.year(year)
        out.append((whole.label, [whole, *periods]))
    return out
