from __future__ import annotations

from decimal import Decimal

import pytest

from lscb.vocab import Quarter
from reporting.dataset import percent, quarter_figures
from reporting.models import Indicator, IndicatorValue
from tests.reporting.conftest import Q3


def test_percent_rounds_halves_up_and_ignores_missing_totals():
    assert percent(Decimal(37), Decimal(62)) == 60
    assert percent(Decimal(126), Decimal(163)) == 77
    assert percent(Decimal(1), Decimal(8)) == 13  # 12.5 rounds up
    assert percent(Decimal(5), None) is None
    assert percent(Decimal(5), Decimal(0)) is None
    assert percent(None, Decimal(5)) is None


def test_core_indicators_are_shipped_by_the_migration(db):
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {"children_receiving_services", "plans_neglect", "placed_foster", "compliments"} <= codes
    neglect = Indicator.objects.get(code="plans_neglect")
    assert neglect.parent.code == "protection_plans"
    assert neglect.breakdown == "category"


def test_shares_are_computed_from_counts(figures, board):
    rows = quarter_figures(board, Q3).by_code
    assert rows["plans_neglect"].share == 60
    assert rows["plans_physical"].share == 23
    assert rows["placed_foster"].share == 77
    assert rows["placed_residential"].share == 15
    assert rows["qualified_social_workers"].share == 57
    assert rows["children_receiving_services"].share is None  # a total has no share


def test_change_since_last_quarter_and_year_to_date(figures, board):
    rows = quarter_figures(board, Q3).by_code
    assert rows["protection_plans"].change == Decimal(2)
    assert rows["average_caseload"].change == Decimal(-1)
    # Referrals are a flow: the year to date adds the quarters up (231 + 219 + 225).
    assert rows["referrals"].year_to_date == Decimal(675)
    # Complaints are a running total: the latest figure is the year to date.
    assert rows["complaints"].year_to_date == Decimal(10)
    # Caseload is an average of the quarters.
    assert rows["average_caseload"].year_to_date == Decimal("23.7")
    # A snapshot's year to date is the latest count.
    assert rows["looked_after"].year_to_date == Decimal(163)


def test_year_to_date_is_empty_when_a_quarter_is_missing(figures, board):
    IndicatorValue.objects.filter(
        board=board, quarter="2008Q1", indicator__code="referrals"
    ).delete()
    assert quarter_figures(board, Q3).by_code["referrals"].year_to_date is None


def test_complete_breakdowns_raise_no_flags(figures, board):
    assert quarter_figures(board, Q3).problems == []


def test_breakdown_not_adding_up_is_flagged(figures, board):
    IndicatorValue.objects.filter(
        board=board, quarter="2008Q3", indicator__code="placed_foster"
    ).update(value=120)
    problems = quarter_figures(board, Q3).problems
    assert len(problems) == 1
    assert problems[0].parent.code == "looked_after"
    assert problems[0].breakdown == "placement type"
    assert "adds up to 157, but the total is 163" in problems[0].message


def test_missing_part_of_a_breakdown_is_flagged(figures, board):
    IndicatorValue.objects.filter(
        board=board, quarter="2008Q3", indicator__code="plans_multiple"
    ).delete()
    messages = [p.message for p in quarter_figures(board, Q3).problems]
    assert messages == [
        "The category breakdown of children subject to a protection plan is missing: "
        "multiple categories."
    ]


@pytest.mark.parametrize("other_quarter", ["2008Q4", "2009Q3"])
def test_figures_of_other_quarters_and_boards_do_not_leak(
    figures, board, other_board, other_quarter
):
    empty = quarter_figures(other_board, Q3)
    assert not empty.has_figures
    assert not quarter_figures(board, Quarter.parse(other_quarter)).has_figures
