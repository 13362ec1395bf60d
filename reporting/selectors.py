"""Reads for reporting pages, each a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from boards.models import Board
from lscb.vocab import Quarter
from reporting.models import (
    IndicatorValue,
    ItemSection,
    PortfolioItem,
    PortfolioMeeting,
    QuarterlyReport,
    ReportNarrative,
    ReportStatus,
)
from reporting.pack_models import MeetingPack, PackKind, current_digest


@dataclass
class QuarterRow:
    quarter: Quarter
    reports: list[QuarterlyReport] = field(default_factory=list)
    has_figures: bool = False
    has_narrative: bool = False

    @property
    def latest_ready(self) -> QuarterlyReport | None:
        return next((r for r in self.reports if r.status == ReportStatus.READY), None)


def report_quarters(board: Board, today: dt.date | None = None) -> list[QuarterRow]:
    """Quarters with reports, figures or a narrative, plus the last and current quarter.

    Three queries: reports, the quarters with figures, the quarters with a narrative.
    """
    current = Quarter.containing(today or dt.date.today())
    rows: dict[str, QuarterRow] = {q.code: QuarterRow(q) for q in (current, current.previous())}
    for report in QuarterlyReport.objects.filter(board=board).order_by("-quarter", "-version"):
        rows.setdefault(report.quarter, QuarterRow(report.quarter_obj)).reports.append(report)
    # order_by() drops the model's default ordering, whose columns DISTINCT would otherwise
    # include: one row per value (1,360 for ten years) instead of one per quarter.
    for code in (
        IndicatorValue.objects.filter(board=board)
        .order_by()
        .values_list("quarter", flat=True)
        .distinct()
    ):
        rows.setdefault(code, QuarterRow(Quarter.parse(code))).has_figures = True
    for code in ReportNarrative.objects.filter(board=board).values_list("quarter", flat=True):
        rows.setdefault(code, QuarterRow(Quarter.parse(code))).has_narrative = True
    return sorted(rows.values(), key=lambda r: r.quarter, reverse=True)


def reports_in_progress(board: Board) -> bool:
    """Whether any of the board's reports is still queued or rendering (one query)."""
    return QuarterlyReport.objects.filter(
        board=board, status__in=[ReportStatus.QUEUED, ReportStatus.RENDERING]
    ).exists()


# A queued report no worker has picked up after this long is waiting for one to run.
WORKER_WAIT = dt.timedelta(minutes=1)


@dataclass
class RequestedReport:
    """The report an officer has just asked for, as the banner at the top of the list shows it."""

    report: QuarterlyReport
    waiting_for_worker: bool


def queue_state(board: Board, now: dt.datetime) -> tuple[bool, bool]:
    """Whether any of the board's reports is still queued or rendering, and whether one has
    been queued for longer than a worker takes to pick it up (one query; a board has at
    most a few reports in progress)."""
    rows = QuarterlyReport.objects.filter(
        board=board, status__in=[ReportStatus.QUEUED, ReportStatus.RENDERING]
    ).values_list("status", "requested_at")
    rows = list(rows.order_by())
    stalled = any(s == ReportStatus.QUEUED and now - at > WORKER_WAIT for s, at in rows)
    return bool(rows), stalled


def requested_report(board: Board, pk: object, now: dt.datetime) -> RequestedReport | None:
    """The board's report with this id, if there is one (one query; none for a bad id)."""
    try:
        report = QuarterlyReport.objects.filter(board=board, pk=int(str(pk))).first()
    except ValueError:
        return None
    if report is None:
        return None
    waiting = report.status == ReportStatus.QUEUED and now - report.requested_at > WORKER_WAIT
    return RequestedReport(report, waiting)


def latest_report(board: Board) -> QuarterlyReport | None:
    """The newest version of the most recent quarter, whenever each was requested.

    Quarter codes ("2008Q3") sort in time order as text, so one query finds it.
    """
    return QuarterlyReport.objects.filter(board=board).order_by("-quarter", "-version").first()


def upcoming_meetings(board: Board, limit: int = 5) -> list[PortfolioMeeting]:
    return list(PortfolioMeeting.objects.filter(board=board).order_by("-date", "-time")[:limit])


@dataclass
class ScheduleItem:
    number: str
    item: PortfolioItem
    report: QuarterlyReport | None = None


@dataclass
class ScheduleSection:
    number: int
    title: str
    items: list[ScheduleItem]
    exempt: bool


def meeting_schedule(meeting: PortfolioMeeting) -> list[ScheduleSection]:
    """The decision schedule in the council's numbering: public sections 1 to 3, then the
    exempt items notice (4) and exempt key decisions and other items (5 and 6).

    Two queries: the items, and the ready reports they refer to.
    """
    items = list(meeting.items.order_by("order", "pk"))
    quarters = {i.report_quarter for i in items if i.report_quarter}
    reports: dict[str, QuarterlyReport] = {}
    for report in QuarterlyReport.objects.filter(
        board_id=meeting.board_id, quarter__in=quarters, status=ReportStatus.READY
    ).order_by("quarter", "-version"):
        reports.setdefault(report.quarter, report)
    layout = [
        (1, ItemSection.KEY, False),
        (2, ItemSection.OTHER, False),
        (3, ItemSection.SCRUTINY, False),
        (5, ItemSection.KEY, True),
        (6, ItemSection.OTHER, True),
    ]
    sections = []
    for number, section, exempt in layout:
        chosen = [i for i in items if i.section == section and i.exempt == exempt]
        if exempt and section == ItemSection.KEY:
            # Exempt scrutiny reports are listed with exempt key decisions, as councils do.
            chosen += [i for i in items if i.section == ItemSection.SCRUTINY and i.exempt]
        sections.append(
            ScheduleSection(
                number=number,
                title=ItemSection(section).label,
                exempt=exempt,
                items=[
                    ScheduleItem(f"{number}.{n}", item, reports.get(item.report_quarter))
                    for n, item in enumerate(chosen, start=1)
                ],
            )
        )
    return sections


def meeting_pack_rows(meeting) -> list[MeetingPack]:
    return list(MeetingPack.objects.filter(meeting=meeting))


def meeting_packs(
    meeting, items: list, rows: list[MeetingPack] | None = None
) -> list[tuple[PackKind, MeetingPack | None]]:
    """Each kind of agenda pack and, once the meeting is held, of minutes, with the
    meeting's row for it if any (`rows`, from meeting_pack_rows, when already read),
    marked `out_of_date` when what it shows has changed since its file was made. `items`
    are the meeting's agenda items in order, their papers and their minutes' actions
    prefetched and their minutes selected. One query, none when given `rows`."""
    found = {pack.kind: pack for pack in (meeting_pack_rows(meeting) if rows is None else rows)}
    for kind, pack in found.items():
        pack.meeting = meeting
        digest = current_digest(PackKind(kind), meeting, items)
        pack.out_of_date = pack.has_file and pack.agenda_digest != digest
    # Minutes are written once the meeting is held.
    kinds = [kind for kind in PackKind if meeting.is_held or not kind.is_minutes]
    return [(kind, found.get(kind)) for kind in kinds]
