"""Outcomes flagged for impact: amber or red on impact for more than two quarters running.

Delivery can stay on track while nothing changes for children; this is the one place that
decides when that has gone on long enough to put in front of the board. The rules:

- Each financial quarter (Q1 is April to June) counts the latest impact rating recorded in
  it (by date, then by when it was recorded, as lscb.progress.LATEST_FIRST orders them).
- A run is counted back from the latest quarter rated on or before the day asked about,
  and is flagged at FLAGGED_RUN quarters (three: "more than two").
- A quarter with no impact rating breaks the run. "Too early to say" is a statement that
  the evidence is not in yet, not a rating of amber or red; a board that stops rating
  impact is seen instead in the outcome's history, which shows every quarter without one.
- The run must reach the quarter of the day asked about, or the quarter before it (whose
  rating is the latest there can be until this quarter's is recorded); an older run is
  history, not a flag.
- An outcome carried forward from last year's plan continues its predecessor's quarters,
  so a run crosses the year end. Retired outcomes are not flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lscb.vocab import IMPACT_CONCERN, Impact, Quarter
from workplans.models import Outcome, ProgressUpdate, Workplan

FLAGGED_RUN = 3


@dataclass(frozen=True)
class ImpactFlag:
    """An outcome flagged for impact, with the quarters of its run, oldest first."""

    outcome: Outcome
    quarters: tuple[Quarter, ...]
    latest: str  # the impact rating of the run's last quarter

    @property
    def latest_label(self) -> str:
        return Impact(self.latest).label

    @property
    def since(self) -> str:
        first = self.quarters[0]
        return f"Q{first.number} {first.financial_year}"


def concern_run(ratings: dict[Quarter, str], on: dt.date) -> tuple[Quarter, ...]:
    """The quarters, oldest first, of the amber or red run ending at the latest rated
    quarter, if that quarter is `on`'s or the one before; () otherwise."""
    if not ratings:
        return ()
    last = max(ratings)
    current = Quarter.containing(on)
    if last not in (current, current.previous()):
        return ()
    run: list[Quarter] = []
    quarter = last
    while ratings.get(quarter) in IMPACT_CONCERN:
        run.append(quarter)
        quarter = quarter.previous()
    return tuple(reversed(run))


def impact_flags(outcomes: Iterable[Outcome], on: dt.date | None = None) -> dict[int, ImpactFlag]:
    """The flagged outcomes among `outcomes` (loaded by the caller), by id, as at `on`
    (today by default); one query whatever their number, none when there are none."""
    day = on or dt.date.today()
    chosen = [o for o in outcomes if o.retired_on is None or o.retired_on > day]
    if not chosen:
        return {}
    # Whose quarters each update counts for: its own outcome's, and the outcome it was
    # carried into, which then stands for both.
    counts_for: dict[int, list[int]] = {o.pk: [o.pk] for o in chosen}
    for o in chosen:
        if o.carried_from_id is not None:
            counts_for.setdefault(o.carried_from_id, []).append(o.pk)
    carried_on = {o.carried_from_id for o in chosen}
    ratings: dict[int, dict[Quarter, str]] = {o.pk: {} for o in chosen}
    updates = (
        ProgressUpdate.objects.filter(outcome_id__in=list(counts_for), date__lte=day)
        .exclude(impact="")
        .order_by("date", "created_at", "id")
        .values_list("outcome_id", "quarter", "impact")
    )
    for outcome_id, quarter, impact in updates:
        # In date order, so the last one written for a quarter is its latest.
        for pk in counts_for[outcome_id]:
            ratings[pk][Quarter.parse(quarter)] = impact
    flags = {}
    for o in chosen:
        run = concern_run(ratings[o.pk], day)
        if len(run) >= FLAGGED_RUN and o.pk not in carried_on:
            flags[o.pk] = ImpactFlag(outcome=o, quarters=run, latest=ratings[o.pk][run[-1]])
    return flags


def plan_impact_flags(workplan: Workplan, on: dt.date | None = None) -> list[ImpactFlag]:
    """The plan's flagged outcomes in plan order, for the board page; two queries."""
    outcomes = workplan.outcomes.order_by("order", "id").only(
        "id", "title", "workplan_id", "carried_from_id", "retired_on"
    )
    flags = impact_flags(outcomes, on)
    return [flags[o.pk] for o in outcomes if o.pk in flags]
