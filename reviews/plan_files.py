"""Action plans as .xlsx, in the layout inspectorates and councils already use.

Statutory requirements: No, Standard, Regulation, Requirement, Actions, Person Responsible,
Timescale for action, Progress Review. Recommendations: the same without Regulation (and
"Refer to Standard", "Good Practice Recommendations"). Areas for improvement follow the
recommendations layout. A Themes column is optional on import and written on export, so an
exported plan imports back as it was.

Rows with the same number as the row above, or no number, are further actions of the same
requirement. Progress Review text may start with a status, e.g. "At risk (12 January 2009):
...". The date in brackets is the day the progress describes; a row without one takes the
date in its optional "Review date" column, and progress with neither is dated by the officer
in the preview. Reading checks the whole file and collects every problem; nothing is written
here (reviews.plan_changes compares it with the plan already on the review).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from lscb import limits
from lscb.spreadsheets import SheetError, Table, find_tables, open_workbook
from lscb.vocab import RAG, plural
from reviews.models import Recommendation, RecommendationKind, Review
from reviews.timescales import TimescaleError, format_timescale, parse_timescale

ACTION_COLUMNS = ["Actions", "Person Responsible", "Timescale"]
_STANDARD_MAX = Recommendation._meta.get_field("standard_reference").max_length
_REGULATION_MAX = Recommendation._meta.get_field("regulation_reference").max_length
# The longest each column may be: the limit of the field it fills. A progress cell may
# also carry its status and date before the narrative.
COLUMN_LIMITS = {
    "No": limits.SHORT_LABEL,
    "Requirement": limits.STATEMENT,
    "Recommendation": limits.STATEMENT,
    "Area for improvement": limits.STATEMENT,
    "Actions": limits.STATEMENT,
    "Person Responsible": limits.NOTES,
    "Timescale": limits.SHORT_LABEL,
    "Progress Review": limits.PROGRESS + limits.SHORT_LABEL,
    "Themes": limits.NOTES,
    "Review date": limits.SHORT_LABEL,
}
ALIASES = {
    "Timescale": ["Timescale for action", "Timescales"],
    "Standard": ["Refer to Standard", "Standards"],
    "Recommendation": [
        "Good Practice Recommendations",
        "Good Practice Recommendation",
        "Recommendations",
    ],
    "Area for improvement": ["Areas for improvement"],
    "Requirement": ["Requirements"],
    "Person Responsible": ["Persons Responsible", "Responsible"],
    "Progress Review": ["Progress"],
    "Review date": ["Date", "Progress date", "Date of review", "Date reviewed"],
}
OPTIONAL = ["Progress Review", "Themes", "Review date"]


@dataclass(frozen=True)
class Layout:
    kind: str
    text_column: str
    required: list[str]
    optional: list[str]
    forbidden: list[str]
    sheet_title: str
    export_headers: list[str]


LAYOUTS = [
    Layout(
        RecommendationKind.STATUTORY_REQUIREMENT,
        "Requirement",
        ["No", "Standard", "Regulation", "Requirement", *ACTION_COLUMNS],
        OPTIONAL,
        [],
        "Statutory requirements",
        [
            "No",
            "Standard",
            "Regulation",
            "Requirement",
            "Actions",
            "Person Responsible",
            "Timescale for action",
            "Progress Review",
            "Themes",
        ],
    ),
    Layout(
        RecommendationKind.RECOMMENDATION,
        "Recommendation",
        ["No", "Standard", "Recommendation", *ACTION_COLUMNS],
        OPTIONAL,
        ["Regulation"],
        "Recommendations",
        [
            "No",
            "Refer to Standard",
            "Good Practice Recommendations",
            "Actions",
            "Person Responsible",
            "Timescale for action",
            "Progress Review",
            "Themes",
        ],
    ),
    Layout(
        RecommendationKind.AREA_FOR_IMPROVEMENT,
        "Area for improvement",
        ["No", "Area for improvement", *ACTION_COLUMNS],
        ["Standard", *OPTIONAL],
        ["Regulation"],
        "Areas for improvement",
        [
            "No",
            "Standard",
            "Area for improvement",
            "Actions",
            "Person Responsible",
            "Timescale for action",
            "Progress Review",
            "Themes",
        ],
    ),
]
_PROGRESS = re.compile(
    r"^(?P<rag>not started|on track|at risk|off track|complete)\s*"
    r"(?:\((?P<date>[^)]*)\))?\s*[:\-–]\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class ParsedPlan:
    recommendations: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(r["actions"]) for r in self.recommendations)


def _unquote(cells: dict[str, str]) -> dict[str, str]:
    """Undo export's formula guard: "'=x" was written for a cell that really says "=x"."""
    return {
        k: v[1:] if v.startswith("'") and v[1:2] in ("=", "+", "-", "@") else v
        for k, v in cells.items()
    }


def normalise_standard(text: str) -> str:
    """A bare standard number (as the requirements table writes it) reads as NMS n."""
    text = " ".join(text.split())
    return f"NMS {text}" if text.isdigit() else text


def progress_text(rag: str, day: dt.date | None, narrative: str) -> str:
    if not rag:
        return ""
    when = f" ({day:%-d %B %Y})" if day else ""
    return f"{RAG(rag).label}{when}: {narrative}".strip()


def _parse_progress(
    text: str, row_date: str, where: str, today: dt.date, plan: ParsedPlan
) -> dict | None:
    """The progress a cell states: its RAG, the day it describes (None when neither the cell
    nor the row's Review date says) and its narrative."""
    text = text.strip()
    if not text:
        return None
    rag, day, narrative = RAG.ON_TRACK, None, text
    stated_date = row_date.strip()
    if m := _PROGRESS.match(text):
        rag = {label.lower(): value for value, label in RAG.choices}[m.group("rag").lower()]
        narrative = m.group("text").strip()
        stated_date = (m.group("date") or "").strip() or stated_date
    else:
        plan.warnings.append(
            f"{where}: progress with no status is recorded as On track. Start the cell with a "
            "status such as “At risk:” to record another."
        )
    if stated_date:
        try:
            day, _ = parse_timescale(stated_date)
        except TimescaleError:
            plan.errors.append(f"{where}: the progress date “{stated_date}” is not a date.")
            return None
    if day and day > today:
        plan.errors.append(f"{where}: the progress date cannot be in the future.")
        return None
    if too_long := limits.length_error("The progress narrative", narrative, limits.PROGRESS):
        plan.errors.append(f"{where}: {too_long}")
        return None
    if rag in (RAG.AT_RISK, RAG.OFF_TRACK) and not narrative:
        plan.errors.append(f"{where}: say why the action is {RAG(rag).label.lower()}.")
        return None
    # Closing an action needs evidence, which a spreadsheet cannot carry: "complete" is kept
    # as stated (so an unchanged row is seen as unchanged) and recorded as On track.
    return {
        "rag": RAG.ON_TRACK if rag == RAG.COMPLETE else rag,
        "stated_rag": rag,
        "date": day.isoformat() if day else None,
        "narrative": narrative,
    }


def _truncate(tables: list[tuple[Layout, Table]]) -> None:
    """Cut each table at the next table's header row on the same sheet."""
    for _, table in tables:
        later = [
            t.header_row
            for _, t in tables
            if t.sheet == table.sheet and t.header_row > table.header_row
        ]
        if later:
            stop = min(later)
            table.rows = [(n, cells) for n, cells in table.rows if n < stop]


def read_plan(
    upload, *, review: Review, themes_by_name: dict[str, int], today: dt.date
) -> ParsedPlan:
    """Read and check an action plan workbook; raises SheetError if it is unusable whole."""
    workbook = open_workbook(upload)
    try:
        tables: list[tuple[Layout, Table]] = []
        for layout in LAYOUTS:
            for table in find_tables(
                workbook,
                layout.required,
                optional=layout.optional,
                aliases=ALIASES,
                forbidden=layout.forbidden,
            ):
                tables.append((layout, table))
    finally:
        workbook.close()
    if not tables:
        raise SheetError(
            "No action plan table was found. The statutory requirements need the columns "
            + ", ".join(f"“{c}”" for c in LAYOUTS[0].required)
            + "; the recommendations table has the same columns without “Regulation”."
        )
    _truncate(tables)
    plan = ParsedPlan()
    seen: set[tuple[str, int]] = set()
    for layout, table in tables:
        current: dict | None = None
        for row_number, raw in table.rows:
            cells = _unquote(raw)
            where = f"{table.sheet} row {row_number}"
            too_long = limits.clean_cells(cells, COLUMN_LIMITS)
            if too_long:
                plan.errors.extend(f"{where}: {message}" for message in too_long)
                continue
            number_text = cells.get("No", "").strip().rstrip(".")
            text = cells.get(layout.text_column, "")
            what = cells.get("Actions", "")
            if not number_text.isdigit() and not text and not what:
                continue  # a heading or page title repeated inside the table
            if number_text and not number_text.isdigit():
                plan.errors.append(f"{where}: “No” must be a whole number, not “{number_text}”.")
                continue
            if number_text and (current is None or int(number_text) != current["number"]):
                number = int(number_text)
                key = (layout.kind, number)
                label = RecommendationKind(layout.kind).label.lower()
                if key in seen:
                    plan.errors.append(f"{where}: {label} {number} appears twice.")
                    current = None
                    continue
                if not text:
                    plan.errors.append(f"{where}: “{layout.text_column}” is empty.")
                    current = None
                    continue
                theme_ids = []
                for name in filter(None, (t.strip() for t in cells.get("Themes", "").split(";"))):
                    theme_id = themes_by_name.get(name.lower())
                    if theme_id is None:
                        plan.errors.append(f"{where}: there is no theme called “{name}”.")
                    else:
                        theme_ids.append(theme_id)
                seen.add(key)
                standard = normalise_standard(cells.get("Standard", ""))
                regulation = " ".join(cells.get("Regulation", "").split())
                # Checked here so the preview says so, rather than the database refusing it.
                for column, value, limit in (
                    ("Standard", standard, _STANDARD_MAX),
                    ("Regulation", regulation, _REGULATION_MAX),
                ):
                    if len(value) > limit:
                        plan.errors.append(
                            f"{where}: “{column}” is longer than {limit} characters; "
                            "write the reference only."
                        )
                current = {
                    "row": row_number,
                    "sheet": table.sheet,
                    "kind": layout.kind,
                    "number": number,
                    "standard": standard,
                    "regulation": regulation,
                    "text": text,
                    "themes": theme_ids,
                    "actions": [],
                }
                plan.recommendations.append(current)
            elif current is None:
                plan.errors.append(f"{where}: this row has no number and follows no requirement.")
                continue
            if not what:
                if cells.get("Timescale") or cells.get("Person Responsible"):
                    plan.errors.append(f"{where}: “Actions” is empty.")
                continue
            try:
                timescale, is_month = parse_timescale(cells.get("Timescale", ""))
            except TimescaleError as exc:
                plan.errors.append(f"{where}: {exc}")
                continue
            current["actions"].append(
                {
                    "row": row_number,
                    "what": what,
                    "responsible": cells.get("Person Responsible", ""),
                    "timescale": timescale.isoformat() if timescale else None,
                    "is_month": is_month,
                    "progress": _parse_progress(
                        cells.get("Progress Review", ""),
                        cells.get("Review date", ""),
                        where,
                        today,
                        plan,
                    ),
                }
            )
    if not plan.recommendations and not plan.errors:
        plan.errors.append("The tables were found but hold no requirements or recommendations.")
    return plan


WITHDRAWN_SHEET = "Withdrawn"
# Deliberately unlike every action plan layout (no "Standard", no "Actions"), so a plan
# exported, edited and imported again never reads a withdrawn item back as a live one.
WITHDRAWN_HEADERS = ["Withdrawn item", "What it said", "Withdrawn on", "Reason"]


def export_sheets(review: Review) -> list[tuple[str, list[str], list[list], list[int]]]:
    """Rows for lscb.spreadsheets.xlsx_response, one sheet per kind that has entries.

    Withdrawn requirements and actions are left off those sheets, as they are left out of
    every count; a last sheet lists them with their numbers and why they went, so the gaps
    in the numbering are explained and nothing withdrawn comes back on re-import."""
    recs = list(
        review.recommendations.prefetch_related("actions", "themes").order_by("kind", "number")
    )
    sheets = []
    withdrawn: list[list] = []
    for layout in LAYOUTS:
        mine = [r for r in recs if r.kind == layout.kind]
        live = [r for r in mine if not r.is_withdrawn]
        if not live and layout.kind != RecommendationKind.STATUTORY_REQUIREMENT:
            withdrawn.extend(_withdrawn_rows(mine))
            continue
        rows: list[list] = []
        for rec in live:
            themes = "; ".join(t.name for t in rec.themes.all())
            head = [rec.number, rec.standard_reference]
            if layout.kind == RecommendationKind.STATUTORY_REQUIREMENT:
                head.append(rec.regulation_reference)
            head.append(rec.text)
            actions = [a for a in rec.actions.all() if not a.is_withdrawn] or [None]
            for action in actions:
                if action is None:
                    rows.append([*head, "", "", "", "", themes])
                    continue
                rows.append(
                    [
                        *head,
                        action.what,
                        action.responsible,
                        format_timescale(action.timescale, action.timescale_is_month),
                        progress_text(
                            action.current_rag, action.last_update_date, action.current_narrative
                        ),
                        themes,
                    ]
                )
        withdrawn.extend(_withdrawn_rows(mine))
        widths = (
            [6, 12]
            + ([18] if len(layout.export_headers) == 9 else [])
            + [
                50,
                50,
                25,
                16,
                50,
                25,
            ]
        )
        sheets.append((layout.sheet_title, layout.export_headers, rows, widths))
    if withdrawn:
        sheets.append((WITHDRAWN_SHEET, WITHDRAWN_HEADERS, withdrawn, [40, 60, 18, 60]))
    return sheets


def _withdrawn_rows(recs: list[Recommendation]) -> list[list]:
    """The withdrawn requirements of one kind, and the withdrawn actions of the live ones,
    named by the numbers the review page gives them."""
    rows = []
    for rec in recs:
        name = f"{rec.get_kind_display()} {rec.number}"
        if rec.is_withdrawn:
            rows.append([name, rec.text, _day(rec.withdrawn_at), rec.withdrawn_reason])
            continue
        # Actions are numbered among all of the requirement's actions, withdrawn or not.
        for number, action in enumerate(rec.actions.all(), start=1):
            if action.is_withdrawn:
                rows.append(
                    [
                        f"Action {number} of {name[0].lower()}{name[1:]}",
                        action.what,
                        _day(action.withdrawn_at),
                        action.withdrawn_reason,
                    ]
                )
    return rows


def _day(moment: dt.datetime | None) -> str:
    return f"{timezone.localdate(moment):%-d %B %Y}" if moment else ""


def requirements_and_actions(recommendations: int, actions: int) -> str:
    """What an import added, counted in words: "1 requirement or recommendation with 2 actions"."""
    recs = plural(
        recommendations, "requirement or recommendation", "requirements or recommendations"
    )
    return f"{recs} with {plural(actions, 'action')}"
