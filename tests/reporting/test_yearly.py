"""The partnership's yearly report: sections filled from the year's records, "missing" where
they cannot be, publication refused until each gap is written or explained, and the PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from lscb.models import AuditEvent
from lscb.vocab import RAG
from reporting import yearly
from reporting.models import YearlyReport, YearlySectionKey
from reporting.services import yearly as services
from reporting.tasks import requeue_stuck_reports
from tests.factories import AgencyFactory
from tests.reviews.factories import ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, add_update

YEAR = 2008


def _text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def _section(report, key):
    return next(s for s in yearly.sections(report) if s.key == key)


def _complete(board, by):
    """Every section written, or explained where the records leave a gap; a summary."""
    for key in YearlySectionKey.values:
        services.yearly_section_save(
            board=board,
            year=YEAR,
            key=key,
            narrative=f"What the board says about {key}.",
            missing_reason="Not recorded that year.",
            by=by,
        )
    services.yearly_summary_save(board=board, year=YEAR, summary="A plain summary.", by=by)


@pytest.fixture
def plan(board):
    return WorkplanFactory(
        board=board, title="Plan 2008/09", start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )


def test_an_outcome_amber_or_red_at_the_end_of_two_quarters_is_listed_for_little_progress(
    board, alice, plan
):
    slow = OutcomeFactory(workplan=plan, title="Safer recruitment")
    once = OutcomeFactory(workplan=plan, title="Trafficking protocol")
    add_update(slow, alice, date=dt.date(2008, 6, 1), rag=RAG.AT_RISK)
    add_update(slow, alice, date=dt.date(2008, 9, 1), rag=RAG.ON_TRACK)
    add_update(slow, alice, date=dt.date(2008, 9, 20), rag=RAG.OFF_TRACK)  # last in Q2 counts
    add_update(slow, alice, date=dt.date(2009, 1, 5), rag=RAG.ON_TRACK)
    add_update(once, alice, date=dt.date(2008, 5, 1), rag=RAG.AT_RISK)
    add_update(once, alice, date=dt.date(2008, 6, 30), rag=RAG.ON_TRACK)  # recovered in Q1
    add_update(once, alice, date=dt.date(2008, 11, 1), rag=RAG.OFF_TRACK)

    listed = yearly.little_progress(board, yearly.Year(YEAR))

    assert [(s.title, s.quarters, s.last_rag) for s in listed] == [
        ("Safer recruitment", ("2008Q1", "2008Q2"), RAG.ON_TRACK)
    ]


def test_final_ratings_are_those_at_the_years_end_not_later(board, alice, plan):
    outcome = OutcomeFactory(workplan=plan, title="Online safety")
    add_update(outcome, alice, date=dt.date(2009, 3, 1), rag=RAG.ON_TRACK)
    add_update(outcome, alice, date=dt.date(2009, 4, 2), rag=RAG.COMPLETE)

    facts = yearly.final_ratings(board, yearly.Year(YEAR))

    assert [(r.title, r.rag) for r in facts["rows"]] == [("Online safety", RAG.ON_TRACK)]


def test_a_new_report_marks_every_section_missing_and_names_the_gaps(board):
    report = YearlyReport(board=board, year=YEAR)

    sections = {s.key: s for s in yearly.sections(report)}

    assert list(sections) == YearlySectionKey.values
    assert all(s.is_missing and s.blocks_publication for s in sections.values())
    assert "No agency's contribution for 2008/09" in " ".join(sections["funding"].gaps)
    assert "No workplan covers the end of 2008/09." in sections["impact"].gaps
    assert any("You said, we did" in gap for gap in sections["voice"].gaps)


def test_publication_is_refused_while_a_section_is_missing_without_a_reason(board, alice, plan):
    services.yearly_summary_save(board=board, year=YEAR, summary="In brief.", by=alice)
    services.yearly_section_save(
        board=board, year=YEAR, key="impact", narrative="What changed.", by=alice
    )

    with pytest.raises(ValidationError) as refused:
        services.yearly_publish(board=board, year=YEAR, by=alice)

    message = " ".join(refused.value.messages)
    assert "Feedback from children and families" in message
    assert YearlyReport.objects.get(board=board, year=YEAR).status == "draft"


def test_publication_needs_the_summary_for_families(board, alice):
    _complete(board, alice)
    services.yearly_summary_save(board=board, year=YEAR, summary="", by=alice)

    with pytest.raises(ValidationError) as refused:
        services.yearly_publish(board=board, year=YEAR, by=alice)

    assert "summary" in refused.value.message_dict


def test_publishing_keeps_the_report_as_published_and_renders_its_pdf(
    board, alice, plan, django_capture_on_commit_callbacks
):
    outcome = OutcomeFactory(workplan=plan, title="Joint work on domestic abuse")
    add_update(outcome, alice, date=dt.date(2008, 12, 1), rag=RAG.ON_TRACK)
    services.contribution_save(
        board=board, year=YEAR, agency=AgencyFactory(name="Police"), amount=Decimal(18000), by=alice
    )
    _complete(board, alice)

    with django_capture_on_commit_callbacks(execute=True):
        services.yearly_publish(board=board, year=YEAR, by=alice)

    report = YearlyReport.objects.get(board=board, year=YEAR)
    assert report.is_published and report.published_by == alice
    assert "Joint work on domestic abuse" in report.published_html
    text = _text(report.pdf.read())
    assert "Yearly report 2008/09" in text and "Police £18,000" in text
    assert report.pdf_page_count == len(PdfReader(report.pdf.path).pages)
    # Later changes to the records leave the published text alone until it is published again.
    outcome.title = "Renamed later"
    outcome.save()
    report.refresh_from_db()
    assert "Renamed later" not in report.published_html
    assert AuditEvent.objects.filter(action="reporting.yearly_published", board=board).exists()


def test_rendering_the_pdf_twice_renders_it_once(board, alice, monkeypatch):
    _complete(board, alice)
    services.yearly_publish(board=board, year=YEAR, by=alice)
    report = YearlyReport.objects.get(board=board, year=YEAR)
    assert services.yearly_render_pdf(report_id=report.pk)
    monkeypatch.setattr("reporting.pdf.render_pdf", lambda html: pytest.fail("rendered again"))

    assert services.yearly_render_pdf(report_id=report.pk)


def test_a_pdf_whose_message_was_lost_is_rendered_by_the_sweep_once(
    board, alice, monkeypatch, django_capture_on_commit_callbacks
):
    _complete(board, alice)
    # The queue was down when the report was published: the render was never sent.
    monkeypatch.setattr(services, "_send_yearly_render", lambda report_id: None)
    with django_capture_on_commit_callbacks(execute=True):
        services.yearly_publish(board=board, year=YEAR, by=alice)
    report = YearlyReport.objects.get(board=board, year=YEAR)
    assert not report.pdf
    # A fresh publication is left to its own message for ten minutes.
    assert requeue_stuck_reports() == 0
    YearlyReport.objects.filter(pk=report.pk).update(
        published_at=report.published_at - dt.timedelta(minutes=11)
    )

    assert requeue_stuck_reports() == 1
    report.refresh_from_db()
    assert "Yearly report 2008/09" in _text(report.pdf.read())
    assert requeue_stuck_reports() == 0


def test_publishing_again_asks_for_a_new_pdf_of_the_new_text(board, alice, monkeypatch):
    _complete(board, alice)
    services.yearly_publish(board=board, year=YEAR, by=alice)
    assert services.yearly_render_pdf(report_id=YearlyReport.objects.get(board=board).pk)
    monkeypatch.setattr(services, "_send_yearly_render", lambda report_id: None)

    services.yearly_publish(board=board, year=YEAR, by=alice)

    report = YearlyReport.objects.get(board=board, year=YEAR)
    assert report.pdf and report.rendered_from == ""  # the old PDF serves until the new one


def test_a_contribution_recorded_again_for_the_same_agency_changes_it(board, alice):
    police = AgencyFactory(name="Police")
    services.contribution_save(board=board, year=YEAR, agency=police, amount=Decimal(1), by=alice)
    services.contribution_save(board=board, year=YEAR, agency=police, amount=Decimal(2), by=alice)

    facts = yearly.funding(board, yearly.Year(YEAR))

    assert [(r.agency.name, r.amount) for r in facts["rows"]] == [("Police", Decimal(2))]


def test_each_contents_row_says_what_its_full_section_says(db):
    call_command("loaddemo", stdout=io.StringIO())
    board = YearlyReport.objects.get(board__slug="hartlepool", year=YEAR).board
    # The demo's published year, the demo's training years (as the demo's dates move with
    # today), and years with no records and no report at all.
    this_year = dt.date.today().year
    reports = [*YearlyReport.objects.filter(board=board)] + [
        YearlyReport(board=board, year=year) for year in (2001, this_year - 1, this_year, 2040)
    ]
    for report in reports:
        saved = yearly.saved_sections(report)
        for key in YearlySectionKey:
            full, row = yearly.section(report, key, saved), yearly.status(report, key, saved)
            assert (row.is_missing, row.missing_parts, row.blocks_publication) == (
                full.is_missing,
                full.missing_parts,
                full.blocks_publication,
            ), (report.year, key)


@pytest.mark.django_db
def test_the_demo_2008_report_pdf_has_every_section_filled_or_marked_missing(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=io.StringIO())
    report = YearlyReport.objects.get(board__slug="hartlepool", year=YEAR)

    text = _text(report.pdf.read())

    assert report.is_published
    for number, key in enumerate(YearlySectionKey, start=1):
        assert f"{number}. {key.label}" in text
    # Filled from the records ...
    assert "Hartlepool Borough Council £98,000" in text
    assert "Serious case review: Child B" in text
    assert "Referrals received 231 219 225" in text
    # ... and missing where they hold nothing, with the reason the officer recorded.
    assert "no records of listening to children and families" in text
    assert "did not yet collect feedback from children and families" in text
    assert "Attendance at the board's 2 meetings by agency" in text
    assert text.count("Missing.") == 2


def test_the_checklist_page_shows_each_section_and_what_is_missing(client, alice, board):
    client.force_login(alice)

    page = client.get(reverse("reporting:yearly", args=[board.slug, YEAR]))

    assert page.status_code == 200
    body = page.content.decode()
    assert "Feedback from children and families" in body and "Missing" in body
    assert reverse("reporting:yearly_section", args=[board.slug, YEAR, "voice"]) in body


def test_a_section_written_in_the_browser_shows_in_the_preview(client, alice, board):
    client.force_login(alice)
    url = reverse("reporting:yearly_section", args=[board.slug, YEAR, "voice"])

    saved = client.post(url, {"narrative": "Young people told us.", "missing_reason": ""})
    preview = client.get(reverse("reporting:yearly_preview", args=[board.slug, YEAR]))

    assert saved.status_code == 302
    assert "Young people told us." in preview.content.decode()


def test_a_bad_amount_is_refused_beside_the_field_and_nothing_is_saved(client, alice, board):
    client.force_login(alice)
    agency = AgencyFactory(name="Police")

    page = client.post(
        reverse("reporting:yearly_funding", args=[board.slug, YEAR]),
        {"agency": agency.pk, "amount": "lots", "in_kind": "A venue"},
    )

    assert page.status_code == 200
    body = page.content.decode()
    assert "Enter the amount as a number of pounds" in body and 'value="A venue"' in body
    assert not board.contributions.exists()


def test_publishing_from_the_check_page_with_a_section_missing_changes_nothing(
    client, alice, board
):
    client.force_login(alice)

    page = client.post(reverse("reporting:yearly_publish", args=[board.slug, YEAR]))

    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert not YearlyReport.objects.filter(board=board, status="published").exists()


def test_a_year_out_of_range_is_not_found(client, alice, board):
    client.force_login(alice)

    assert client.get(reverse("reporting:yearly", args=[board.slug, 1066])).status_code == 404


def test_the_checklist_runs_the_same_queries_for_a_small_and_a_large_year(
    client, alice, board, plan, figures, django_assert_num_queries
):
    client.force_login(alice)
    url = reverse("reporting:yearly", args=[board.slug, YEAR])

    def grow(n):
        for i in range(n):
            outcome = OutcomeFactory(workplan=plan, title=f"Outcome {i}")
            add_update(outcome, alice, date=dt.date(2008, 7, 1), rag=RAG.AT_RISK)
            add_update(outcome, alice, date=dt.date(2008, 10, 1), rag=RAG.OFF_TRACK)
            services.contribution_save(
                board=board, year=YEAR, agency=AgencyFactory(), amount=Decimal(i), by=alice
            )
            ReviewFactory(board=board, title=f"Review {i}")

    # session, user, board, the user's memberships, the saved report; what decides each
    # section's gaps: whether a board meeting was held, any contribution, the workplan at
    # the year's end, whether any session was evaluated, the coverage (the needs analysis;
    # with none, as here, nothing more), whether the year has voice records and trend
    # figures. Progress, outcomes and reviews fill sections but never leave one missing:
    # the contents do not read them.
    grow(2)
    client.get(url)  # the first view of the session: its sign-in bookkeeping
    grow(1)  # every write moves the board's version: the contents are built again
    with django_assert_num_queries(12):
        client.get(url)
    grow(20)
    with django_assert_num_queries(12):
        client.get(url)
    # Until the next write the contents are a cached part (lscb.fragments): session, user,
    # board, the user's memberships, the saved report.
    with django_assert_num_queries(5):
        client.get(url)
    # Once a section is written the report is saved: its narratives are one more query,
    # and its board is the one already read, not read again.
    services.yearly_section_save(
        board=board, year=YEAR, key="voice", narrative="Heard.", missing_reason="", by=alice
    )
    with django_assert_num_queries(13):
        client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
