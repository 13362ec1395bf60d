"""The partnership's yearly report: its contents checklist, the officer's sections, funding,
the summary for families, preview, publication and the published PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.form_errors import add_service_errors
from reporting import yearly
from reporting.access import get_yearly_report_for_user
from reporting.models import FundingContribution, YearlySectionKey
from reporting.services import yearly as services
from reporting.storage import pdf_response
from reporting.yearly_document import yearly_html
from reporting.yearly_forms import ContributionForm, SectionForm, SummaryForm


@dataclass
class SectionSlot:
    """A row of the yearly report's contents; its status is read on first use."""

    number: int
    key: str
    areas: str
    build: Callable[[], yearly.Section]

    @cached_property
    def section(self) -> yearly.Section:
        return self.build()


def _page(request, board, access, report, template: str, **extra) -> HttpResponse:
    return render(
        request,
        template,
        {
            "board": board,
            "access": access,
            "nav": "reports",
            "report": report,
            "year": yearly.Year(report.year),
            "can_edit": access.can(Need.EDIT),
            **extra,
        },
    )


@login_required
def yearly_report(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    report, access = get_yearly_report_for_user(request.user, board_slug, year, Need.REPORTS)
    # Each row of the contents is a cached part of the page (lscb.fragments), keyed on the
    # areas its section's status is read from and built from the records only on a miss.
    saved = SimpleLazyObject(lambda: yearly.saved_sections(report))
    slots = [
        SectionSlot(
            number,
            key.value,
            yearly.STATUS_AREAS[key],
            partial(yearly.status, report, key, saved),
        )
        for number, key in enumerate(YearlySectionKey, 1)
    ]
    return _page(request, report.board, access, report, "reporting/yearly_report.html", slots=slots)


@login_required
def yearly_section(request: HttpRequest, board_slug: str, year: int, key: str) -> HttpResponse:
    if key not in YearlySectionKey.values:
        raise Http404("There is no such section of the yearly report.")
    report, access = get_yearly_report_for_user(request.user, board_slug, year, Need.EDIT)
    board = report.board
    section = yearly.section(report, key, yearly.saved_sections(report))
    form = SectionForm(
        request.POST or None,
        initial={"narrative": section.narrative, "missing_reason": section.missing_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.yearly_section_save(
                board=board, year=report.year, key=key, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{section.title}” has been saved.")
            return redirect("reporting:yearly", board.slug, report.year)
    return _page(
        request,
        board,
        access,
        report,
        "reporting/yearly_section_form.html",
        section=section,
        form=form,
    )


@login_required
def yearly_summary(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    report, access = get_yearly_report_for_user(request.user, board_slug, year, Need.EDIT)
    board = report.board
    form = SummaryForm(request.POST or None, initial={"summary": report.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.yearly_summary_save(
                board=board, year=report.year, summary=form.cleaned_data["summary"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The summary for children and families has been saved.")
            return redirect("reporting:yearly", board.slug, report.year)
    return _page(request, board, access, report, "reporting/yearly_summary_form.html", form=form)


@login_required
def yearly_funding(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    report, access = get_yearly_report_for_user(request.user, board_slug, year, Need.EDIT)
    board = report.board
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_save(
                board=board, year=report.year, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"{form.cleaned_data['agency'].name}'s contribution has been saved."
            )
            return redirect("reporting:yearly_funding", board.slug, report.year)
    return _page(
        request,
        board,
        access,
        report,
        "reporting/yearly_funding.html",
        form=form,
        funding=yearly.funding(board, yearly.Year(report.year)),
    )


@login_required
@require_POST
def yearly_funding_delete(request: HttpRequest, board_slug: str, year: int, pk: int):
    report, _ = get_yearly_report_for_user(request.user, board_slug, year, Need.EDIT)
    board = report.board
    contribution = get_object_or_404(
        FundingContribution.objects.select_related("agency", "board"),
        pk=pk,
        board=board,
        year=report.year,
    )
    services.contribution_delete(contribution=contribution, by=request.user)
    messages.success(request, f"{contribution.agency.name}'s contribution has been removed.")
    return redirect("reporting:yearly_funding", board.slug, contribution.year)


@login_required
def yearly_preview(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    report, _ = get_yearly_report_for_user(request.user, board_slug, year, Need.REPORTS)
    return HttpResponse(yearly_html(report, preview=True))


@login_required
def yearly_published(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    """The report as it was published, whatever the records say now."""
    report, _ = get_yearly_report_for_user(request.user, board_slug, year, Need.REPORTS)
    if not report.published_html:
        raise Http404("This yearly report has not been published.")
    return HttpResponse(report.published_html)


@login_required
def yearly_publish(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    """A check page listing what is missing, then publication on POST."""
    report, access = get_yearly_report_for_user(request.user, board_slug, year, Need.EDIT)
    board = report.board
    sections = yearly.sections(report)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.yearly_publish(board=board, year=report.year, by=request.user)
        except ValidationError as exc:
            errors = [m for messages_ in exc.message_dict.values() for m in messages_]
        else:
            messages.success(
                request,
                f"The {report.year_label} yearly report is published. Its PDF is being prepared.",
            )
            return redirect("reporting:yearly", board.slug, report.year)
    return _page(
        request,
        board,
        access,
        report,
        "reporting/yearly_publish.html",
        sections=sections,
        missing=[s for s in sections if s.is_missing],
        blocking=[s for s in sections if s.blocks_publication],
        errors=errors,
    )


@login_required
def yearly_pdf(request: HttpRequest, board_slug: str, year: int) -> FileResponse:
    report, _ = get_yearly_report_for_user(request.user, board_slug, year, Need.REPORTS)
    if not report.pdf:
        raise Http404("The PDF of this yearly report has not been prepared yet.")
    return pdf_response(report.pdf.name, report.pdf_filename())
