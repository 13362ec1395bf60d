"""A scale board's section 11 audits, in the demo's shape: the demo's standards, and a round
each year in which every agency on the board submitted a return rating every standard, so
the grid and a return's page compare with the year before on both and run the same
queries."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Q
from django.utils import timezone

from boards.models import Agency, Board
from lscb import demo_files
from reviews.models import (
    ReturnStatus,
    Review,
    ReviewKind,
    ReviewStatus,
    S11Rating,
    S11Return,
    SelfRating,
    Standard,
)


def generate_section_11(
    board: Board, rng: random.Random, first_year: int, until: int, counts: dict[str, int]
) -> None:
    specs = demo_files.read("reviews")["section_11"]["standards"]
    standards = Standard.objects.bulk_create(
        Standard(board=board, position=n + 1, **spec) for n, spec in enumerate(specs)
    )
    agencies = list(
        Agency.objects.filter(Q(memberships__board=board) | Q(name=f"{board.area} Council"))
        .distinct()
        .order_by("name")
    )
    today = dt.date.today()
    for year in range(first_year, until + 1):
        start = min(dt.date(year, 10, 1), today)
        audit = Review.objects.create(
            board=board,
            kind=ReviewKind.SECTION_11,
            title=f"Section 11 audit {year}/{(year + 1) % 100:02d}",
            start_date=start,
            status=ReviewStatus.CLOSED if year < until else ReviewStatus.ACTION_PLAN,
        )
        submitted = timezone.make_aware(dt.datetime.combine(start, dt.time(10)))
        returns = S11Return.objects.bulk_create(
            S11Return(
                review=audit,
                agency=agency,
                lead_name=f"{agency.name} safeguarding lead",
                lead_email=f"lead{agency.pk}@scale.example",
                status=ReturnStatus.SUBMITTED,
                saved_at=submitted,
                submitted_at=submitted,
            )
            for agency in agencies
        )
        S11Rating.objects.bulk_create(
            S11Rating(
                s11_return=s11_return,
                standard=standard,
                rating=rng.choice(SelfRating.values),
                evidence="Set out in the agency's audit file.",
            )
            for s11_return in returns
            for standard in standards
        )
        counts["s11 returns"] = counts.get("s11 returns", 0) + len(returns)
