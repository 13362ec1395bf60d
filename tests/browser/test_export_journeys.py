"""The portfolio holder downloads the year's figures in national codes and the practice review
records, and each file holds what the demo holds."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

from openpyxl import load_workbook
from playwright.sync_api import expect

from reporting.demo import FIGURES
from tests.browser.conftest import check_accessibility, sign_in


def _download(page, name: str, tmp_path):
    # A "/" in the pattern is escaped: Playwright would read it as the end of the pattern.
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(name)).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_portfolio_holder_downloads_the_years_figures_and_reviews_in_national_codes(page, tmp_path):
    sign_in(page, "portfolio")
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Download the figures in national codes").click()
    expect(page.locator("h1")).to_have_text("Exports in national codes")
    check_accessibility(page, "exports in national codes")

    workbook = _download(page, r"^Excel\W+workbook of the dataset for 2008\/09$", tmp_path)
    assert workbook.name == "hartlepool-dataset-2008-09.xlsx"
    rows = list(load_workbook(workbook)["Dataset"].iter_rows(values_only=True))
    neglect = {r[0]: r[7] for r in rows[1:] if r[5] == "NEG"}
    assert {q: Decimal(str(v)) for q, v in neglect.items()} == {
        q: Decimal(FIGURES[q]["plans_neglect"]) for q in ("2008Q1", "2008Q2", "2008Q3")
    }

    records = _download(page, r"^CSV\W+of practice review records for 2008\/09$", tmp_path)
    with records.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Kind of review"], r["Nature of notification"], r["Quarter"]) for r in rows] == [
        ("Serious case review", "Serious harm", "2008Q1")
    ]
    assert rows[0]["Notification"] == "Met"
    assert "Child B" not in records.read_text(encoding="utf-8-sig")
