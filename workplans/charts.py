"""The workplan RAG chart and the table of its numbers, shared by pages, the dashboard and PDFs."""

from __future__ import annotations

import datetime as dt

from lscb.charts import rag_bar_chart
from lscb.vocab import RAG, RAG_ORDER
from workplans.models import Workplan
from workplans.selectors import rag_counts_by_subgroup


def chart_context(
    workplan: Workplan,
    chart_id: str = "workplan-rag-chart",
    as_of: dt.date | None = None,
    *,
    rows: list[tuple[str, dict[str, int]]] | None = None,
) -> dict:
    """The SVG chart plus the same numbers as table rows, so colour is never the only signal.

    `rows`: the counts when the caller has them (selectors.rag_counts_of), else one query."""
    if rows is None:
        rows = rag_counts_by_subgroup(workplan, as_of)
    return {
        "chart": rag_bar_chart(
            rows,
            title=f"RAG status of outcomes by lead subgroup, {workplan.period_label}",
            chart_id=chart_id,
        ),
        "chart_rows": [
            (label, [counts.get(r, 0) for r in RAG_ORDER], sum(counts.values()))
            for label, counts in rows
        ],
        "rag_labels": [RAG(r).label for r in RAG_ORDER],
    }
