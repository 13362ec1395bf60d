"""The officer downloads the joint targeted area inspection's action plan (this year's, not yet
signed off), adds an area for improvement and rewords another in the spreadsheet, and imports
it again: the preview shows what is added and what changes, old beside new, and the plan is
updated in place. Every page is checked with axe-core.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

JTAI = "Joint targeted area inspection: children living with neglect"


def test_officer_reimports_an_edited_export_and_sees_each_change_before_saving(page, tmp_path):
    from reviews.models import Recommendation, Review

    sign_in(page, "officer")
    page.get_by_role("link", name="Reviews and inspections").click()
    page.get_by_role("link", name=JTAI).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the action plan (.xlsx)").click()
    wb = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = wb["Areas for improvement"]
    header = [c.value for c in sheet[1]]
    column = header.index("Area for improvement") + 1
    old_text = sheet.cell(row=2, column=column).value
    sheet.cell(row=2, column=column, value="Reworded in the spreadsheet")
    numbers = [c.value for c in sheet["A"][1:] if isinstance(c.value, int)]
    sheet.append([max(numbers) + 1, "", "Added in the spreadsheet", "Do it"])
    edited = tmp_path / "plan.xlsx"
    wb.save(edited)

    page.get_by_role("link", name="Import an action plan").first.click()
    check_accessibility(page, "action plan import")
    page.get_by_label("Action plan workbook (.xlsx)").set_input_files(str(edited))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    counts = page.locator("#import-counts")
    for term, value in (
        ("Added", "1 requirement or recommendation, 1 action"),
        ("Changed", "1 requirement or recommendation, 0 actions"),
        ("Progress to record", "0 actions"),  # what the file says is already recorded
    ):
        expect(counts).to_contain_text(re.compile(rf"{term}\s*{value}"))
    expect(page.locator("del", has_text=old_text[:40])).to_be_visible()
    expect(page.locator("ins", has_text="Reworded in the spreadsheet")).to_be_visible()
    check_accessibility(page, "action plan import preview")
    page.get_by_role("button", name="Import these into the action plan").click()
    expect(page.get_by_text("Imported the action plan:")).to_be_visible()

    review = Review.objects.get(title=JTAI)
    texts = set(Recommendation.objects.filter(review=review).values_list("text", flat=True))
    assert {"Reworded in the spreadsheet", "Added in the spreadsheet"} <= texts
    assert old_text not in texts


def test_officer_reimports_an_edited_workplan_export_into_the_same_workplan(page, tmp_path):
    from django.urls import reverse

    from workplans.models import Outcome, Workplan

    workplan = Workplan.objects.filter(board__slug="hartlepool").order_by("-start").first()
    first = workplan.outcomes.filter(retired_on__isnull=True).order_by("order", "id").first()
    sign_in(page, "officer")
    page.goto(reverse("workplans:detail", args=["hartlepool", workplan.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Excel (.xlsx)").click()
    wb = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=1).value == first.title
    sheet.cell(row=2, column=header.index("How we will do it") + 1, value="Rewritten how")
    sheet.append(["An outcome added in the spreadsheet", "Somehow", "", ""])
    edited = tmp_path / "workplan.xlsx"
    wb.save(edited)

    page.goto(reverse("workplans:import", args=["hartlepool"]))
    page.get_by_label("Import into").select_option(label=str(workplan))
    page.get_by_label("Workplan spreadsheet (.xlsx)").set_input_files(str(edited))
    page.get_by_role("button", name="Check the file").click()
    counts = page.locator("#import-counts")
    for term, value in (("Added", "1 outcome"), ("Changed", "1 outcome"), ("Progress", "0 ")):
        # An unedited row is unchanged, and progress already recorded is not recorded again.
        expect(counts).to_contain_text(re.compile(rf"{term}[a-z ]*\s*{value}"))
    expect(page.locator("ins", has_text="Rewritten how")).to_be_visible()
    check_accessibility(page, "workplan import preview")
    page.get_by_role("button", name="Save this workplan").click()
    expect(page.get_by_text(f"Imported into {workplan}")).to_be_visible()

    first.refresh_from_db()
    assert first.how == "Rewritten how"
    assert Outcome.objects.filter(workplan=workplan, title__startswith="An outcome added").exists()
