"""Exports never lose text in silence: a text longer than an Excel cell holds is split across
cells and the workbook says where; CSV keeps every text whole.

No field can hold that much (lscb.limits keeps every text at 10,000 characters or fewer), so
the writer is tested directly, as text from before the limits or joined from many parts
would reach it.
"""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from lscb import limits
from lscb.spreadsheets import (
    _FORMULA_STARTS,
    EXCEL_CELL_LIMIT,
    csv_response,
    split_for_excel,
    xlsx_response,
)

HEADERS = ["Outcome", "Review", "RAG status"]
SENTENCE = "The multi-agency audit of neglect found earlier help offered in most cases.\n"


def _narrative(length: int = 40_000) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _workbook(rows):
    response = xlsx_response("plan.xlsx", [("Workplan", HEADERS, rows, [40, 50, 14])])
    return load_workbook(io.BytesIO(response.content))


def test_no_text_field_can_reach_the_excel_cell_limit():
    sizes = [v for k, v in vars(limits).items() if k.isupper() and isinstance(v, int)]
    assert max(sizes) < EXCEL_CELL_LIMIT


def test_a_text_longer_than_a_cell_continues_to_the_right_and_the_notes_say_where():
    narrative = _narrative()
    wb = _workbook([["Outcome A", narrative, "Green"], ["Outcome B", "Begun", "Amber"]])
    ws = wb["Workplan"]
    assert [c.value for c in ws[1]] == [*HEADERS, "Continued"]
    first, second = ([c.value for c in row] for row in ws.iter_rows(min_row=2))
    assert first[0] == "Outcome A" and first[2] == "Green"
    assert all(len(part) <= EXCEL_CELL_LIMIT for part in first[1::2])
    assert first[1] + first[3] == narrative
    assert second == ["Outcome B", "Begun", "Amber", None]
    assert wb.sheetnames == ["Workplan", "Notes"]
    notes = "\n".join(str(c.value) for c in wb["Notes"]["A"])
    assert "row 2, “Review”: 40,000 characters" in notes
    assert "starts in B2 and continues in D2." in notes


def test_a_text_needing_three_cells_says_so_and_a_short_workbook_has_no_notes():
    narrative = _narrative(80_000)
    wb = _workbook([["Outcome A", narrative, "Green"]])
    row = [c.value for c in wb["Workplan"][2]]
    assert row[1] + "".join(row[3:]) == narrative and len(row) == 5
    assert "continues in D2 to E2." in wb["Notes"]["A2"].value
    assert _workbook([["Outcome A", _narrative(30_000), "Green"]]).sheetnames == ["Workplan"]


def test_csv_keeps_the_whole_text_in_one_cell():
    narrative = _narrative()
    response = csv_response("plan.csv", HEADERS, [["Outcome A", narrative, "Green"]])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Outcome A", narrative, "Green"]


def test_split_parts_fit_as_excel_counts_and_never_start_like_a_formula():
    # Emoji count twice in Excel; lines starting "-" or "=" would read as formulas.
    text = ("- 🙂 progress noted\n= total\n" * 4_000)[:100_000]
    parts = split_for_excel(text)
    assert "".join(parts) == text
    assert len(parts) > 2
    assert all(_utf16_length(part) <= EXCEL_CELL_LIMIT for part in parts)
    assert not any(part.startswith(_FORMULA_STARTS) for part in parts[1:])
