"""An action plan workbook with an over-long cell is refused, naming the row and column."""

from __future__ import annotations

import datetime as dt

from lscb import limits
from reviews.plan_files import read_plan
from tests.reviews.factories import ReviewFactory
from tests.reviews.test_import_export import _seed_like_rows, _xlsx


def test_an_over_long_action_cell_is_refused_with_its_row_and_column(board):
    review = ReviewFactory(board=board)
    row = [1, 5, "Regulation 16(2)", "Obtain information", "a" * (limits.STATEMENT + 1)]
    row += ["Placement Team Manager", "01/12/2008", ""]
    plan = read_plan(
        _xlsx(_seed_like_rows(req_rows=[row])),
        review=review,
        themes_by_name={},
        today=dt.date(2009, 1, 31),
    )
    assert any(
        e.endswith("row 3: “Actions” must be 2,000 characters or fewer; you entered 2,001.")
        for e in plan.errors
    ), plan.errors
