"""Read a workplan spreadsheet laid out like the board's Word table and check every row.

Columns: Outcome, How we will do it, Who, Review (required); RAG status, Due date, Themes,
Lead subgroups, Named leads and Review date (optional, written by our own export, the last as
"Last update", so that export then import round-trips).

Rules, documented here because users see their effect in the preview:
- "Who" keeps its text as written. Each line is matched to the board's subgroups by words
  (ignoring "group", "subgroup", "the", "and" and plural endings, in any order), and to
  people on the board by name or job title (a line may be the start of a job title, so
  "Head of Safeguarding" finds "Head of Safeguarding and Review"). Only unique matches link.
- "Named leads" lines are people on the board, by name; they join those found in "Who".
- "Review" becomes a progress update's narrative, dated by the row's own "Review date" when it
  has one, otherwise on the review date given with the upload. Its RAG comes from the RAG
  status column if there is one; otherwise text saying the work has not started ("not yet
  commenced", "not started") is not started and any other review text is on track. An empty
  Review cell records no update.
- Imported into an existing workplan, rows update the outcomes they match by title (see
  workplans.import_changes) and add the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError

from boards.models import Board, Person, Subgroup, Theme
from lscb import limits
from lscb.progress import validate_progress
from lscb.spreadsheets import (
    find_tables,
    missing_columns_message,
    normalise_header,
    open_workbook,
    split_lines,
)
from lscb.vocab import RAG
from workplans.import_changes import compare_rows

REQUIRED = ("Outcome", "How we will do it", "Who", "Review")
OPTIONAL = ("RAG status", "Due date", "Themes", "Lead subgroups", "Named leads", "Review date")
ALIASES = {
    "How we will do it": ("How",),
    "RAG status": ("Delivery", "RAG", "Current RAG status", "Status"),
    "Due date": ("Due", "Due by"),
    "Themes": ("Theme",),
    "Lead subgroups": ("Lead subgroup",),
    "Review": ("Latest review", "Progress"),
    "Named leads": ("Named lead", "Leads"),
    "Review date": ("Last update", "Date of review", "Progress date", "Date"),
}
# The longest each column may be: the limit of the field it fills.
COLUMN_LIMITS = {
    "Outcome": limits.TITLE,
    "How we will do it": limits.STATEMENT,
    "Who": limits.NOTES,
    "Review": limits.PROGRESS,
    "RAG status": limits.SHORT_LABEL,
    "Due date": limits.SHORT_LABEL,
    "Themes": limits.NOTES,
    "Lead subgroups": limits.NOTES,
    "Named leads": limits.NOTES,
    "Review date": limits.SHORT_LABEL,
}
_NOT_STARTED = re.compile(r"\bnot\s+(yet\s+)?(started|commenced|begun)\b", re.IGNORECASE)
_IGNORED_WORDS = {"group", "subgroup", "sub", "the", "and", "of", "lscb", "panel"}


@dataclass
class ImportRow:
    row: int
    title: str
    how: str
    who: str
    review: str
    rag: str = ""
    due_date: str | None = None
    subgroup_ids: list[int] = field(default_factory=list)
    subgroup_names: list[str] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    person_names: list[str] = field(default_factory=list)
    unmatched_who: list[str] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)
    theme_names: list[str] = field(default_factory=list)
    review_date: str | None = None  # the row's own when it has one ("" when it is wrong)
    errors: list[str] = field(default_factory=list)
    # Set when importing into an existing workplan (workplans.import_changes).
    status: str = "added"
    match_id: int | None = None
    match_version: int | None = None
    changes: list[list[str]] = field(default_factory=list)
    record_progress: bool = True


@dataclass
class ImportResult:
    rows: list[ImportRow]
    errors: list[str]  # problems with the file as a whole
    counts: dict[str, int] | None = None  # when importing into an existing workplan

    @property
    def ok(self) -> bool:
        return not self.errors and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(r.errors) for r in self.rows)


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [
        w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in _IGNORED_WORDS
    ]


def match_who(
    text: str, subgroups: list[Subgroup], people: list[Person]
) -> tuple[list[Subgroup], list[Person], list[str]]:
    """Subgroups and people named in a Who cell, and the lines that matched nothing."""
    found_groups: list[Subgroup] = []
    found_people: list[Person] = []
    unmatched: list[str] = []
    group_keys = [(s, set(_words(s.name))) for s in subgroups]
    for line in split_lines(text):
        words = set(_words(line))
        groups = [s for s, key in group_keys if key and key <= words]
        norm = normalise_header(line)
        persons = [p for p in people if normalise_header(p.name) == norm]
        if not persons:
            persons = [
                p
                for p in people
                if p.job_title
                and (
                    normalise_header(p.job_title) == norm
                    or normalise_header(p.job_title).startswith(norm + " and ")
                )
            ]
        matched = False
        for s in groups:
            matched = True
            if s not in found_groups:
                found_groups.append(s)
        if len(persons) == 1:
            matched = True
            if persons[0] not in found_people:
                found_people.append(persons[0])
        if not matched:
            unmatched.append(line)
    return found_groups, found_people, unmatched


def rag_for_review(review: str, rag_text: str) -> tuple[str, str | None]:
    """(RAG value, error) for a row: the RAG column wins, else the documented rule."""
    rag_text = rag_text.strip()
    if rag_text:
        wanted = normalise_header(rag_text).replace("_", " ")
        for value, label in RAG.choices:
            if wanted in {normalise_header(label), value.replace("_", " ")}:
                return value, None
        return "", f"“{rag_text}” is not a RAG status; use one of: " + ", ".join(RAG.labels) + "."
    if not review.strip():
        return "", None
    return (RAG.NOT_STARTED if _NOT_STARTED.search(review) else RAG.ON_TRACK), None


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def parse_workplan(
    upload,
    board: Board,
    *,
    start: dt.date,
    end: dt.date,
    review_date: dt.date | None,
    today: dt.date | None = None,
    workplan=None,
) -> ImportResult:
    """Read and check the whole file; nothing is written here. With `workplan`, each row is
    also compared with the outcome it would update (workplans.import_changes).

    Raises SheetError when the file as a whole cannot be read or is beyond the limits.
    """
    workbook = open_workbook(upload)
    try:
        tables = find_tables(workbook, REQUIRED, OPTIONAL, ALIASES)
    finally:
        workbook.close()
    if not tables:
        return ImportResult([], [missing_columns_message(REQUIRED)])
    subgroups = list(board.subgroups.all())
    by_name = {normalise_header(s.name): s for s in subgroups}
    people = list(Person.objects.filter(memberships__board=board).distinct())
    themes = {}
    for t in Theme.objects.all():
        themes[normalise_header(t.name)] = t
        themes[normalise_header(t.slug)] = t
    rows: list[ImportRow] = []
    # A table split over a page break reads as several tables; their rows are one plan.
    for table in tables:
        for row_number, cells in table.rows:
            row = _check_row(row_number, cells, subgroups, by_name, people, themes, start, end)
            _check_row_date(row, cells.get("Review date", ""), start, end, today)
            rows.append(row)
    errors: list[str] = []
    if not rows:
        errors.append("The table has a header row but no outcomes under it.")
    counts = None
    if workplan is not None:
        counts = compare_rows(workplan, rows, review_date=review_date)
    if any(r.rag and r.record_progress and r.review_date is None for r in rows):
        if review_date is None:
            errors.append("Give the date the Review column describes (the review date).")
        else:
            try:
                validate_progress(
                    rag=RAG.ON_TRACK,
                    narrative="",
                    date=review_date,
                    period=(start, end),
                    today=today,
                )
            except ValidationError as exc:
                errors.extend(f"Review date: {m}" for m in exc.message_dict.get("date", []))
    return ImportResult(rows, errors, counts)


def _check_row(row_number, cells, subgroups, by_name, people, themes, start, end) -> ImportRow:
    too_long = limits.clean_cells(cells, COLUMN_LIMITS)
    row = ImportRow(
        row=row_number,
        title=" ".join(cells.get("Outcome", "").split()),
        how=cells.get("How we will do it", ""),
        who=cells.get("Who", ""),
        review=cells.get("Review", ""),
    )
    row.errors.extend(too_long)
    if not row.title:
        row.errors.append("The Outcome cell is empty: every row needs what is to be achieved.")
    groups, persons, row.unmatched_who = match_who(row.who, subgroups, people)
    for name in split_lines(cells.get("Lead subgroups", "")):
        group = by_name.get(normalise_header(name))
        if group is None:
            row.errors.append(f"“{name}” is not a subgroup of this board.")
        elif group not in groups:
            groups.append(group)
    by_person = {normalise_header(p.name): p for p in people}
    for name in split_lines(cells.get("Named leads", "")):
        person = by_person.get(normalise_header(name))
        if person is None:
            row.errors.append(f"“{name}” is not someone on this board.")
        elif person not in persons:
            persons.append(person)
    row.subgroup_ids = [s.pk for s in groups]
    row.subgroup_names = [s.name for s in groups]
    row.person_ids = [p.pk for p in persons]
    row.person_names = [p.name for p in persons]
    for name in split_lines(cells.get("Themes", "")):
        theme = themes.get(normalise_header(name))
        if theme is None:
            row.errors.append(f"“{name}” is not one of the themes.")
        elif theme.pk not in row.theme_ids:
            row.theme_ids.append(theme.pk)
            row.theme_names.append(theme.name)
    due = cells.get("Due date", "")
    if due:
        try:
            row.due_date = _parse_date(due).isoformat()
        except ValueError:
            row.errors.append(f"“{due}” is not a date; write the due date like 31/03/2009.")
    row.rag, rag_error = rag_for_review(row.review, cells.get("RAG status", ""))
    if rag_error:
        row.errors.append(rag_error)
    elif row.rag and len(row.review) <= limits.PROGRESS:  # else already reported above
        try:
            validate_progress(
                rag=row.rag, narrative=row.review, date=start, period=(start, end), today=start
            )
        except ValidationError as exc:
            row.errors.extend(exc.message_dict.get("narrative", []))
    return row


def _check_row_date(row: ImportRow, text: str, start, end, today: dt.date | None) -> None:
    """The row's own review date: a real date inside the workplan's period, not in the future."""
    if not text.strip():
        return
    row.review_date = ""
    try:
        day = _parse_date(text)
    except ValueError:
        row.errors.append(f"“{text}” is not a date; write the review date like 31/12/2008.")
        return
    try:
        validate_progress(
            rag=RAG.ON_TRACK, narrative="", date=day, period=(start, end), today=today
        )
    except ValidationError as exc:
        row.errors.extend(f"Review date: {m}" for m in exc.message_dict.get("date", []))
        return
    row.review_date = day.isoformat()


def preview_payload(
    result: ImportResult,
    *,
    board: Board,
    title: str,
    start: dt.date,
    end: dt.date,
    review_date: dt.date | None,
    filename: str,
    workplan=None,
) -> dict:
    """What waits in the session between preview and confirm (JSON-able)."""
    return {
        "kind": "workplan",
        "board_id": board.pk,
        "workplan_id": workplan.pk if workplan is not None else None,
        "counts": result.counts,
        "title": title,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "review_date": review_date.isoformat() if review_date else None,
        "filename": filename,
        "rows": [asdict(r) for r in result.rows],
    }
