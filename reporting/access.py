"""The permission-checked getters every reporting view loads its objects through."""

from __future__ import annotations

from django.http import Http404

from boards import meeting_access as meetings_access
from boards.access import BoardAccess, Need, get_board_for_user
from boards.meeting_models import Meeting
from boards.models import Board
from lscb.vocab import Quarter
from reporting.models import PortfolioMeeting, QuarterlyReport, ReportStatus, YearlyReport
from reporting.pack_models import MeetingPack, PackKind


def get_quarter(code: str) -> Quarter:
    try:
        return Quarter.parse(code)
    except ValueError:
        raise Http404("No such quarter.") from None


def get_board(user, board_slug: str, need: Need = Need.VIEW) -> tuple[Board, BoardAccess]:
    return get_board_for_user(user, board_slug, need)


def get_report_for_user(
    user, board_slug: str, pk: int, need: Need = Need.REPORTS, *, ready_only: bool = False
) -> tuple[QuarterlyReport, BoardAccess]:
    """404 unless the report belongs to a board the user is a member of (and, for downloads,
    is ready: a file still being written is never served)."""
    board, access = get_board_for_user(user, board_slug, need)
    qs = QuarterlyReport.objects.select_related("board").filter(board=board, pk=pk)
    if ready_only:
        qs = qs.filter(status=ReportStatus.READY).exclude(pdf="")
    report = qs.first()
    if report is None:
        raise Http404("No such report.")
    return report, access


def get_meeting_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[PortfolioMeeting, BoardAccess]:
    board, access = get_board_for_user(user, board_slug, need)
    meeting = PortfolioMeeting.objects.select_related("board").filter(board=board, pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting, access


def get_year(year: int) -> int:
    """A financial year's starting year, within the years the product can hold."""
    if not 1990 <= year <= 2100:
        raise Http404("No such year.")
    return year


def get_yearly_report_for_user(
    user, board_slug: str, year: int, need: Need = Need.REPORTS
) -> tuple[YearlyReport, BoardAccess]:
    """The board's report for the financial year starting in `year`: the saved one, or an
    unsaved draft for a year not yet started on. 404 for anyone outside the board."""
    board, access = get_board_for_user(user, board_slug, need)
    year = get_year(year)
    report = (
        YearlyReport.objects.filter(board=board, year=year).select_related("published_by").first()
    )
    if report is None:
        return YearlyReport(board=board, year=year), access
    report.board = board  # the board already read, not read again through the report
    return report, access


def get_pack_kind(kind: str) -> PackKind:
    try:
        return PackKind(kind)
    except ValueError:
        raise Http404("No such pack.") from None


def get_meeting_pack_for_user(
    user, board_slug: str, meeting_pk: int, kind: str, need: Need = Need.VIEW
) -> tuple[Meeting, PackKind, BoardAccess]:
    """A board meeting and a kind of agenda pack: 404 for anyone outside the board, 403 for
    a member without the right (asking for a pack is the meeting's officers' work). Every
    member reads both packs: the members' pack is theirs, the public pack everyone's."""
    _, access, meeting = meetings_access.get_meeting_for_user(user, board_slug, meeting_pk, need)
    return meeting, get_pack_kind(kind), access


def get_ready_pack_for_user(user, board_slug: str, meeting_pk: int, kind: str) -> MeetingPack:
    """The meeting's pack of this kind with a file to serve (a pack being made again keeps
    serving the last one made), else 404."""
    meeting, kind, _ = get_meeting_pack_for_user(user, board_slug, meeting_pk, kind)
    pack = MeetingPack.objects.filter(meeting=meeting, kind=kind, ready_at__isnull=False).first()
    if pack is None or not pack.pdf:
        raise Http404("This pack has not been prepared.")
    pack.meeting = meeting
    return pack
