"""A board's figures for a quarter with everything computed from them: shares of totals,
change since the previous quarter, the year to date and breakdowns that do not add up.

Shares are never stored: they are worked out here every time from the entered counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from boards.models import Board
from lscb.vocab import Quarter
from reporting.indicators import GROUPS
from reporting.models import Aggregation, Indicator, IndicatorValue


def percent(part: Decimal | None, whole: Decimal | None) -> int | None:
    """Whole-number percentage, halves rounded up as the council's reports do."""
    if part is None or not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def quarters_of_year_to(quarter: Quarter) -> list[Quarter]:
    """The quarters of the financial year up to and including `quarter`."""
    return [Quarter(quarter.year, n) for n in range(1, quarter.number + 1)]


def last_quarters(quarter: Quarter, count: int) -> list[Quarter]:
    out = [quarter]
    while len(out) < count:
        out.insert(0, out[0].previous())
    return out


@dataclass
class FigureRow:
    indicator: Indicator
    value: Decimal | None
    previous: Decimal | None
    year_to_date: Decimal | None
    share: int | None  # percent of the parent's figure for the same quarter

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def is_part(self) -> bool:
        return self.indicator.parent_id is not None


@dataclass
class BreakdownCheck:
    """Whether the parts of one named breakdown add up to their total."""

    parent: Indicator
    breakdown: str
    total: Decimal | None
    parts_total: Decimal
    missing: list[Indicator] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        return self.total is not None and not self.missing and self.parts_total == self.total

    @property
    def message(self) -> str:
        name = self.parent.name.lower()
        if self.total is None:
            return (
                f"There is no total for “{self.parent.name}”, so the {self.breakdown} "
                "breakdown cannot be checked."
            )
        if self.missing:
            names = ", ".join(i.name.lower() for i in self.missing)
            return f"The {self.breakdown} breakdown of {name} is missing: {names}."
        return (
            f"The {self.breakdown} breakdown of {name} adds up to {_plain(self.parts_total)}, "
            f"but the total is {_plain(self.total)}."
        )


@dataclass
class QuarterFigures:
    board: Board
    quarter: Quarter
    rows: list[FigureRow]
    checks: list[BreakdownCheck]
    history: dict[str, dict[str, Decimal]]  # code -> quarter code -> value

    @property
    def by_code(self) -> dict[str, FigureRow]:
        return {r.indicator.code: r for r in self.rows}

    @property
    def groups(self) -> list[tuple[str, list[FigureRow]]]:
        grouped: dict[str, list[FigureRow]] = defaultdict(list)
        for row in self.rows:
            grouped[row.indicator.group].append(row)
        order = {g: i for i, g in enumerate(GROUPS)}
        return sorted(grouped.items(), key=lambda kv: order.get(kv[0], len(order)))

    @property
    def problems(self) -> list[BreakdownCheck]:
        # Only breakdowns someone has started to fill in are worth flagging.
        return [c for c in self.checks if not c.adds_up and (c.total is not None or c.parts_total)]

    @property
    def has_figures(self) -> bool:
        return any(r.value is not None for r in self.rows)

    def value(self, code: str) -> Decimal | None:
        row = self.by_code.get(code)
        return row.value if row else None

    def series(self, code: str, quarters: list[Quarter]) -> list[Decimal | None]:
        values = self.history.get(code, {})
        return [values.get(q.code) for q in quarters]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _year_to_date(ind: Indicator, values: dict[str, Decimal], quarter: Quarter) -> Decimal | None:
    year = [values.get(q.code) for q in quarters_of_year_to(quarter)]
    if any(v is None for v in year):
        return None  # a year to date with a quarter missing would mislead
    if ind.aggregation == Aggregation.FLOW:
        return sum(year, Decimal(0))
    if ind.aggregation == Aggregation.AVERAGE:
        return (sum(year, Decimal(0)) / len(year)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return year[-1]  # snapshot and running totals: the latest figure is the year to date


def quarter_figures(board: Board, quarter: Quarter, *, history_quarters: int = 4) -> QuarterFigures:
    """Two queries: the indicators, and this board's values for the quarters needed."""
    indicators = list(Indicator.objects.select_related("parent").order_by("order", "code"))
    wanted = {q.code for q in quarters_of_year_to(quarter)}
    wanted |= {q.code for q in last_quarters(quarter, history_quarters)}
    wanted.add(quarter.previous().code)
    history: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for code, q, value in IndicatorValue.objects.filter(
        board=board, quarter__in=wanted
    ).values_list("indicator__code", "quarter", "value"):
        history[code][q] = value
    this, prev = quarter.code, quarter.previous().code
    rows = []
    by_id = {i.id: i for i in indicators}
    for ind in indicators:
        values = history.get(ind.code, {})
        value = values.get(this)
        parent_value = (
            history.get(by_id[ind.parent_id].code, {}).get(this) if ind.parent_id else None
        )
        rows.append(
            FigureRow(
                indicator=ind,
                value=value,
                previous=values.get(prev),
                year_to_date=_year_to_date(ind, values, quarter),
                share=percent(value, parent_value) if ind.parent_id else None,
            )
        )
    checks = []
    groups: dict[tuple[int, str], list[Indicator]] = defaultdict(list)
    for ind in indicators:
        if ind.parent_id and ind.breakdown:
            groups[(ind.parent_id, ind.breakdown)].append(ind)
    for (parent_id, name), parts in groups.items():
        parent = by_id[parent_id]
        part_values = [history.get(p.code, {}).get(this) for p in parts]
        checks.append(
            BreakdownCheck(
                parent=parent,
                breakdown=name,
                total=history.get(parent.code, {}).get(this),
                parts_total=sum((v for v in part_values if v is not None), Decimal(0)),
                missing=[p for p, v in zip(parts, part_values, strict=True) if v is None],
            )
        )
    return QuarterFigures(board, quarter, rows, checks, dict(history))
