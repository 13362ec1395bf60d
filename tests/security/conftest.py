"""One board with something behind every URL: the data the security tests request pages of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from boards.models import AgendaItem, AgendaPaper, Meeting, Minute, Subgroup, Theme
from lscb import secure_links
from lscb.models import SecureLink
from reporting.indicators import ensure_core_indicators
from reporting.models import (
    FundingContribution,
    Indicator,
    IndicatorValue,
    PortfolioMeeting,
    QuarterlyReport,
    ReportStatus,
    YearlyReport,
)
from reporting.pack_models import MeetingPack, PackKind, PackStatus
from reviews.models import (
    Action,
    ActionProgress,
    Finding,
    PartnerDigestOptOut,
    Recommendation,
    Review,
    ReviewKind,
    S11Rating,
    S11Return,
    Standard,
)
from tests.factories import AgencyFactory, SubgroupFactory, ThemeFactory
from tests.reporting.factories import PortfolioMeetingFactory, QuarterlyReportFactory
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.training.factories import BookingFactory, NeedFactory, SessionFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from training.models import Attendance, Booking, Course, Need, Programme, Session
from voice.models import VoiceRecord
from workplans.models import Outcome, ProgressUpdate, Workplan

# A tiny but well-formed PDF, standing in for a rendered quarterly report.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
QUARTER = "2008Q3"
YEAR = 2008


@dataclass
class BoardData:
    subgroup: Subgroup
    theme: Theme
    workplan: Workplan
    outcome: Outcome
    update: ProgressUpdate
    review: Review
    finding: Finding
    recommendation: Recommendation
    action: Action
    action_progress: ActionProgress
    report: QuarterlyReport
    meeting: PortfolioMeeting
    training_session: Session
    course: Course
    training_need: Need
    booking: Booking
    yearly: YearlyReport
    contribution: FundingContribution
    voice_record: VoiceRecord
    board_meeting: Meeting  # a meeting of the subgroup, with an item and a paper
    agenda_item: AgendaItem
    agenda_paper: AgendaPaper
    meeting_pack: MeetingPack  # the board meeting's members' pack, ready to download
    quarter: str = QUARTER
    # A partner's link to the action; no visitor of the security tests has opened it.
    secure_link: SecureLink | None = None
    # A section 11 round with the police's return, one rating with its document, and the
    # link sent to the police's lead (unopened, like the action's).
    s11_round: Review | None = None
    s11_return: S11Return | None = None
    s11_rating: S11Rating | None = None
    s11_link: SecureLink | None = None
    s11_standard: Standard | None = None
    decision: Action | None = None  # an action decided under the board meeting's item
    # The police lead (whose links are above) asked for no weekly email of them.
    opt_out: PartnerDigestOptOut | None = None
    # A link sent to the outcome's lead to record its progress (unopened).
    outcome_link: SecureLink | None = None


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def board_data(board, alice, media_root) -> BoardData:
    """Every kind of object a page of `board` can show, with evidence files and a ready PDF."""
    subgroup = SubgroupFactory(board=board, name="Training")
    theme = ThemeFactory(name="Neglect", slug="neglect")
    workplan = WorkplanFactory(board=board, title="Workplan this year")
    outcome = OutcomeFactory(workplan=workplan, title="Train everyone")
    outcome.lead_subgroups.add(subgroup)
    outcome.themes.add(theme)
    update = ProgressUpdate.objects.create(
        outcome=outcome,
        author=alice,
        date=dt.date.today(),
        rag="on_track",
        narrative="Courses are booked.",
        evidence=SimpleUploadedFile("minutes.txt", b"the minutes"),
    )
    review = ReviewFactory(board=board, title="Adoption service inspection")
    finding = FindingFactory(review=review)
    recommendation = RecommendationFactory(review=review, number=1, themes=[theme])
    action = ActionFactory(recommendation=recommendation)
    action_progress = ActionProgressFactory(
        action=action,
        author=alice,
        rag="complete",
        evidence=SimpleUploadedFile("proof.txt", b"the proof"),
    )
    ensure_core_indicators()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(board=board, indicator=indicator, quarter=QUARTER, value=Decimal(7))
        for indicator in Indicator.objects.order_by("order", "code")[:3]
    )
    report = QuarterlyReportFactory(board=board, quarter=QUARTER, version=1)
    name = default_storage.save(report.storage_name(), ContentFile(TINY_PDF))
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY, pdf=name, page_count=1, size=len(TINY_PDF)
    )
    report.refresh_from_db()
    meeting = PortfolioMeetingFactory(board=board)
    # The Training subgroup leads the board's training: its officers manage it.
    Programme.objects.create(board=board, lead_subgroup=subgroup)
    training_session = SessionFactory(course__board=board)
    booking = BookingFactory(session=training_session, attendance=Attendance.ATTENDED)
    # The 2008/09 yearly report, published with its PDF.
    yearly = YearlyReport.objects.create(
        board=board,
        year=YEAR,
        summary="In brief.",
        status=YearlyReport.Status.PUBLISHED,
        published_html="<html><body>As published</body></html>",
    )
    pdf = default_storage.save(yearly.storage_name(), ContentFile(TINY_PDF))
    YearlyReport.objects.filter(pk=yearly.pk).update(pdf=pdf, pdf_page_count=1)
    yearly.refresh_from_db()
    contribution = FundingContribution.objects.create(
        board=board, year=YEAR, agency=AgencyFactory(name="Police"), amount=Decimal(100)
    )
    secure_link, _ = secure_links.link_create(
        purpose="action_update",
        obj=action,
        board=board,
        sent_to="lead@police.example.org",
        by=alice,
        summary="Sent a link",
    )
    board_meeting = Meeting.objects.create(
        board=board, subgroup=subgroup, date=dt.date.today(), venue="Civic Centre"
    )
    agenda_item = AgendaItem.objects.create(meeting=board_meeting, number=1, title="Minutes")
    agenda_paper = AgendaPaper.objects.create(
        item=agenda_item, file=SimpleUploadedFile("paper.txt", b"the paper")
    )
    meeting_pack = MeetingPack.objects.create(
        meeting=board_meeting,
        kind=PackKind.MEMBERS,
        status=PackStatus.READY,
        requested_at=timezone.now(),
        ready_at=timezone.now(),
        page_count=1,
        pdf=default_storage.save("packs/northtown/members-pack.pdf", ContentFile(b"%PDF-1.7")),
    )
    s11_round = ReviewFactory(
        board=board, kind=ReviewKind.SECTION_11, title="Section 11 audit 2008/09"
    )
    s11_return = S11Return.objects.create(
        review=s11_round,
        agency=contribution.agency,
        lead_name="DCI Smith",
        lead_email="lead@police.example.org",
    )
    s11_rating = S11Rating.objects.create(
        s11_return=s11_return,
        standard=Standard.objects.create(board=board, code="1", title="Leadership"),
        rating="green",
        evidence_file=SimpleUploadedFile("plan.txt", b"the plan"),
    )
    s11_link, _ = secure_links.link_create(
        purpose="s11_return",
        obj=s11_return,
        board=board,
        sent_to="lead@police.example.org",
        by=alice,
        summary="Sent a link",
    )
    outcome_link, _ = secure_links.link_create(
        purpose="outcome_progress",
        obj=outcome,
        board=board,
        sent_to="lead@health.example.org",
        by=alice,
        summary="Sent a link",
    )
    return BoardData(
        outcome_link=outcome_link,
        s11_round=s11_round,
        s11_return=s11_return,
        s11_rating=s11_rating,
        s11_link=s11_link,
        s11_standard=s11_rating.standard,
        subgroup=subgroup,
        theme=theme,
        workplan=workplan,
        outcome=outcome,
        update=update,
        review=review,
        finding=finding,
        recommendation=recommendation,
        action=action,
        action_progress=action_progress,
        report=report,
        meeting=meeting,
        training_session=training_session,
        course=training_session.course,
        training_need=NeedFactory(board=board, level=training_session.course.level),
        booking=booking,
        yearly=yearly,
        contribution=contribution,
        voice_record=VoiceRecord.objects.create(
            board=board,
            title="Young people's survey",
            date=dt.date(2008, 10, 1),
            who="pupils",
            number_heard=40,
            method="survey",
            you_said="Tell us what happens after we report.",
        ),
        secure_link=secure_link,
        opt_out=PartnerDigestOptOut.objects.create(address="lead@police.example.org"),
        board_meeting=board_meeting,
        agenda_item=agenda_item,
        agenda_paper=agenda_paper,
        meeting_pack=meeting_pack,
        decision=Action.objects.create(
            board=board,
            minute=Minute.objects.create(item=agenda_item, discussion="Agreed."),
            what="Write to the schools",
            timescale=dt.date(2009, 3, 31),
        ),
    )
