"""The trend of the indicator an outcome is measured by, shown beside its impact rating.

Delivery and impact are what people judge; the indicator is what the figures say. The trend
is the indicator's last four quarters with a figure for the board, up to the quarter of the
day asked about, read against the target and the direction the board chose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from boards.access import BoardAccess
from lscb.vocab import Quarter
from reporting.models import IndicatorValue
from reporting.outcome_link_models import Direction, OutcomeIndicator
from workplans.access import can_author_outcome
from workplans.models import Outcome

POINTS = 4


@dataclass(frozen=True)
class IndicatorTrend:
    link: OutcomeIndicator
    points: list[tuple[Quarter, Decimal]]  # oldest first

    @property
    def latest(self) -> Decimal | None:
        return self.points[-1][1] if self.points else None

    @property
    def change(self) -> Decimal | None:
        """The latest figure less the one before it."""
        return self.points[-1][1] - self.points[-2][1] if len(self.points) > 1 else None

    @property
    def target_met(self) -> bool | None:
        if self.latest is None:
            return None
        if self.link.direction == Direction.UP:
            return self.latest >= self.link.target
        return self.latest <= self.link.target

    @property
    def verdict(self) -> str:
        """In words, how the latest figures stand against the target."""
        if self.latest is None:
            return "No figures yet"
        if self.target_met:
            return "Target met"
        if not self.change:
            return "No change" if self.change is not None else "One quarter's figure so far"
        better = (self.change > 0) == (self.link.direction == Direction.UP)
        return "Moving towards the target" if better else "Moving away from the target"


def outcome_trend(outcome: Outcome, on: dt.date | None = None) -> IndicatorTrend | None:
    """The outcome's indicator and its trend as at `on` (today by default); None when the
    outcome is not linked. Two queries when linked, one when not."""
    link = OutcomeIndicator.objects.filter(outcome=outcome).select_related("indicator").first()
    if link is None:
        return None
    last = Quarter.containing(on or dt.date.today())
    rows = (
        IndicatorValue.objects.filter(
            board_id=outcome.workplan.board_id, indicator=link.indicator, quarter__lte=last.code
        )
        .order_by("-quarter")
        .values_list("quarter", "value")[:POINTS]
    )
    points = [(Quarter.parse(q), v) for q, v in reversed(list(rows))]
    return IndicatorTrend(link=link, points=points)


def indicator_panel(outcome: Outcome, access: BoardAccess) -> tuple[str, dict] | None:
    """Beside the impact rating: the trend, and for those who may change the outcome, the
    link to measure it by an indicator."""
    trend = outcome_trend(outcome)
    can_link = can_author_outcome(access, outcome) and not outcome.is_retired
    if trend is None and not can_link:
        return None
    return "reporting/includes/outcome_indicator.html", {
        "outcome": outcome,
        "trend": trend,
        "can_link": can_link,
    }
