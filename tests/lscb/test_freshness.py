"""Every write that changes what a board's pages show moves that board's data_version on.

Cached page fragments (lscb.fragments) are keyed on the version, so these tests are what
stand between a write and a stale page: a model that leads to a board but is neither
watched nor exempt, or a write path that sends no signal and touches nothing, would let a
cached part outlive its data.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import m2m_changed

from boards.models import Board, Membership, Role
from lscb import freshness
from lscb.vocab import RAG
from reporting import services as reporting_services
from reporting.models import QuarterlyReport, ReportStatus
from reviews.services.progress import action_record_progress
from tests.factories import (
    AgencyFactory,
    MembershipFactory,
    PersonFactory,
    SubgroupFactory,
    ThemeFactory,
)
from tests.reporting.factories import QuarterlyReportFactory
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans import services as workplans_services
from workplans.models import Workplan

PROJECT_APPS = ("boards", "workplans", "reviews", "training", "voice", "reporting", "lscb")


def version(board: Board) -> int:
    return Board.objects.values_list("data_version", flat=True).get(pk=board.pk)


class Versions:
    """The data versions of some boards now, to compare with after a write."""

    def __init__(self, *boards: Board) -> None:
        self.boards = boards
        self.before = {b.pk: version(b) for b in boards}

    def moved(self, board: Board) -> bool:
        return version(board) != self.before[board.pk]


def _forward_relations(model: type[models.Model]):
    for field in model._meta.get_fields():
        if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model:
            yield field


def _reaches_board(model: type[models.Model]) -> str | None:
    """The shortest path of forward FK / one-to-one hops from `model` to Board, if any."""
    seen = {model}
    queue: deque[tuple[type[models.Model], str]] = deque([(model, "")])
    while queue:
        current, path = queue.popleft()
        for field in _forward_relations(current):
            target = field.related_model
            hop = f"{path}__{field.name}" if path else field.name
            if target is Board:
                return hop
            if target not in seen:
                seen.add(target)
                queue.append((target, hop))
    return None


def _project_models(*, include_auto_created: bool = False):
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models(
            include_auto_created=include_auto_created
        ):
            if model._meta.abstract or model._meta.proxy or model is Board:
                continue
            yield model


def _resolve(model: type[models.Model], path: str) -> type[models.Model]:
    current = model
    for name in path.split("__"):
        current = current._meta.get_field(name).related_model
        assert current is not None, f"{model._meta.label}: {path!r} stops at a non-relation"
    return current


# --- 1. the registry covers every model that leads to a board ----------------------------


def test_every_model_that_leads_to_a_board_is_watched_or_exempt():
    watched = freshness.watched_models()
    exempt = freshness.exempt_models()
    leads = {m: p for m in _project_models() if (p := _reaches_board(m)) is not None}
    # The walk itself must find the obvious ones, or this test proves nothing.
    assert {"boards.Membership", "workplans.ProgressUpdate", "reviews.ActionProgress"} <= {
        m._meta.label for m in leads
    }
    unregistered = sorted(
        f"{m._meta.label} (reaches a board through {p})"
        for m, p in leads.items()
        if m not in watched and m not in exempt
    )
    assert not unregistered, "Neither watched nor exempt in lscb.freshness: " + ", ".join(
        unregistered
    )


def test_every_many_to_many_table_that_leads_to_a_board_sends_freshness_signals():
    """Auto-created link tables are covered by m2m_changed from the watched model that
    declares the field; a link table nobody listens to would change pages silently."""
    silent = sorted(
        m._meta.label
        for m in _project_models(include_auto_created=True)
        if m._meta.auto_created
        and _reaches_board(m) is not None
        and not m2m_changed.has_listeners(m)
    )
    assert not silent, "Link tables leading to a board with no m2m_changed receiver: " + ", ".join(
        silent
    )


@pytest.mark.django_db
def test_every_watched_path_resolves_to_a_board(board):
    for model, path in freshness.watched_models().items():
        if path is None:  # shared rows: every board moves on
            continue
        assert _resolve(model, path) is Board, f"{model._meta.label}.{path} is not a board"
        # And the ORM accepts it as a lookup (no FieldError).
        model._default_manager.filter(**{path: board}).exists()


# --- 2. services move their own board on, and no other ----------------------------------


@pytest.mark.django_db
def test_recording_outcome_progress_moves_only_that_board_on(board, other_board, alice):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    versions = Versions(board, other_board)
    workplans_services.outcome_record_progress(
        outcome=outcome, by=alice, rag=RAG.ON_TRACK, narrative="Going well", date=dt.date.today()
    )
    assert versions.moved(board)
    assert not versions.moved(other_board)


def _area_versions(board: Board) -> dict[str, int]:
    return Board.objects.values("workplans_version", "plans_version").get(pk=board.pk)


@pytest.mark.django_db
def test_recording_progress_moves_workplans_but_not_what_the_plans_say(board, alice):
    """Progress is the commonest write; parts showing no progress (a plan's heading, its
    filter form) are keyed on "plans" and stay cached."""
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    before = _area_versions(board)
    workplans_services.outcome_record_progress(
        outcome=outcome, by=alice, rag=RAG.AT_RISK, narrative="Slipping", date=dt.date.today()
    )
    after = _area_versions(board)
    assert after["workplans_version"] > before["workplans_version"]
    assert after["plans_version"] == before["plans_version"]


@pytest.mark.django_db
def test_changing_what_a_plan_says_moves_both_workplans_and_plans(board, carol):
    workplan = WorkplanFactory(board=board, status=Workplan.Status.DRAFT)
    before = _area_versions(board)
    outcome = OutcomeFactory(workplan=workplan)
    added = _area_versions(board)
    outcome.lead_subgroups.add(SubgroupFactory(board=board))
    led = _area_versions(board)
    workplans_services.workplan_approve(workplan=workplan, by=carol)
    approved = _area_versions(board)
    for earlier, later in [(before, added), (added, led), (led, approved)]:
        assert later["workplans_version"] > earlier["workplans_version"]
        assert later["plans_version"] > earlier["plans_version"]


@pytest.mark.django_db
def test_recording_review_action_progress_moves_only_that_board_on(board, other_board, alice):
    action = ActionFactory(recommendation=RecommendationFactory(review=ReviewFactory(board=board)))
    versions = Versions(board, other_board)
    action_record_progress(
        action=action, by=alice, date=dt.date.today(), rag=RAG.ON_TRACK, narrative="Started"
    )
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.fixture
def fake_pdf(monkeypatch, settings, tmp_path):
    """report_render without WeasyPrint: a tiny PDF, stored under a temporary MEDIA_ROOT."""
    from reporting.pdf import RenderedPDF

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr("reporting.report.report_html", lambda board, quarter: "<html></html>")
    monkeypatch.setattr(
        "reporting.pdf.render_pdf", lambda html, **kw: RenderedPDF(b"%PDF-1.7 test", 1)
    )
    monkeypatch.setattr(reporting_services, "_send_notify", lambda report_id: None)


@pytest.mark.django_db
def test_report_status_changes_move_only_that_board_on(
    board, other_board, fake_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    from reporting.pdf import RenderedPDF

    report = QuarterlyReportFactory(board=board, status=ReportStatus.QUEUED)
    while_rendering: list[int] = []

    def render_pdf(html, **kwargs):
        # Called between the claim (queued -> rendering) and the finish (-> ready).
        while_rendering.append(version(board))
        return RenderedPDF(b"%PDF-1.7 test", 1)

    monkeypatch.setattr("reporting.pdf.render_pdf", render_pdf)
    versions = Versions(board, other_board)
    with django_capture_on_commit_callbacks(execute=False):
        assert reporting_services.report_render(report_id=report.pk) == "ready"
    assert QuarterlyReport.objects.get(pk=report.pk).status == ReportStatus.READY
    # The claim moved the board on, and so did the finish.
    assert while_rendering and while_rendering[0] != versions.before[board.pk]
    assert version(board) != while_rendering[0]
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_a_failed_render_moves_the_board_on(board, other_board, fake_pdf, monkeypatch):
    report = QuarterlyReportFactory(board=board, status=ReportStatus.QUEUED)

    def broken(*args, **kwargs):
        raise ValueError("template exploded")

    monkeypatch.setattr("reporting.report.report_html", broken)
    versions = Versions(board, other_board)
    assert reporting_services.report_render(report_id=report.pk) == "failed"
    assert versions.moved(board)
    assert not versions.moved(other_board)


# --- 3. plain ORM writes, as the Django admin makes them --------------------------------


@pytest.mark.django_db
def test_saving_a_membership_moves_its_board_on(board, other_board):
    membership = MembershipFactory(board=board)
    versions = Versions(board, other_board)
    membership.title = "Medical adviser"
    membership.save()
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_creating_and_saving_a_subgroup_moves_its_board_on(board, other_board):
    versions = Versions(board, other_board)
    subgroup = SubgroupFactory(board=board, name="Training")
    assert versions.moved(board)
    versions = Versions(board, other_board)
    subgroup.remit = "Multi-agency training"
    subgroup.save()
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_deleting_a_membership_moves_its_board_on(board, other_board):
    membership = MembershipFactory(board=board, role=Role.LAY_MEMBER)
    versions = Versions(board, other_board)
    Membership.objects.get(pk=membership.pk).delete()
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_deleting_a_recommendation_moves_its_board_on(board, other_board):
    recommendation = RecommendationFactory(review=ReviewFactory(board=board))
    ActionFactory(recommendation=recommendation)
    versions = Versions(board, other_board)
    recommendation.delete()
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_tagging_an_outcome_with_a_theme_moves_its_board_on_from_either_side(board, other_board):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    neglect, exploitation = ThemeFactory(slug="neglect"), ThemeFactory(slug="exploitation")

    versions = Versions(board, other_board)
    outcome.themes.add(neglect)
    assert versions.moved(board)
    assert not versions.moved(other_board)

    versions = Versions(board, other_board)
    exploitation.outcomes.add(outcome)  # the reverse side, as the theme's admin would
    assert versions.moved(board)
    assert not versions.moved(other_board)

    versions = Versions(board, other_board)
    exploitation.outcomes.remove(outcome)
    assert versions.moved(board)
    assert not versions.moved(other_board)

    versions = Versions(board, other_board)
    neglect.outcomes.clear()  # reverse clear: no pk_set, so every board moves on
    assert versions.moved(board)


@pytest.mark.django_db
def test_saving_a_person_or_an_agency_moves_every_board_on(board, other_board):
    person = PersonFactory()
    agency = AgencyFactory(name="Northtown Police")

    versions = Versions(board, other_board)
    person.job_title = "Designated nurse"
    person.save()
    assert versions.moved(board) and versions.moved(other_board)

    versions = Versions(board, other_board)
    agency.name = "Northtown Constabulary"
    agency.save()
    assert versions.moved(board) and versions.moved(other_board)


@pytest.mark.django_db
def test_signing_in_moves_nothing_but_renaming_a_login_moves_every_board_on(
    board, other_board, alice
):
    versions = Versions(board, other_board)
    alice.last_login = dt.datetime.now(dt.UTC)
    alice.save(update_fields=["last_login"])
    assert not versions.moved(board)
    assert not versions.moved(other_board)

    alice.first_name = "Alicia"
    alice.save()
    assert versions.moved(board) and versions.moved(other_board)


@pytest.mark.django_db
def test_force_login_moves_nothing(client, board, alice):
    versions = Versions(board)
    client.force_login(alice)
    assert not versions.moved(board)


# --- 4. Board.save() never takes the version back ----------------------------------------


@pytest.mark.django_db
def test_saving_a_stale_board_never_takes_its_version_back(board):
    first = Board.objects.get(pk=board.pk)
    stale = Board.objects.get(pk=board.pk)
    loaded = first.data_version
    freshness.touch_board(board.pk)
    touched = version(board)
    assert touched > loaded

    stale.area = "Northtown and district"
    stale.save()

    after = version(board)
    assert after > loaded and after > touched
    assert Board.objects.get(pk=board.pk).area == "Northtown and district"


@pytest.mark.django_db
def test_saving_a_stale_board_with_update_fields_never_takes_its_version_back(board):
    stale = Board.objects.get(pk=board.pk)
    loaded = stale.data_version
    freshness.touch_board(board.pk)
    freshness.touch_board(board.pk)
    touched = version(board)

    stale.colour = "#003078"
    stale.save(update_fields=["colour"])

    assert version(board) > max(loaded, touched)


# --- 3. writes that send no signal move the boards on by themselves ---------------------


def test_every_watched_model_writes_through_a_watched_queryset():
    """Queryset update() and bulk_create() send no signals; a WatchedQuerySet moves the
    boards itself, so a service cannot forget. The login model belongs to Django and is
    only ever saved one row at a time (its save signals cover it)."""
    user_model = get_user_model()
    plain = [
        m._meta.label
        for m in freshness.watched_models()
        if m is not user_model
        and not isinstance(m._default_manager.all(), freshness.WatchedQuerySet)
    ]
    assert not plain, "Default manager is not a freshness.WatchedManager: " + ", ".join(plain)


@pytest.mark.django_db
def test_a_queryset_update_moves_only_the_boards_of_its_rows(board, other_board):
    workplan = WorkplanFactory(board=board)
    WorkplanFactory(board=other_board)
    versions = Versions(board, other_board)
    Workplan.objects.filter(pk=workplan.pk).update(title="Renamed")
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_an_update_that_changes_what_its_filter_selects_still_moves_the_board(board):
    workplan = WorkplanFactory(board=board, status=Workplan.Status.DRAFT)
    versions = Versions(board)
    changed = Workplan.objects.filter(pk=workplan.pk, status=Workplan.Status.DRAFT).update(
        status=Workplan.Status.APPROVED
    )
    assert changed == 1
    assert versions.moved(board)


@pytest.mark.django_db
def test_touching_narrows_the_areas_an_update_moves(board):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    before = _area_versions(board)
    type(outcome).objects.filter(pk=outcome.pk).touching("workplans").update(order=7)
    after = _area_versions(board)
    assert after["workplans_version"] > before["workplans_version"]
    assert after["plans_version"] == before["plans_version"]


@pytest.mark.django_db
def test_bulk_create_and_bulk_update_move_the_boards_of_their_rows(board, other_board):
    workplan = WorkplanFactory(board=board)
    outcome_model = OutcomeFactory._meta.model
    versions = Versions(board, other_board)
    created = outcome_model.objects.bulk_create(
        [outcome_model(workplan=workplan, title="Bulk", order=1)]
    )
    assert versions.moved(board)
    assert not versions.moved(other_board)
    versions = Versions(board, other_board)
    created[0].title = "Bulk, renamed"
    outcome_model.objects.bulk_update(created, ["title"])
    assert versions.moved(board)
    assert not versions.moved(other_board)


@pytest.mark.django_db
def test_a_shared_update_moves_every_board(board, other_board):
    person = PersonFactory()
    versions = Versions(board, other_board)
    type(person).objects.filter(pk=person.pk).update(name="Renamed")
    assert versions.moved(board)
    assert versions.moved(other_board)


@pytest.mark.django_db
def test_deleting_history_rows_directly_moves_their_board(board, other_board, alice):
    """Progress rows have no delete receiver (they go with their outcome, whose own delete
    moves the board); a direct queryset delete moves the board through the queryset."""
    from tests.workplans.factories import add_update

    row = add_update(
        OutcomeFactory(workplan=WorkplanFactory(board=board)),
        alice,
        date=dt.date.today(),
        rag=RAG.ON_TRACK,
    )
    versions = Versions(board, other_board)
    type(row).objects.filter(pk=row.pk).delete()
    assert versions.moved(board)
    assert not versions.moved(other_board)
