"""Exports in national codes: every download, read back through csv and openpyxl, holds
exactly the board's figures (and nothing made up), with formula-looking text neutralised."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lscb.vocab import Quarter
from reporting.demo import FIGURES
from reporting.models import Indicator, IndicatorValue
from reporting.national import DATASET_HEADERS, national_codes

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response, sheet: str) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


def expected_dataset(board, quarters: list[str]) -> set[tuple[str, str, str, Decimal]]:
    """(quarter, indicator, national code, value) for every figure the board entered for a
    mapped indicator in these quarters, straight from the table."""
    exported = national_codes().exported
    return {
        (q, code, exported[code].national_code, value)
        for q, code, value in IndicatorValue.objects.filter(
            board=board, quarter__in=quarters
        ).values_list("quarter", "indicator__code", "value")
        if code in exported
    }


def as_tuples(rows: list[list[object]]) -> set[tuple[str, str, str, Decimal]]:
    col = {name: i for i, name in enumerate(DATASET_HEADERS)}
    return {
        (
            r[col["Quarter"]],
            r[col["Indicator code"]],
            r[col["National code"]] or "",
            Decimal(str(r[col["Value"]])),
        )
        for r in rows
    }


def download(client, user, name: str, board, period: str):
    client.force_login(user)
    response = client.get(reverse(name, args=[board.slug, period]))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("period", ["2008-09", "2008Q3", "2008Q1"])
def test_exports_match_the_dataset(client, figures, bob, period):
    quarters = ["2008Q1", "2008Q2", "2008Q3"] if period == "2008-09" else [period]
    expected = expected_dataset(figures, quarters)
    # The demo has a figure for every mapped indicator in each of these quarters.
    assert len(expected) == len(national_codes().exported) * len(quarters)

    csv_rows = read_csv(download(client, bob, "reporting:dataset_csv", figures, period))
    assert tuple(csv_rows[0]) == DATASET_HEADERS
    assert len(csv_rows) - 1 == len(expected)
    assert as_tuples(csv_rows[1:]) == expected

    xlsx_rows = read_xlsx(
        download(client, bob, "reporting:dataset_xlsx", figures, period), "Dataset"
    )
    assert tuple(xlsx_rows[0]) == DATASET_HEADERS
    assert len(xlsx_rows) - 1 == len(expected)
    assert as_tuples(xlsx_rows[1:]) == expected
    # Figures are numbers in the workbook, so a spreadsheet can add them up.
    assert all(isinstance(row[-1], int | float) for row in xlsx_rows[1:])


def test_the_categories_of_abuse_carry_their_census_codes(client, figures, bob):
    rows = read_csv(download(client, bob, "reporting:dataset_csv", figures, "2008Q3"))
    by_code = {r[5]: r[7] for r in rows[1:] if r[1].startswith("plans_")}
    q3 = FIGURES["2008Q3"]
    assert by_code == {
        "NEG": q3["plans_neglect"],
        "PHY": q3["plans_physical"],
        "EMO": q3["plans_emotional"],
        "SAB": q3["plans_sexual"],
        "MUL": q3["plans_multiple"],
    }


def test_a_coarser_figure_is_exported_once_against_every_code_it_covers(client, figures, bob):
    rows = read_csv(download(client, bob, "reporting:dataset_csv", figures, "2008Q3"))
    foster = [r for r in rows[1:] if r[1] == "placed_foster"]
    assert len(foster) == 1
    assert foster[0][5:] == ["U1 U2 U3 U4 U5 U6", "grouped", FIGURES["2008Q3"]["placed_foster"]]


def test_indicators_with_no_national_code_and_quarters_with_no_figures_are_left_out(
    client, figures, bob
):
    rows = read_csv(download(client, bob, "reporting:dataset_csv", figures, "2008-09"))
    assert {r[0] for r in rows[1:]} == {"2008Q1", "2008Q2", "2008Q3"}  # nothing for Q4
    assert not {r[1] for r in rows[1:]} & {"staff_in_post", "referrals_other", "complaints"}
    empty = read_csv(download(client, bob, "reporting:dataset_csv", figures, "2008Q4"))
    assert empty == [list(DATASET_HEADERS)]


def test_formula_looking_text_is_kept_as_text_in_csv_and_xlsx(client, figures, bob):
    # Indicator names can be changed in the admin, so they may hold anything.
    codes = ["plans_neglect", "plans_physical", "plans_emotional", "plans_sexual"]
    names = dict(zip([*codes, "plans_multiple", "placed_foster"], FORMULAS, strict=True))
    for code, name in names.items():
        Indicator.objects.filter(code=code).update(name=name)
    csv_rows = read_csv(download(client, bob, "reporting:dataset_csv", figures, "2008Q3"))
    got = {r[1]: r[2] for r in csv_rows[1:] if r[1] in names}
    assert got == {code: "'" + name for code, name in names.items()}

    response = download(client, bob, "reporting:dataset_xlsx", figures, "2008Q3")
    sheet = load_workbook(io.BytesIO(response.content))["Dataset"]
    cells = {row[1].value: row[2] for row in sheet.iter_rows(min_row=2)}
    for code, name in names.items():
        assert cells[code].data_type == "s", code  # text, never a formula
        assert cells[code].value == "'" + name


def test_the_workbook_carries_the_mapping_beside_the_figures(client, figures, bob):
    rows = read_xlsx(download(client, bob, "reporting:dataset_xlsx", figures, "2008Q3"), "Mapping")
    listed = {r[0] for r in rows[1:] if r[0]}
    assert listed == {m.indicator for m in national_codes().mappings}
    assert any(r[4] == "not held" and "10" in r[3].split() for r in rows[1:])


@pytest.mark.parametrize("period", ["2008", "2008-10", "2008Q9", "latest"])
def test_a_period_that_is_not_a_year_or_quarter_is_not_found(client, board, bob, period):
    client.force_login(bob)
    assert (
        client.get(reverse("reporting:dataset_csv", args=[board.slug, period])).status_code == 404
    )


def test_another_boards_member_cannot_download_this_boards_figures(client, figures, charlie):
    client.force_login(charlie)
    for name in ("reporting:dataset_csv", "reporting:dataset_xlsx", "reporting:exports"):
        args = [figures.slug] if name == "reporting:exports" else [figures.slug, "2008Q3"]
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_the_reports_page_links_to_the_exports_and_the_exports_page_lists_each_year(
    client, figures, pat
):
    client.force_login(pat)
    page = client.get(reverse("reporting:list", args=[figures.slug])).content.decode()
    assert reverse("reporting:exports", args=[figures.slug]) in page
    page = client.get(reverse("reporting:exports", args=[figures.slug])).content.decode()
    for period in ("2008-09", "2008Q1", "2008Q3", "2007-08", "2007Q4"):
        assert reverse("reporting:dataset_xlsx", args=[figures.slug, period]) in page
    assert reverse("reporting:dataset_csv", args=[figures.slug, "2008Q4"]) not in page
    assert "U1 U2 U3 U4 U5 U6" in page


def _years_of_figures(board, years: int) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    IndicatorValue.objects.bulk_create(
        IndicatorValue(board=board, indicator=indicators[code], quarter=q.code, value=Decimal(v))
        for year in range(2009 - years, 2009)
        for q in (Quarter(year, n) for n in range(1, 5))
        for code, v in FIGURES["2008Q3"].items()
    )


@pytest.mark.parametrize("years", [1, 10])
@pytest.mark.parametrize("name", ["reporting:dataset_csv", "reporting:dataset_xlsx"])
def test_dataset_downloads_run_the_same_queries_however_many_years_are_held(
    client, board, bob, years, name
):
    _years_of_figures(board, years)
    client.force_login(bob)
    url = reverse(name, args=[board.slug, "2008-09" if years == 1 else "2003-04"])
    # session, user, board, memberships (access), the period's figures
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(ctx.captured_queries) == 5, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("years", [1, 10])
def test_the_exports_page_runs_the_same_queries_however_many_years_are_held(
    client, board, bob, years
):
    _years_of_figures(board, years)
    client.force_login(bob)
    # session, user, board, memberships (access), the quarters with figures, the dates of
    # notifications
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reporting:exports", args=[board.slug]))
    assert response.status_code == 200
    assert response.content.decode().count("dataset.xlsx") == years * 5
    assert len(ctx.captured_queries) == 6, [q["sql"] for q in ctx.captured_queries]
