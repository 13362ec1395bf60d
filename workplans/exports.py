"""Export a workplan as the board's familiar table plus current status, in .xlsx or CSV.

The column names are the ones the importer reads, so an export can be imported again: it
reads Delivery as the RAG status and leaves Impact, which it does not import, alone.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

from lscb.spreadsheets import csv_response, xlsx_response
from lscb.vocab import RAG, Impact
from workplans.models import Workplan
from workplans.selectors import outcomes_for_table, with_links

HEADERS = [
    "Outcome",
    "How we will do it",
    "Who",
    "Review",
    "Delivery",
    "Impact",
    "Last update",
    "Lead subgroups",
    "Named leads",
    "Themes",
    "Due date",
]
WIDTHS = [40, 50, 30, 50, 14, 20, 14, 30, 25, 30, 12]


def export_rows(workplan: Workplan) -> list[list[object]]:
    """One row per live (not retired) outcome; 4 queries whatever the size."""
    rows = []
    live = outcomes_for_table(workplan).filter(retired_on__isnull=True)
    for o in with_links(workplan, list(live), leads=True):
        rows.append(
            [
                o.title,
                o.how,
                o.who,
                o.current_narrative,
                RAG(o.current_rag).label if o.current_rag else "",
                Impact(o.current_impact).label if o.current_impact else "",
                o.last_update_date.isoformat() if o.last_update_date else "",
                "\n".join(o.lead_subgroup_names),
                "\n".join(o.lead_names),
                "\n".join(o.theme_names),
                o.due_date.isoformat() if o.due_date else "",
            ]
        )
    return rows


def export_response(workplan: Workplan, fmt: str) -> HttpResponse:
    name = f"{slugify(workplan.board.name)}-workplan-{slugify(workplan.period_label)}"
    rows = export_rows(workplan)
    if fmt == "csv":
        return csv_response(f"{name}.csv", HEADERS, rows)
    return xlsx_response(f"{name}.xlsx", [("Workplan", HEADERS, rows, WIDTHS)])
