"""Quarterly figures for synthetic boards (used by `manage.py generate_scale`).

Each board's figures are the demo quarter's, scaled to the board's size and varied a little
each quarter; every named breakdown is shared out of its total so that it adds up.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from boards.models import Board
from lscb.vocab import Quarter
from reporting.demo import FIGURES
from reporting.indicators import ensure_core_indicators
from reporting.models import Indicator, IndicatorValue

BASE = FIGURES["2008Q3"]


def figures_for_board(board: Board, rng: random.Random, first_year: int, until: int) -> int:
    if not Indicator.objects.exists():
        ensure_core_indicators()
    indicators = list(Indicator.objects.all())
    groups: dict[tuple[int, str], list[Indicator]] = defaultdict(list)
    for ind in indicators:
        if ind.parent_id and ind.breakdown:
            groups[(ind.parent_id, ind.breakdown)].append(ind)
    in_group = {ind.pk for members in groups.values() for ind in members}
    size = rng.uniform(0.5, 3.0)
    rows: list[IndicatorValue] = []
    for year in range(first_year, until + 1):
        for number in range(1, 5):
            quarter = Quarter(year, number).code
            values: dict[int, Decimal] = {}
            for ind in indicators:
                if ind.pk in in_group:
                    continue
                base = float(BASE.get(ind.code, "10"))
                raw = base * size * rng.uniform(0.85, 1.15)
                values[ind.pk] = _round(raw, ind.decimal)
            for (parent_id, _), members in groups.items():
                total = values.get(parent_id, Decimal(0))
                weights = [float(BASE.get(m.code, "1")) + 0.01 for m in members]
                shares = [total * Decimal(w / sum(weights)) for w in weights]
                parts = [_round(float(s), m.decimal) for s, m in zip(shares, members, strict=True)]
                biggest = weights.index(max(weights))
                parts[biggest] += total - sum(parts)  # rounding goes to the largest part
                for member, part in zip(members, parts, strict=True):
                    values[member.pk] = max(part, Decimal(0))
            rows.extend(
                IndicatorValue(board=board, indicator_id=pk, quarter=quarter, value=value)
                for pk, value in values.items()
            )
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _round(value: float, decimal: bool) -> Decimal:
    return Decimal(str(round(value, 1))) if decimal else Decimal(round(value))
