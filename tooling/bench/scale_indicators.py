"""Scale boards' outcomes measured by indicators of the quarterly dataset."""

from __future__ import annotations


def link_outcome_indicators(board, rng, counts: dict[str, int], batch: int = 1000) -> None:
    """Every outcome measured by an indicator, as the demo's flagged one is, so the page an
    outcome's bench measures reads its indicator's trend on both."""
    from reporting.models import Indicator, OutcomeIndicator
    from workplans.models import Outcome

    indicators = list(Indicator.objects.filter(parent__isnull=True).order_by("pk"))
    if not indicators:
        return
    links = [
        OutcomeIndicator(
            outcome_id=pk,
            indicator=rng.choice(indicators),
            target=rng.randrange(10, 300),
            direction=rng.choice(["up", "down"]),
        )
        for pk in Outcome.objects.filter(workplan__board=board).values_list("pk", flat=True)
    ]
    OutcomeIndicator.objects.bulk_create(links, batch_size=batch)
    counts["outcome indicators"] = counts.get("outcome indicators", 0) + len(links)
