"""Reads for section 11 audits: the grid of agencies against standards with the change since
the last round, and one agency's return. Each runs a fixed number of queries however many
agencies and standards a board has."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from reviews.models import (
    SELF_RATING_ORDER,
    Action,
    ReturnStatus,
    Review,
    ReviewKind,
    S11Rating,
    S11Return,
    Standard,
)

# The purpose section 11 links are registered under (reviews.apps).
PURPOSE = "s11_return"

UP, DOWN, SAME = "up", "down", "same"
CHANGE_WORDS = {
    UP: "Better than last year",
    DOWN: "Worse than last year",
    SAME: "Same as last year",
}


def change(before: str, now: str) -> str:
    """How a rating moved between two rounds: up, down or same; empty if either is missing."""
    if not before or not now:
        return ""
    step = SELF_RATING_ORDER.index(now) - SELF_RATING_ORDER.index(before)
    return UP if step > 0 else DOWN if step < 0 else SAME


def return_standards(s11_return: S11Return) -> list[Standard]:
    """The standards a return answers: the board's active ones, and any it has already rated."""
    return list(
        Standard.objects.filter(board_id=s11_return.review.board_id)
        .filter(Q(active=True) | Q(ratings__s11_return=s11_return))
        .distinct()
        .order_by("position", "id")
    )


def previous_round(review: Review) -> Review | None:
    """The board's section 11 round before this one."""
    return (
        Review.objects.filter(
            board_id=review.board_id,
            kind=ReviewKind.SECTION_11,
            start_date__lt=review.start_date,
        )
        .order_by("-start_date", "-id")
        .first()
    )


def _submitted_ratings(review: Review | None) -> dict[tuple[int, int], str]:
    """(agency id, standard id) -> rating, for the round's submitted returns."""
    if review is None:
        return {}
    rows = S11Rating.objects.filter(
        s11_return__review=review, s11_return__status=ReturnStatus.SUBMITTED
    ).values_list("s11_return__agency_id", "standard_id", "rating")
    return {(agency, standard): rating for agency, standard, rating in rows}


@dataclass(frozen=True)
class Cell:
    standard: Standard
    rating: str  # this round's, "" when not rated or not submitted
    before: str  # last round's, "" when there was none
    change: str  # up, down, same or ""

    @property
    def change_words(self) -> str:
        return CHANGE_WORDS.get(self.change, "")


@dataclass
class GridRow:
    s11_return: S11Return
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Grid:
    review: Review
    previous: Review | None
    standards: list[Standard]
    rows: list[GridRow]

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.s11_return.is_submitted)


def s11_grid(review: Review) -> Grid:
    """Every return of the round, its agency's rating against each standard once submitted,
    and how that moved since the board's previous round (five queries)."""
    previous = previous_round(review)
    returns = list(
        S11Return.objects.filter(review=review).select_related("agency").order_by("agency__name")
    )
    standards = list(
        Standard.objects.filter(board_id=review.board_id)
        .filter(Q(active=True) | Q(ratings__s11_return__review=review))
        .distinct()
        .order_by("position", "id")
    )
    now = _submitted_ratings(review)
    before = _submitted_ratings(previous)
    rows = []
    for s11_return in returns:
        cells = []
        for standard in standards:
            key = (s11_return.agency_id, standard.pk)
            rating, earlier = now.get(key, ""), before.get(key, "")
            cells.append(Cell(standard, rating, earlier, change(earlier, rating)))
        rows.append(GridRow(s11_return, cells))
    return Grid(review, previous, standards, rows)


@dataclass(frozen=True)
class Answered:
    standard: Standard
    rating: S11Rating | None
    before: str
    change: str

    @property
    def change_words(self) -> str:
        return CHANGE_WORDS.get(self.change, "")


@dataclass
class ReturnPage:
    s11_return: S11Return
    answers: list[Answered]
    previous: Review | None
    challenges: list[Action]


def return_answers(s11_return: S11Return, previous: Review | None = None) -> list[Answered]:
    """Each standard the return answers, with its rating (if any) and last round's."""
    standards = return_standards(s11_return)
    ratings = {r.standard_id: r for r in S11Rating.objects.filter(s11_return=s11_return)}
    before = _submitted_ratings(previous)
    answers = []
    for standard in standards:
        rating = ratings.get(standard.pk)
        earlier = before.get((s11_return.agency_id, standard.pk), "")
        now = rating.rating if rating and s11_return.is_submitted else ""
        answers.append(Answered(standard, rating, earlier, change(earlier, now)))
    return answers


def s11_return_page(s11_return: S11Return) -> ReturnPage:
    """One return for the board: its answers against last year's and the challenges raised
    to the agency in this round."""
    previous = previous_round(s11_return.review)
    challenges = list(
        Action.objects.filter(
            recommendation__review=s11_return.review,
            agency=s11_return.agency,
            withdrawn_at__isnull=True,
        )
        .select_related("recommendation")
        .order_by("recommendation__number", "position")
    )
    return ReturnPage(s11_return, return_answers(s11_return, previous), previous, challenges)


def returns_awaiting(address: str) -> list[S11Return]:
    """Returns issued to this address that are not yet submitted, in open rounds."""
    return list(
        S11Return.objects.filter(lead_email=address.strip().lower())
        .exclude(status=ReturnStatus.SUBMITTED)
        .exclude(review__status="closed")
        .select_related("review__board", "agency")
        .order_by("review__board__name", "pk")
    )
