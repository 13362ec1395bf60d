"""Downloads in the national returns' codes, for a financial year or one of its quarters: the
quarterly dataset, and practice review records shaped like the national statistics on
serious incident notifications; and the page that lists them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from boards.access import Need
from lscb.spreadsheets import csv_response, xlsx_response
from reporting.access import get_board
from reporting.national import (
    DATASET_HEADERS,
    DATASET_WIDTHS,
    MAPPING_HEADERS,
    MAPPING_WIDTHS,
    Period,
    dataset_rows,
    export_periods,
    figure_quarters,
    mapping_rows,
)
from reporting.national_reviews import (
    COUNT_HEADERS,
    COUNT_WIDTHS,
    RECORD_HEADERS,
    RECORD_WIDTHS,
    notification_counts,
    notification_quarters,
    review_records,
)


def _period(code: str) -> Period:
    try:
        return Period.parse(code)
    except ValueError:
        raise Http404("No such year or quarter.") from None


@login_required
def exports(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.REPORTS)
    quarters = figure_quarters(board) | notification_quarters(board)
    return render(
        request,
        "reporting/national_exports.html",
        {
            "board": board,
            "access": access,
            "nav": "reports",
            "years": export_periods(quarters),
            "mapping_headers": MAPPING_HEADERS,
            "mapping": mapping_rows(),
        },
    )


def _download(filename: str, fmt: str, sheets: list[tuple]) -> HttpResponse:
    """The first sheet as CSV, or every sheet in one workbook."""
    if fmt == "csv":
        _, headers, rows, _ = sheets[0]
        return csv_response(f"{filename}.csv", headers, rows)
    return xlsx_response(f"{filename}.xlsx", sheets)


@login_required
def dataset_export(request: HttpRequest, board_slug: str, period: str, fmt: str) -> HttpResponse:
    board, _ = get_board(request.user, board_slug, Need.REPORTS)
    p = _period(period)
    rows = [row.cells() for row in dataset_rows(board, p)]
    return _download(
        f"{board.slug}-dataset-{p.code}",
        fmt,
        [
            ("Dataset", DATASET_HEADERS, rows, DATASET_WIDTHS),
            ("Mapping", MAPPING_HEADERS, mapping_rows(), MAPPING_WIDTHS),
        ],
    )


@login_required
def review_records_export(
    request: HttpRequest, board_slug: str, period: str, fmt: str
) -> HttpResponse:
    board, _ = get_board(request.user, board_slug, Need.REPORTS)
    p = _period(period)
    records = review_records(board, p, timezone.localdate())
    return _download(
        f"{board.slug}-practice-reviews-{p.code}",
        fmt,
        [
            ("Notifications", RECORD_HEADERS, [r.cells() for r in records], RECORD_WIDTHS),
            ("Counts", COUNT_HEADERS, notification_counts(records, p), COUNT_WIDTHS),
        ],
    )
