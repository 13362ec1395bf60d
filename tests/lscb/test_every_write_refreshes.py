"""Every service that writes makes its change visible on the next page view, cached parts
and all.

Cached fragments are keyed on board versions (lscb.freshness); a write that moves no version
would leave the old parts on the page. Each scenario below views the page a write changes
(storing its cached parts), calls the service, views the page again and checks the change
shows. The services are discovered, so a new one fails
`test_every_writing_service_has_a_freshness_scenario` until it has a scenario here or is
listed as writing nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

import pytest
from django.urls import reverse

from boards import services as boards_services
from boards.models import Access, Board, Meeting, Membership, Role
from lscb.vocab import RAG, Quarter
from reporting import services as reporting_services
from reporting.models import Indicator, ReportStatus
from reviews.models import RecommendationKind, ReviewKind
from reviews.services import action_plan, plan_import, progress, review_records, sign_off
from tests.factories import PersonFactory, member
from tests.lscb.test_fragments import without_tokens
from tests.reporting.factories import QuarterlyReportFactory
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, current_period
from workplans import services as workplans_services

APPS = ("boards", "workplans", "reviews", "reporting")

# Public functions of the services that write nothing a page shows.
NON_WRITES = {
    "workplans.services.outcome_snapshot",  # reads an outcome for comparison
    "workplans.services.snapshot_differences",  # compares two snapshots
    "reviews.services.sign_off.ensure_plan_open",  # refuses a signed-off plan
    "reviews.services.sign_off.lock_review",  # SELECT ... FOR UPDATE
    "reporting.services.claim_timeout",  # a setting
    "reporting.services.reports_needing_a_push",  # a query for the sweep
    "reporting.services.portfolio_holder_emails",  # a query for the notice
}

# Writes no page shows yet (no template shows attendance or quorum, nor when the portfolio
# holders were told of a report): their scenarios check that the board still moves on, so
# a page that starts showing them is fresh from the first day.
SHOWN_NOWHERE = {
    "boards.services.meeting_record_attendance",
    "reporting.services.report_notify",
}


def _service_modules(app: str) -> list[ModuleType]:
    """`<app>.services`, and its submodules when it is a package."""
    root = importlib.import_module(f"{app}.services")
    modules = [root]
    if hasattr(root, "__path__"):
        for info in pkgutil.walk_packages(root.__path__, f"{root.__name__}."):
            modules.append(importlib.import_module(info.name))
    return modules


def discovered_services() -> dict[str, Callable]:
    found = {}
    for app in APPS:
        for module in _service_modules(app):
            for name, fn in inspect.getmembers(module, inspect.isfunction):
                if not name.startswith("_") and fn.__module__ == module.__name__:
                    found[f"{module.__name__}.{name}"] = fn
    return found


# --- scenarios ----------------------------------------------------------------------------


@dataclass
class World:
    board: Board
    officer: object
    chair: object
    today: dt.date

    def url(self, name: str, *args) -> str:
        if name == "boards:detail":
            return reverse(name, args=[self.board.slug])
        return reverse(name, args=[self.board.slug, *args])


# A scenario builds its data and returns (page to view, the write, text the write adds or
# None when the write changes or removes what is shown).
Scenario = Callable[[World], tuple[str, Callable[[], object], str | None]]


def _membership_create(w: World):
    person = PersonFactory(name="Nia Newcomer")
    return (
        w.url("boards:detail"),
        lambda: boards_services.membership_create(
            by=w.officer,
            person=person,
            board=w.board,
            role=Role.AGENCY_REPRESENTATIVE,
            access=Access.MEMBER,
            term_start=w.today - dt.timedelta(days=1),
        ),
        "Nia Newcomer",
    )


def _membership_end(w: World):
    user = member(w.board, "dora")
    membership = Membership.objects.get(person__user=user, board=w.board)
    return (
        w.url("boards:detail"),
        lambda: boards_services.membership_end(
            membership=membership, by=w.officer, on=w.today - dt.timedelta(days=1)
        ),
        None,
    )


def _meeting_record_attendance(w: World):
    meeting = Meeting.objects.create(board=w.board, date=w.today, venue="Town hall")
    person = Membership.objects.get(person__user=w.chair, board=w.board).person
    return (
        w.url("boards:detail"),
        lambda: boards_services.meeting_record_attendance(
            meeting=meeting, present=[person], apologies=[], by=w.officer
        ),
        None,
    )


def _workplan(w: World):
    start, end = current_period(w.today)
    return WorkplanFactory(board=w.board, start=start, end=end)


def _outcome_record_progress(w: World):
    outcome = OutcomeFactory(workplan=_workplan(w))
    return (
        w.url("workplans:detail", outcome.workplan_id),
        lambda: workplans_services.outcome_record_progress(
            outcome=outcome, by=w.officer, rag=RAG.AT_RISK, narrative="Slipping", date=w.today
        ),
        None,
    )


def _outcome_update(w: World):
    outcome = OutcomeFactory(workplan=_workplan(w))
    return (
        w.url("workplans:detail", outcome.workplan_id),
        lambda: workplans_services.outcome_update(
            outcome=outcome,
            by=w.officer,
            expected_version=outcome.version,
            title="Renamed by the scenario",
            how="",
            who="",
            due_date=None,
            order=1,
            lead_subgroups=[],
            leads=[],
            themes=[],
        ),
        "Renamed by the scenario",
    )


def _workplan_approve(w: World):
    workplan = _workplan(w)
    return (
        w.url("workplans:detail", workplan.pk),
        lambda: workplans_services.workplan_approve(workplan=workplan, by=w.chair),
        None,
    )


def _workplan_create(w: World):
    start, end = current_period(w.today)
    return (
        w.url("workplans:list"),
        lambda: workplans_services.workplan_create(
            board=w.board, by=w.officer, title="Created by the scenario", start=start, end=end
        ),
        "Created by the scenario",
    )


def _outcome_create(w: World):
    workplan = _workplan(w)
    return (
        w.url("workplans:detail", workplan.pk),
        lambda: workplans_services.outcome_create(
            workplan=workplan, by=w.officer, title="Outcome by the scenario"
        ),
        "Outcome by the scenario",
    )


def _workplan_import(w: World):
    start, end = current_period(w.today)
    row = {"row": 2, "title": "Imported outcome", "how": "", "who": "", "due_date": ""}
    row |= {"subgroup_ids": [], "person_ids": [], "theme_ids": [], "rag": ""}
    plan = {"title": "Imported by the scenario", "start": str(start), "end": str(end)}
    plan |= {"rows": [row]}
    return (
        w.url("workplans:list"),
        lambda: workplans_services.workplan_import(board=w.board, by=w.officer, plan=plan),
        "Imported by the scenario",
    )


def _review(w: World):
    return ReviewFactory(board=w.board)


def _recommendation_add(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: action_plan.recommendation_add(
            review=review,
            by=w.officer,
            number=9,
            kind=RecommendationKind.STATUTORY_REQUIREMENT,
            text="Added by the scenario",
        ),
        "Added by the scenario",
    )


def _recommendation_update(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: action_plan.recommendation_update(
            recommendation=rec, by=w.officer, text="Reworded by the scenario"
        ),
        "Reworded by the scenario",
    )


def _recommendation_delete(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: action_plan.recommendation_delete(recommendation=rec, by=w.officer),
        None,
    )


def _action_add(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: action_plan.action_add(
            recommendation=rec, by=w.officer, what="Action by the scenario"
        ),
        "Action by the scenario",
    )


def _action(w: World):
    return ActionFactory(recommendation=RecommendationFactory(review=_review(w)))


def _action_update(w: World):
    action = _action(w)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: action_plan.action_update(action=action, by=w.officer, what="Reworded action"),
        "Reworded action",
    )


def _action_delete(w: World):
    action = _action(w)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: action_plan.action_delete(action=action, by=w.officer),
        None,
    )


def _action_plan_import(w: World):
    review = _review(w)
    act = {"what": "Imported action", "responsible": "", "timescale": "", "is_month": False}
    rec = {"number": 1, "kind": RecommendationKind.STATUTORY_REQUIREMENT}
    rec |= {"standard": "", "regulation": ""}
    rec |= {"text": "Imported recommendation", "actions": [act]}
    return (
        w.url("reviews:detail", review.pk),
        lambda: plan_import.action_plan_import(review=review, by=w.officer, plan=[rec]),
        "Imported recommendation",
    )


def _action_record_progress(w: World):
    action = _action(w)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: progress.action_record_progress(
            action=action, by=w.officer, date=w.today, rag=RAG.AT_RISK, narrative="Late"
        ),
        None,
    )


def _refresh_current(w: World):
    action = _action(w)
    # A progress row the action's current status does not reflect yet.
    ActionProgressFactory(action=action, author=w.officer, date=w.today, rag=RAG.AT_RISK)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: progress.refresh_current(action),
        None,
    )


def _review_create(w: World):
    return (
        w.url("reviews:list"),
        lambda: review_records.review_create(
            board=w.board,
            by=w.officer,
            kind=ReviewKind.SINGLE_AGENCY_INSPECTION,
            title="Review by the scenario",
            start_date=w.today,
        ),
        "Review by the scenario",
    )


def _review_update(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: review_records.review_update(
            review=review, by=w.officer, title="Retitled by the scenario"
        ),
        "Retitled by the scenario",
    )


def _review_close(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: review_records.review_close(review=review, by=w.officer, on=w.today),
        None,
    )


def _finding_add(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: review_records.finding_add(
            review=review, by=w.officer, area="Found by the scenario", kind="strength"
        ),
        "Found by the scenario",
    )


def _review_sign_off(w: World):
    review = _action(w).recommendation.review
    return (
        w.url("reviews:detail", review.pk),
        lambda: sign_off.review_sign_off(review=review, by=w.chair),
        None,
    )


def _review_reopen(w: World):
    review = _action(w).recommendation.review
    sign_off.review_sign_off(review=review, by=w.chair)
    return (
        w.url("reviews:detail", review.pk),
        lambda: sign_off.review_reopen(review=review, by=w.chair, reason="Reopened to amend"),
        None,
    )


def _indicator() -> Indicator:
    return Indicator.objects.create(code="cp-plans", name="Children on plans", group="CP")


def _figures_save(w: World):
    indicator, quarter = _indicator(), Quarter.containing(w.today)
    return (
        w.url("reporting:figures", quarter.code),
        lambda: reporting_services.figures_save(
            board=w.board, quarter=quarter, values={indicator.code: Decimal(4242)}, by=w.officer
        ),
        "4242",
    )


def _figures_import(w: World):
    indicator, quarter = _indicator(), Quarter.containing(w.today)
    rows = [(quarter.code, indicator.code, Decimal(4343))]
    return (
        w.url("reporting:figures", quarter.code),
        lambda: reporting_services.figures_import(board=w.board, rows=rows, by=w.officer),
        "4343",
    )


def _narrative_save(w: World):
    quarter = Quarter.containing(w.today)
    return (
        w.url("reporting:narrative", quarter.code),
        lambda: reporting_services.narrative_save(
            board=w.board, quarter=quarter, data={"portfolio": "Portfolio of Nia"}, by=w.officer
        ),
        "Portfolio of Nia",
    )


def _report_request(w: World):
    quarter = Quarter.containing(w.today)
    return (
        w.url("reporting:list"),
        lambda: reporting_services.report_request(board=w.board, quarter=quarter, by=w.officer),
        None,
    )


def _report_schedule(w: World):
    quarter = Quarter.containing(w.today)
    return (
        w.url("reporting:list"),
        lambda: reporting_services.report_schedule(board=w.board, quarter=quarter),
        None,
    )


def _report_render(w: World):
    report = QuarterlyReportFactory(board=w.board, status=ReportStatus.QUEUED)
    return (
        w.url("reporting:list"),
        lambda: reporting_services.report_render(report_id=report.pk),
        None,
    )


def _report_notify(w: World):
    report = QuarterlyReportFactory(board=w.board, status=ReportStatus.READY)
    return (
        w.url("reporting:list"),
        lambda: reporting_services.report_notify(report_id=report.pk),
        None,
    )


SCENARIOS: dict[str, Scenario] = {
    "boards.services.membership_create": _membership_create,
    "boards.services.membership_end": _membership_end,
    "boards.services.meeting_record_attendance": _meeting_record_attendance,
    "workplans.services.outcome_record_progress": _outcome_record_progress,
    "workplans.services.outcome_update": _outcome_update,
    "workplans.services.workplan_approve": _workplan_approve,
    "workplans.services.workplan_create": _workplan_create,
    "workplans.services.outcome_create": _outcome_create,
    "workplans.services.workplan_import": _workplan_import,
    "reviews.services.action_plan.recommendation_add": _recommendation_add,
    "reviews.services.action_plan.recommendation_update": _recommendation_update,
    "reviews.services.action_plan.recommendation_delete": _recommendation_delete,
    "reviews.services.action_plan.action_add": _action_add,
    "reviews.services.action_plan.action_update": _action_update,
    "reviews.services.action_plan.action_delete": _action_delete,
    "reviews.services.plan_import.action_plan_import": _action_plan_import,
    "reviews.services.progress.action_record_progress": _action_record_progress,
    "reviews.services.progress.refresh_current": _refresh_current,
    "reviews.services.review_records.review_create": _review_create,
    "reviews.services.review_records.review_update": _review_update,
    "reviews.services.review_records.review_close": _review_close,
    "reviews.services.review_records.finding_add": _finding_add,
    "reviews.services.sign_off.review_sign_off": _review_sign_off,
    "reviews.services.sign_off.review_reopen": _review_reopen,
    "reporting.services.figures_save": _figures_save,
    "reporting.services.figures_import": _figures_import,
    "reporting.services.narrative_save": _narrative_save,
    "reporting.services.report_request": _report_request,
    "reporting.services.report_schedule": _report_schedule,
    "reporting.services.report_render": _report_render,
    "reporting.services.report_notify": _report_notify,
}


def test_every_writing_service_has_a_freshness_scenario():
    discovered = set(discovered_services())
    missing = discovered - set(SCENARIOS) - NON_WRITES
    stale = (set(SCENARIOS) | NON_WRITES) - discovered
    assert not missing, "Services with no scenario here (or in NON_WRITES): " + ", ".join(
        sorted(missing)
    )
    assert not stale, "Listed here but no longer a service: " + ", ".join(sorted(stale))


@pytest.fixture
def no_pdf(monkeypatch, settings, tmp_path):
    """report_render and report_notify without WeasyPrint or a mail server."""
    from reporting.pdf import RenderedPDF

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr("reporting.report.report_html", lambda board, quarter: "<html></html>")
    monkeypatch.setattr(
        "reporting.pdf.render_pdf", lambda html, **kw: RenderedPDF(b"%PDF-1.7 test", 1)
    )
    monkeypatch.setattr(reporting_services, "_send_notify", lambda report_id: None)


def _data_version(board: Board) -> int:
    return Board.objects.values_list("data_version", flat=True).get(pk=board.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("service", sorted(SCENARIOS))
def test_a_write_shows_on_the_next_view(
    service, client, board, alice, carol, no_pdf, django_capture_on_commit_callbacks
):
    world = World(board=board, officer=alice, chair=carol, today=dt.date.today())
    url, write, added = SCENARIOS[service](world)
    client.force_login(alice)
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)  # served from the cached parts the first view stored
    assert without_tokens(again) == without_tokens(first)
    before = _data_version(board)

    with django_capture_on_commit_callbacks(execute=False):
        write()

    after = client.get(url)
    assert after.status_code == 200, url
    assert _data_version(board) != before, f"{service} moved no version of its board"
    if service in SHOWN_NOWHERE:
        return
    assert without_tokens(after) != without_tokens(first), f"{service}: {url} did not change"
    if added is not None:
        assert added not in without_tokens(first)
        assert added in without_tokens(after), f"{service}: {added!r} not on {url}"
