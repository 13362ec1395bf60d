from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from reporting.models import IndicatorValue, QuarterlyReport, ReportNarrative, ReportStatus
from tests.reporting.factories import (
    PortfolioItemFactory,
    PortfolioMeetingFactory,
    QuarterlyReportFactory,
)


def ready_report(board, version=1, quarter="2008Q3") -> QuarterlyReport:
    report = QuarterlyReportFactory(board=board, version=version, quarter=quarter)
    name = default_storage.save(report.storage_name(), ContentFile(b"%PDF-1.7 test"))
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY, pdf=name, size=13, page_count=1
    )
    report.refresh_from_db()
    return report


def url(name, board, *args):
    return reverse(f"reporting:{name}", args=[board.slug, *args])


# --- access ------------------------------------------------------------------------------

READERS = [("alice", 200), ("bob", 200), ("pat", 200), ("carol", 200), ("charlie", 404)]
OFFICERS = [("alice", 200), ("carol", 200), ("bob", 403), ("pat", 403), ("charlie", 404)]


@pytest.fixture
def people(alice, bob, carol, pat, charlie):
    return {u.username: u for u in (alice, bob, carol, pat, charlie)}


@pytest.mark.parametrize(("who", "status"), READERS)
def test_report_list_access(client, board, people, who, status):
    client.force_login(people[who])
    assert client.get(url("list", board)).status_code == status


@pytest.mark.parametrize(("who", "status"), READERS)
def test_download_access(client, board, people, who, status):
    report = ready_report(board)
    client.force_login(people[who])
    response = client.get(url("download", board, report.pk))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="{board.slug}-safeguarding-report-2008Q3-v1.pdf"'
        )
        assert b"".join(response.streaming_content) == b"%PDF-1.7 test"


@pytest.mark.parametrize(
    "name_args",
    [("figures", "2008Q3"), ("narrative", "2008Q3"), ("preview", "2008Q3"), ("figures_import",)],
)
@pytest.mark.parametrize(("who", "status"), OFFICERS)
def test_officer_pages_access(client, board, people, who, status, name_args):
    client.force_login(people[who])
    assert client.get(url(name_args[0], board, *name_args[1:])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [*OFFICERS[:2], ("bob", 403), ("pat", 403), ("charlie", 404)]
)
def test_request_access(client, board, people, who, status, django_capture_on_commit_callbacks):
    client.force_login(people[who])
    response = client.post(url("request", board), {"quarter": "2008Q3"})
    assert response.status_code == (302 if status == 200 else status)
    assert QuarterlyReport.objects.filter(board=board).exists() == (status == 200)


@pytest.mark.parametrize(
    "name_args",
    [
        ("list",),
        ("download", 1),
        ("figures", "2008Q3"),
        ("narrative", "2008Q3"),
        ("preview", "2008Q3"),
    ],
)
def test_anonymous_is_sent_to_sign_in(client, board, name_args):
    response = client.get(url(name_args[0], board, *name_args[1:]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_download_of_a_report_that_is_not_ready_is_404(client, board, bob):
    report = QuarterlyReportFactory(board=board, status=ReportStatus.RENDERING)
    client.force_login(bob)
    assert client.get(url("download", board, report.pk)).status_code == 404


def test_report_of_another_board_is_404_through_this_boards_url(client, board, other_board, bob):
    report = ready_report(other_board)
    client.force_login(bob)
    assert client.get(url("download", board, report.pk)).status_code == 404


def test_files_are_not_under_a_public_media_url(client, board, bob):
    report = ready_report(board)
    client.force_login(bob)
    assert client.get("/media/" + report.pdf.name).status_code == 404


def test_get_on_request_is_not_allowed(client, board, alice):
    client.force_login(alice)
    assert client.get(url("request", board)).status_code == 405


def test_bad_quarter_in_request_is_explained(client, board, alice):
    client.force_login(alice)
    response = client.post(url("request", board), {"quarter": "Q9"}, follow=True)
    assert "is not a quarter" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_bad_quarter_in_the_address_is_404(client, board, alice):
    client.force_login(alice)
    assert client.get(url("figures", board, "2008Q9")).status_code == 404


# --- list page ---------------------------------------------------------------------------


def without_tokens(response) -> str:
    """The page with each request's own CSRF token taken out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


@pytest.mark.parametrize("count", [5, 50])
def test_list_queries_do_not_grow_with_reports(
    client, board, pat, count, django_assert_num_queries
):
    for version in range(1, count + 1):
        ready_report(board, version=version, quarter=["2008Q1", "2008Q2", "2008Q3"][version % 3])
    PortfolioMeetingFactory.create_batch(3, board=board)
    client.force_login(pat)
    # session, user, memberships (access), board, any report in progress (the refresh),
    # then the cached list's: reports, quarters with figures, quarters with narratives,
    # meetings
    with django_assert_num_queries(9):
        response = client.get(url("list", board))
    assert response.content.decode().count("PDF<span") == count
    # Served from the cache: the first five only.
    with django_assert_num_queries(5):
        again = client.get(url("list", board))
    assert without_tokens(again) == without_tokens(response)


def test_list_refreshes_itself_only_while_a_report_is_in_progress(client, board, pat):
    client.force_login(pat)
    ready_report(board)
    assert "data-refresh-seconds" not in client.get(url("list", board)).content.decode()
    QuarterlyReportFactory(board=board, version=9, status=ReportStatus.QUEUED)
    page = client.get(url("list", board)).content.decode()
    assert "data-refresh-seconds" in page and 'data-announce="Version 9 of ' in page
    assert "http-equiv" not in page


def test_list_shows_failure_message_and_officer_actions(client, board, alice, bob):
    QuarterlyReportFactory(
        board=board, status=ReportStatus.FAILED, error="The <b>template</b> broke"
    )
    client.force_login(alice)
    page = client.get(url("list", board)).content.decode()
    assert "The &lt;b&gt;template&lt;/b&gt; broke" in page
    assert "Request a new version" in page
    client.force_login(bob)
    assert "Request a new version" not in client.get(url("list", board)).content.decode()


def test_request_queues_a_version_and_renders_after_commit(
    client, figures, board, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request", board), {"quarter": "2008Q3"})
    report = QuarterlyReport.objects.get(board=board)
    assert (report.version, report.status, report.requested_by) == (1, ReportStatus.READY, alice)


# --- figures, narrative, preview ----------------------------------------------------------


def test_figures_form_saves_values_and_flags_breakdowns(client, board, alice):
    client.force_login(alice)
    response = client.post(
        url("figures", board, "2008Q3"),
        {"protection_plans": "62", "plans_neglect": "37", "plans_physical": "14"},
        follow=True,
    )
    page = response.content.decode()
    assert IndicatorValue.objects.get(indicator__code="plans_neglect", board=board).value == 37
    assert "60% of children subject to a protection plan" in page
    assert "missing: emotional abuse, sexual abuse, multiple categories" in page


def test_figures_form_keeps_bad_input_and_saves_nothing(client, board, alice):
    client.force_login(alice)
    response = client.post(
        url("figures", board, "2008Q3"),
        {"protection_plans": "sixty", "plans_neglect": "37", "staff_in_post": "-2"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="sixty"' in page
    assert "cannot be less than 0" in page
    assert not IndicatorValue.objects.exists()


def test_figures_form_rejects_fractions_of_children(client, board, alice):
    client.force_login(alice)
    response = client.post(url("figures", board, "2008Q3"), {"plans_neglect": "3.5"})
    assert "as a whole number" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_blank_figure_removes_it(client, figures, board, alice):
    client.force_login(alice)
    client.post(url("figures", board, "2008Q3"), {"children_receiving_services": "861"})
    assert IndicatorValue.objects.filter(board=board, quarter="2008Q3").count() == 1


def test_narrative_starts_from_drafts_and_saves(client, board, alice):
    client.force_login(alice)
    page = client.get(url("narrative", board, "2008Q3")).content.decode()
    assert "Director of Children&#x27;s Services" in page
    data = {
        "portfolio": "Children's Services Portfolio",
        "report_date_0": "29",
        "report_date_1": "1",
        "report_date_2": "2009",
        "report_of": "Director of Children's Services",
        "subject": "Safeguarding children",
        "purpose": "To update.",
        "summary_of_contents": "Figures.",
        "relevance": "Relevant.",
        "decision_type": "Non key.",
        "decision_route": "Portfolio meeting.",
        "decisions_required": "Note it.",
        "background": "Background.",
        "proposals": "Quarterly.",
        "risk": "None.",
        "legal_financial": "None.",
        "recommendations": "Note it.",
        "reasons": "Duty.",
        "background_papers": "Workplan",
        "contact_officer": "Officer",
    }
    assert client.post(url("narrative", board, "2008Q3"), data).status_code == 302
    assert ReportNarrative.objects.get(board=board, quarter="2008Q3").updated_by == alice


def test_narrative_errors_keep_what_was_typed(client, board, alice):
    client.force_login(alice)
    response = client.post(url("narrative", board, "2008Q3"), {"purpose": "Kept text"})
    page = response.content.decode()
    assert "There is a problem" in page and "Kept text" in page
    assert not ReportNarrative.objects.exists()


def test_preview_uses_the_report_template(client, figures, narrative, board, alice):
    client.force_login(alice)
    page = client.get(url("preview", board, "2008Q3")).content.decode()
    assert '<html lang="en-GB">' in page
    assert "report-print.css" in page
    assert "govuk-frontend" not in page
    assert "60%" in page and "77%" in page and "861" in page


# --- decision schedule --------------------------------------------------------------------


def test_meeting_schedule_lists_the_quarterly_report(client, board, bob):
    report = ready_report(board)
    meeting = PortfolioMeetingFactory(board=board)
    PortfolioItemFactory(meeting=meeting, title="Safeguarding children", report_quarter="2008Q3")
    PortfolioItemFactory(meeting=meeting, title="Secret item", exempt_paragraph=3, section="key")
    client.force_login(bob)
    page = client.get(reverse("reporting:meeting", args=[board.slug, meeting.pk])).content.decode()
    assert "2.1</strong> Safeguarding children" in page
    assert url("download", board, report.pk) in page
    assert "5.1</strong> Secret item" in page and "paragraph 3" in page
    assert "1. Key decisions" in page


@pytest.mark.parametrize("count", [3, 30])
def test_meeting_page_queries_do_not_grow(client, board, bob, count, django_assert_num_queries):
    meeting = PortfolioMeetingFactory(board=board)
    for i in range(count):
        PortfolioItemFactory(meeting=meeting, report_quarter="2008Q3" if i % 2 else "")
    ready_report(board)
    client.force_login(bob)
    # session, user, memberships, board, meeting, items, reports
    with django_assert_num_queries(7):
        client.get(reverse("reporting:meeting", args=[board.slug, meeting.pk]))


def test_meeting_schedule_pdf(client, board, bob, charlie):
    meeting = PortfolioMeetingFactory(board=board)
    PortfolioItemFactory(meeting=meeting, title="Safeguarding <children>", report_quarter="2008Q3")
    client.force_login(bob)
    response = client.get(reverse("reporting:meeting_pdf", args=[board.slug, meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(charlie)
    assert (
        client.get(reverse("reporting:meeting_pdf", args=[board.slug, meeting.pk])).status_code
        == 404
    )


def test_dashboard_panel_shows_the_latest_report(client, board, pat):
    ready_report(board)
    client.force_login(pat)
    page = client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    assert "Quarterly report" in page and "Download the PDF" in page


def test_dashboard_panel_links_the_most_recent_quarter_not_the_last_requested(client, board, pat):
    q3 = ready_report(board, quarter="2008Q3")
    q2 = ready_report(board, quarter="2008Q2")  # requested after Q3
    client.force_login(pat)
    page = client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    assert url("download", board, q3.pk) in page
    assert url("download", board, q2.pk) not in page
    assert "October to December 2008" in page or "Q3" in page


def test_narrative_report_date_is_a_date_input_with_a_linked_error(client, board, alice):
    client.force_login(alice)
    url = reverse("reporting:narrative", args=[board.slug, "2008Q3"])
    page = client.get(url).content.decode()
    assert 'type="date"' not in page and 'name="report_date_1"' in page
    page = client.post(url, {"report_date_0": "29", "report_date_2": "2009"}).content.decode()
    assert '<a href="#id_report_date_0">Report date must include a month</a>' in page
    assert not ReportNarrative.objects.filter(board=board).exists()


# --- the status of the report just asked for ---------------------------------------------


def test_a_report_ready_on_return_says_so_at_the_top_with_its_link(
    client, figures, board, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("request", board), {"quarter": "2008Q3"})
    report = QuarterlyReport.objects.get(board=board)
    assert response.url == f"{url('list', board)}?requested={report.pk}"
    page = client.get(response.url).content.decode()
    banner = page.index("is ready.")
    assert banner < page.index("<h1")
    assert "Version 1 of the Q3 2008/09 (October to December 2008) report is ready." in page
    assert url("download", board, report.pk) in page[banner : page.index("<h1")]
    assert "queued" not in page[: page.index("<h1")]


def test_a_report_queued_for_over_a_minute_says_it_waits_for_the_worker(client, board, alice):
    from django.utils import timezone

    report = QuarterlyReportFactory(board=board, quarter="2008Q3", version=1)
    client.force_login(alice)
    page = client.get(f"{url('list', board)}?requested={report.pk}").content.decode()
    top = page[: page.index("<h1")]
    assert "report is queued." in top and "background worker" not in top
    QuarterlyReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - dt.timedelta(minutes=2)
    )
    page = client.get(f"{url('list', board)}?requested={report.pk}").content.decode()
    top = page[: page.index("<h1")]
    assert "is waiting for the background worker" in top
    assert "celery -A lscb worker" in top


def test_no_banner_for_another_boards_report_or_a_bad_id(client, board, other_board, alice):
    theirs = QuarterlyReportFactory(board=other_board, quarter="2008Q3", version=1)
    client.force_login(alice)
    for requested in (str(theirs.pk), "x", ""):
        page = client.get(f"{url('list', board)}?requested={requested}").content.decode()
        assert "govuk-notification-banner" not in page


def test_request_button_shows_it_is_busy_while_the_form_posts(client, board, alice):
    client.force_login(alice)
    page = client.get(url("list", board)).content.decode()
    assert 'data-busy-text="Generating…"' in page
    script = (settings.BASE_DIR / "static" / "js" / "app.mjs").read_text()
    assert "data-busy-text" in script and "disabled = true" in script


def test_the_list_says_when_a_report_has_waited_over_a_minute_for_the_worker(client, board, alice):
    from django.utils import timezone

    report = QuarterlyReportFactory(board=board, quarter="2008Q3", version=1)
    client.force_login(alice)
    assert "celery -A lscb worker" not in client.get(url("list", board)).content.decode()
    QuarterlyReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - dt.timedelta(minutes=2)
    )
    page = client.get(url("list", board)).content.decode()
    assert "waiting for the background worker for over a minute" in page
    assert "celery -A lscb worker" in page
