"""Contrast in the SVG charts, which axe-core leaves "to be checked by a person".

axe-core cannot work out the background behind SVG <text>, so it reports the charts'
labels as incomplete rather than passing or failing them. This checks the same markup by
arithmetic (WCAG 2.2 relative luminance): text at least 4.5:1 against what it is drawn on,
bars at least 3:1 against the white page (1.4.11 non-text contrast).
"""

from __future__ import annotations

import re

import pytest

from lscb.charts import grouped_bar_chart, rag_bar_chart
from lscb.vocab import RAG_ORDER

WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_arithmetic_matches_known_pairs():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


def _drawn(svg: str) -> list[tuple[str, str]]:
    """(element, fill) for each rect and text, in drawing order."""
    return re.findall(r'<(rect|text)\b[^>]*\bfill="(#[0-9a-fA-F]{6})"', svg)


def test_rag_chart_numbers_on_bars_and_labels_beside_them_are_readable():
    rows = [("Practice, Policy and Procedure", {rag: 3 for rag in RAG_ORDER})]
    drawn = _drawn(rag_bar_chart(rows, title="t"))
    bar = WHITE
    texts = 0
    for element, fill in drawn:
        if element == "rect":
            bar = fill
            assert contrast(fill, WHITE) >= 3, f"bar {fill} against the page"
        else:
            # A number inside a bar is white on that bar; other text sits on the white page.
            background = bar if fill.lower() == WHITE else WHITE
            assert contrast(fill, background) >= 4.5, f"text {fill} on {background}"
            texts += 1
    assert texts >= len(RAG_ORDER) + 2  # label, one number per segment, total, legend


def test_grouped_chart_bars_stand_out_from_the_page_and_labels_are_readable():
    svg = grouped_bar_chart(
        ["Neglect", "Physical", "Emotional", "Sexual", "Multiple", "Other"],
        [("2008Q2", [1, 2, 3, 4, 5, 6]), ("2008Q3", [6, 5, 4, 3, 2, 1])],
        title="t",
    )
    drawn = _drawn(svg)
    assert drawn
    for element, fill in drawn:
        needed = 3 if element == "rect" else 4.5
        assert contrast(fill, WHITE) >= needed, f"{element} {fill} on the white page"
