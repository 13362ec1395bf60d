"""Hostile text in every field people type into: stored as text (or refused with a message
and nothing saved), shown escaped on every page, neutralised in spreadsheets and set as
plain text in PDFs without fetching anything it names."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from lscb.vocab import Quarter
from reporting.models import IndicatorValue, ReportNarrative
from reporting.narrative_defaults import NARRATIVE_FIELDS
from reporting.pdf import StaticOnlyFetcher, render_pdf
from reporting.report import report_html
from reviews.models import Action, ActionProgress, Recommendation, Review
from tests.security.test_permission_matrix import TABLE, _url, project_url_names
from workplans import services as workplan_services
from workplans.forms import OutcomeForm
from workplans.models import Outcome, ProgressUpdate, Workplan

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>bold</b>"
IMAGE = '<img src="http://example.invalid/x.png">'
# Long, yet within every free-text limit but a title's (lscb/limits.py).
LONG = "L" * 900
NUL = "before\x00after"
# Right-to-left writing with its direction marks is kept; direction overrides are removed
# (tests/lscb/test_limits.py).
RTL = "فاتورة \u200finvoice\u200e"
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)"]
PAYLOADS = [SCRIPT, BOLD, IMAGE, LONG, NUL, RTL, *FORMULAS]
IDS = ["script", "bold", "image", "long", "nul", "rtl", "equals", "plus", "minus", "at"]
MARKUP = [SCRIPT, BOLD, IMAGE]
# Excel cells cannot hold NUL (XML forbids it), so a spreadsheet cannot carry that one.
SHEET_PAYLOADS = [p for p in PAYLOADS if p != NUL]
SHEET_IDS = [i for i in IDS if i != "nul"]
NUL_REFUSED = "Null characters are not allowed."


def _date_parts(name: str, day: dt.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _text(response) -> str:
    return response.content.decode()


# --- Typed into forms -------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_outcome_edit_stores_hostile_text_as_typed_or_refuses_it(
    client, board, board_data, alice, payload
):
    outcome = board_data.outcome
    client.force_login(alice)
    # A title has a length limit; the long text goes in the fields that have none.
    title = "Ordinary title" if payload == LONG else payload
    response = client.post(
        reverse("workplans:outcome_edit", args=[board.slug, outcome.pk]),
        {
            "title": title,
            "how": payload,
            "who": payload,
            "order": outcome.order,
            "version": outcome.version,
            "loaded": OutcomeForm.sign_snapshot(workplan_services.outcome_snapshot(outcome)),
        },
    )
    stored = Outcome.objects.get(pk=outcome.pk)
    if payload == NUL:
        assert response.status_code == 200
        assert NUL_REFUSED in _text(response)
        assert (stored.title, stored.how) == (outcome.title, outcome.how)
        return
    assert response.status_code == 302, response.context["form"].errors
    assert (stored.title, stored.how, stored.who) == (title, payload, payload)


def test_an_over_long_outcome_title_is_refused_with_a_message(client, board, board_data, alice):
    outcome = board_data.outcome
    client.force_login(alice)
    response = client.post(
        reverse("workplans:outcome_edit", args=[board.slug, outcome.pk]),
        {
            "title": LONG,
            "order": outcome.order,
            "version": outcome.version,
            "loaded": OutcomeForm.sign_snapshot(workplan_services.outcome_snapshot(outcome)),
        },
    )
    assert response.status_code == 200
    assert "must be 300 characters or fewer; you entered 900" in _text(response)
    assert Outcome.objects.get(pk=outcome.pk).title == outcome.title


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
@pytest.mark.parametrize("where", ["outcome", "action"])
def test_progress_narratives_store_hostile_text_or_refuse_it(
    client, board, board_data, alice, payload, where
):
    client.force_login(alice)
    today = dt.date.today()
    if where == "outcome":
        url = reverse("workplans:record_progress", args=[board.slug, board_data.outcome.pk])
        model = ProgressUpdate
    else:
        url = reverse("reviews:record_progress", args=[board.slug, board_data.action.pk])
        model = ActionProgress
    before = model.objects.count()
    response = client.post(
        url,
        {"rag": "at_risk", "narrative": payload, "date": today.isoformat()}
        | _date_parts("date", today),
    )
    if payload == NUL:
        assert response.status_code == 200
        assert NUL_REFUSED in _text(response)
        assert model.objects.count() == before
        return
    assert response.status_code == 302
    assert model.objects.latest("created_at", "id").narrative == payload


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_review_details_store_hostile_text_or_refuse_it(client, board, alice, payload):
    client.force_login(alice)
    # Title (200) and subject reference (100) have limits; long text goes in the summary.
    short = "Ordinary" if payload == LONG else payload
    response = client.post(
        reverse("reviews:create", args=[board.slug]),
        {
            "kind": "single_agency_inspection",
            "title": short,
            "subject_reference": short,
            "confirm_subject_reference": "on",
            "summary": payload,
            "status": "in_progress",
            "start_date_0": "1",
            "start_date_1": "5",
            "start_date_2": "2024",
        },
    )
    if payload == NUL:
        assert response.status_code == 200
        assert NUL_REFUSED in _text(response)
        assert not Review.objects.exists()
        return
    assert response.status_code == 302, response.context["form"].errors
    review = Review.objects.get()
    assert (review.title, review.subject_reference, review.summary) == (short, short, payload)


def test_over_long_review_title_and_reference_are_refused(client, board, alice):
    client.force_login(alice)
    response = client.post(
        reverse("reviews:create", args=[board.slug]),
        {
            "kind": "single_agency_inspection",
            "title": LONG,
            "subject_reference": LONG,
            "status": "in_progress",
            "start_date_0": "1",
            "start_date_1": "5",
            "start_date_2": "2024",
        },
    )
    assert response.status_code == 200
    assert "Title must be 300 characters or fewer; you entered 900" in _text(response)
    assert "must be 100 characters or fewer; you entered 900" in _text(response)
    assert not Review.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_report_narrative_sections_store_hostile_text_or_refuse_it(
    client, board, board_data, alice, payload
):
    client.force_login(alice)
    form = client.get(reverse("reporting:narrative", args=[board.slug, "2008Q3"])).context["form"]
    limits = {name: getattr(f, "max_length", None) for name, f in form.fields.items()}
    data = {"report_date_0": "29", "report_date_1": "1", "report_date_2": "2009"}
    for name in NARRATIVE_FIELDS:
        if name != "report_date":
            data[name] = "Ordinary" if payload == LONG and limits[name] < len(LONG) else payload
    response = client.post(reverse("reporting:narrative", args=[board.slug, "2008Q3"]), data)
    if payload == NUL:
        assert response.status_code == 200
        assert NUL_REFUSED in _text(response)
        assert not ReportNarrative.objects.exists()
        return
    assert response.status_code == 302, response.context["form"].errors
    saved = ReportNarrative.objects.get(board=board, quarter="2008Q3")
    assert saved.background == payload
    assert saved.contact_officer == payload


# --- Imported from files ----------------------------------------------------------------


def _workbook(rows: list[list]) -> SimpleUploadedFile:
    """Cells typed as text, as a person gets by typing '=x in Excel (not a formula)."""
    wb = Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = wb.active.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("plan.xlsx", buffer.getvalue())


def _import_workplan(client, board, payload):
    title = "Ordinary title" if payload == LONG else payload
    upload = _workbook(
        [["Outcome", "How we will do it", "Who", "Review"], [title, payload, payload, payload]]
    )
    form = {
        "title": "Imported plan",
        "file": upload,
        **_date_parts("start", dt.date(2008, 4, 1)),
        **_date_parts("end", dt.date(2009, 3, 31)),
        **_date_parts("review_date", dt.date(2008, 12, 31)),
    }
    preview = client.post(reverse("workplans:import", args=[board.slug]), form)
    return title, preview


@pytest.mark.parametrize("payload", SHEET_PAYLOADS, ids=SHEET_IDS)
def test_workplan_import_stores_hostile_cells_as_text(client, board, alice, payload):
    client.force_login(alice)
    title, preview = _import_workplan(client, board, payload)
    assert preview.context["token"], preview.context["result"].errors
    assert SCRIPT not in _text(preview) or payload != SCRIPT
    confirm = client.post(
        reverse("workplans:import_confirm", args=[board.slug]),
        {"token": preview.context["token"]},
    )
    assert confirm.status_code == 302
    outcome = Outcome.objects.get(workplan__title="Imported plan")
    assert (outcome.title, outcome.how, outcome.who) == (title, payload, payload)
    assert outcome.updates.get().narrative == payload


def test_workplan_import_refuses_an_over_long_outcome(client, board, alice):
    client.force_login(alice)
    upload = _workbook([["Outcome", "How we will do it", "Who", "Review"], [LONG, "a", "b", ""]])
    response = client.post(
        reverse("workplans:import", args=[board.slug]),
        {
            "title": "Imported plan",
            "file": upload,
            **_date_parts("start", dt.date(2008, 4, 1)),
            **_date_parts("end", dt.date(2009, 3, 31)),
        },
    )
    assert response.context["token"] is None
    assert "300" in _text(response)
    assert not Workplan.objects.filter(title="Imported plan").exists()


def _plan_rows(text: str, reference: str) -> list[list]:
    return [
        ["STATUTORY REQUIREMENTS"],
        ["No", "Standard", "Regulation", "Requirement", "Actions", "Person Responsible",
         "Timescale", "Progress Review"],
        [1, reference, reference, text, text, text, "February 2009", f"At risk: {text}"],
    ]  # fmt: skip


@pytest.mark.parametrize("payload", SHEET_PAYLOADS, ids=SHEET_IDS)
def test_action_plan_import_stores_hostile_cells_as_text(client, board, board_data, alice, payload):
    review = board_data.review
    Recommendation.objects.filter(review=review).delete()
    client.force_login(alice)
    # References have short limits (50 and 100); long text goes in the free-text columns.
    reference = "NMS 5" if payload == LONG else payload
    url = reverse("reviews:import", args=[board.slug, review.pk])
    response = client.post(url, {"file": _workbook(_plan_rows(payload, reference))}, follow=True)
    token = response.context.get("token")
    assert token, response.context.get("errors") or response.context["form"].errors
    confirm = client.post(
        reverse("reviews:import_confirm", args=[board.slug, review.pk]),
        # The progress cell gives no date, so the officer gives one.
        {
            "token": token,
            "progress_date_0": "31",
            "progress_date_1": "1",
            "progress_date_2": "2009",
        },
    )
    assert confirm.status_code == 302
    rec = Recommendation.objects.get(review=review)
    action = Action.objects.get(recommendation=rec)
    assert (rec.text, rec.standard_reference, rec.regulation_reference) == (
        payload,
        reference,
        reference,
    )
    assert (action.what, action.responsible) == (payload, payload)


def test_action_plan_import_refuses_over_long_references_with_a_message(
    client, board, board_data, alice
):
    review = board_data.review
    Recommendation.objects.filter(review=review).delete()
    client.force_login(alice)
    url = reverse("reviews:import", args=[board.slug, review.pk])
    response = client.post(url, {"file": _workbook(_plan_rows("Do it", LONG))}, follow=True)
    assert not response.context.get("token")
    text = _text(response)
    assert "“Standard” is longer than 50 characters" in text
    assert "“Regulation” is longer than 100 characters" in text
    assert not Recommendation.objects.filter(review=review).exists()


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_figures_import_shows_hostile_codes_escaped_and_saves_nothing(
    client, board, board_data, alice, payload
):
    client.force_login(alice)
    before = IndicatorValue.objects.count()
    content = f"quarter,indicator,value\n2008Q3,{payload},{payload}\n".encode()
    response = client.post(
        reverse("reporting:figures_import", args=[board.slug]),
        {"file": SimpleUploadedFile("figures.csv", content)},
    )
    assert response.status_code == 200
    text = _text(response)
    for markup in MARKUP:
        assert markup not in text
    if payload == NUL:
        assert "not a CSV text file" in text
    else:
        assert "no indicator with the code" in text or "characters or fewer" in text
    assert IndicatorValue.objects.count() == before


# --- Shown back: pages, spreadsheets, PDFs ----------------------------------------------


@pytest.fixture
def hostile(board, board_data, alice):
    """The board's free text, all of it markup, a remote image or a formula."""
    text = f"{SCRIPT} {BOLD} {IMAGE} {RTL}"
    Outcome.objects.filter(pk=board_data.outcome.pk).update(
        title=SCRIPT, how=text, who=IMAGE, current_narrative=text
    )
    ProgressUpdate.objects.filter(pk=board_data.update.pk).update(narrative=text)
    Review.objects.filter(pk=board_data.review.pk).update(
        title=SCRIPT, subject_reference=BOLD, summary=text
    )
    Recommendation.objects.filter(pk=board_data.recommendation.pk).update(
        text=FORMULAS[0], standard_reference=FORMULAS[1], regulation_reference=IMAGE
    )
    Action.objects.filter(pk=board_data.action.pk).update(
        what=FORMULAS[2], responsible=FORMULAS[3], current_narrative=text
    )
    ActionProgress.objects.filter(pk=board_data.action_progress.pk).update(narrative=text)
    narrative = {name: text for name in NARRATIVE_FIELDS if name != "report_date"}
    ReportNarrative.objects.create(board=board, quarter="2008Q3", **narrative)
    return board_data


def test_no_page_shows_hostile_markup_unescaped(board, hostile, carol):
    client = Client()
    client.force_login(carol)
    pages = 0
    seen_escaped = set()
    for name, _ in project_url_names():
        target, by_method = TABLE[name]
        if "GET" not in by_method or by_method["GET"]["chair"] != 200:
            continue
        response = client.get(_url(name, target, board, hostile))
        if not response["Content-Type"].startswith("text/html"):
            b"".join(getattr(response, "streaming_content", [b""]))
            continue
        pages += 1
        text = _text(response)
        for markup in MARKUP:
            assert markup not in text, f"{name} shows {markup} unescaped"
            if html.escape(markup, quote=False) in text or html.escape(markup) in text:
                seen_escaped.add(name)
    assert pages > 20
    # The pages that show this text show it, escaped.
    assert {
        "workplans:outcome",
        "workplans:detail",
        "reviews:detail",
        "reviews:list",
        "reporting:preview",
    } <= seen_escaped


def _xlsx_cells(response) -> list[str]:
    wb = load_workbook(io.BytesIO(response.content))
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]


def test_spreadsheet_exports_neutralise_formulas_and_keep_markup_as_text(
    client, board, hostile, bob
):
    Outcome.objects.filter(pk=hostile.outcome.pk).update(how=FORMULAS[0], who=FORMULAS[3])
    client.force_login(bob)
    workplan_xlsx = client.get(
        reverse("workplans:export", args=[board.slug, hostile.workplan.pk]), {"format": "xlsx"}
    )
    plan_xlsx = client.get(reverse("reviews:export", args=[board.slug, hostile.review.pk]))
    workplan_csv = client.get(
        reverse("workplans:export", args=[board.slug, hostile.workplan.pk]), {"format": "csv"}
    )
    csv_cells = [
        c for row in csv.reader(io.StringIO(workplan_csv.content.decode("utf-8-sig"))) for c in row
    ]
    for label, cells, formulas in [
        ("workplan xlsx", _xlsx_cells(workplan_xlsx), [FORMULAS[0], FORMULAS[3]]),
        ("workplan csv", csv_cells, [FORMULAS[0], FORMULAS[3]]),
        ("action plan xlsx", _xlsx_cells(plan_xlsx), FORMULAS),
    ]:
        texts = [str(c) for c in cells]
        for formula in formulas:
            assert "'" + formula in texts, f"{label}: {formula} not neutralised"
        assert not any(t.startswith(("=", "+", "-", "@")) for t in texts), label
    assert SCRIPT in _xlsx_cells(workplan_xlsx)
    wb = load_workbook(io.BytesIO(plan_xlsx.content))
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_quarterly_pdf_sets_markup_as_text_and_fetches_nothing_it_names(board, hostile):
    fetcher = StaticOnlyFetcher()
    rendered = render_pdf(report_html(board, Quarter.parse("2008Q3")), fetcher=fetcher)
    text = " ".join(_pdf_text(rendered.data).split())
    assert "<script>alert(1)</script>" in text
    assert "<b>bold</b>" in text
    assert "example.invalid" in text  # the image tag, printed as words
    assert not [url for url in fetcher.requested if "example.invalid" in url]
    assert all(url.startswith("http://") and "/static/" in url for url in fetcher.requested)


def test_hostile_query_strings_never_cause_a_server_error(board, board_data, carol):
    """Filters, page numbers, formats and preview tokens read from the address: a NUL byte
    (which PostgreSQL refuses in text), markup or a huge number gets a page, 400 or 404."""
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    names = ["q", "kind", "status", "overdue", "subgroup", "lead", "rag", "theme", "sort"]
    names += ["not_updated", "page", "format", "preview", "token", "state", "source"]
    for value in ["\x00", SCRIPT, "9" * 40, "-1"]:
        query = {name: value for name in names}
        for name, _ in project_url_names():
            target, by_method = TABLE[name]
            if "GET" not in by_method or by_method["GET"]["chair"] != 200:
                continue
            url = _url(name, target, board, board_data).split("?")[0]
            response = client.get(url, query)
            assert response.status_code < 500, f"{name} with {value!r}: {response.status_code}"
            if response["Content-Type"].startswith("text/html"):
                assert SCRIPT not in _text(response), name
            else:
                b"".join(getattr(response, "streaming_content", [b""]))
