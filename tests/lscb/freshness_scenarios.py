"""Scenarios for tests/lscb/test_every_write_refreshes.py: for each service that writes,
the data it needs, the page its write changes, the write, and text the write adds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards import services as boards_services
from boards.models import Access, AgendaItem, Board, Meeting, Membership, Role
from boards.services import meetings as meetings_services
from boards.services import minutes as minutes_services
from lscb.vocab import RAG, Quarter
from reporting import services as reporting_services
from reporting.models import Indicator, ReportStatus
from reviews.models import RecommendationKind, ReviewKind
from reviews.services import (
    action_plan,
    authoring,
    authoring_actions,
    digest_opt_outs,
    minute_actions,
    partner,
    plan_import,
    progress,
    review_records,
    sign_off,
)
from tests.factories import PersonFactory, member
from tests.lscb.freshness_scenarios_outcome_links import SCENARIOS as OUTCOME_LINK_SCENARIOS
from tests.lscb.freshness_scenarios_packs import SCENARIOS as PACK_SCENARIOS
from tests.lscb.freshness_scenarios_s11 import SCENARIOS as S11_SCENARIOS
from tests.lscb.freshness_scenarios_yearly import SCENARIOS as YEARLY_SCENARIOS
from tests.reporting.factories import QuarterlyReportFactory
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.training.freshness_scenarios import SCENARIOS as TRAINING_SCENARIOS
from tests.training.freshness_scenarios_programme import SCENARIOS as PROGRAMME_SCENARIOS
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, current_period
from workplans import services as workplans_services
from workplans.services import authoring as workplans_authoring
from workplans.services import imports as workplans_imports


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


def _meeting(w: World, days_ahead: int = 0) -> Meeting:
    day = w.today + dt.timedelta(days=days_ahead)
    meeting = Meeting.objects.create(board=w.board, date=day, venue="Town hall")
    AgendaItem.objects.create(meeting=meeting, number=1, title="Minutes of the last meeting")
    AgendaItem.objects.create(meeting=meeting, number=2, title="Neglect strategy")
    return meeting


def _meeting_page(w: World, meeting: Meeting) -> str:
    return w.url("boards:meeting", meeting.pk)


def _meeting_record_attendance(w: World):
    meeting = _meeting(w)
    person = Membership.objects.get(person__user=w.chair, board=w.board).person
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.meeting_record_attendance(
            meeting=meeting, present=[person], apologies=[], by=w.officer
        ),
        None,
    )


def _meeting_plan(w: World):
    return (
        w.url("boards:meetings"),
        lambda: meetings_services.meeting_plan(
            board=w.board, subgroup=None, date=w.today, venue="Moot Hall", by=w.officer
        ),
        "Moot Hall",
    )


def _meeting_update(w: World):
    meeting = _meeting(w)
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.meeting_update(meeting=meeting, venue="Moot Hall", by=w.officer),
        "Moot Hall",
    )


def _agenda_item_add(w: World):
    meeting = _meeting(w)
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.agenda_item_add(meeting=meeting, title="Budget", by=w.officer),
        "Budget",
    )


def _agenda_item_update(w: World):
    item = _meeting(w).items.get(number=2)
    return (
        _meeting_page(w, item.meeting),
        lambda: meetings_services.agenda_item_update(
            item=item, title="Neglect strategy refreshed", by=w.officer
        ),
        "Neglect strategy refreshed",
    )


def _agenda_item_move(w: World):
    item = _meeting(w).items.get(number=2)
    return (
        _meeting_page(w, item.meeting),
        lambda: meetings_services.agenda_item_move(item=item, direction="up", by=w.officer),
        None,
    )


def _agenda_paper_add(w: World):
    item = _meeting(w).items.get(number=2)
    return (
        _meeting_page(w, item.meeting),
        lambda: meetings_services.agenda_paper_add(
            item=item, file=SimpleUploadedFile("strategy-paper.txt", b"A paper"), by=w.officer
        ),
        "strategy-paper.txt",
    )


def _agenda_publish(w: World):
    meeting = _meeting(w, days_ahead=30)
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.agenda_publish(meeting=meeting, by=w.officer),
        None,
    )


def _declaration_add(w: World):
    meeting = _meeting(w)
    person = Membership.objects.get(person__user=w.chair, board=w.board).person
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.declaration_add(
            meeting=meeting, person=person, interest="A school governor", by=w.officer
        ),
        "A school governor",
    )


def _meeting_mark_held(w: World):
    meeting = _meeting(w)
    return (
        _meeting_page(w, meeting),
        lambda: meetings_services.meeting_mark_held(meeting=meeting, by=w.officer),
        None,
    )


def _minutes_save(w: World):
    meeting = _meeting(w)
    meeting.status = "held"
    meeting.save()
    item = meeting.items.get(number=2)
    return (
        _meeting_page(w, meeting),
        lambda: minutes_services.minutes_save(
            meeting=meeting, discussions={item.pk: "The strategy was agreed."}, by=w.officer
        ),
        "The strategy was agreed.",
    )


def _held_with_minutes(w: World) -> Meeting:
    meeting = _meeting(w, days_ahead=-30)
    meeting.status = "held"
    meeting.save()
    item = meeting.items.get(number=2)
    minutes_services.minutes_save(
        meeting=meeting, discussions={item.pk: "The strategy was agreed."}, by=w.officer
    )
    Meeting.objects.create(board=w.board, date=w.today, venue="Town hall")
    return meeting


def _minutes_approve(w: World):
    meeting = _held_with_minutes(w)
    return (
        _meeting_page(w, meeting),
        lambda: minutes_services.minutes_approve(meeting=meeting, by=w.chair),
        "The minutes and their decisions are locked",
    )


def _minutes_reopen(w: World):
    meeting = _held_with_minutes(w)
    minutes_services.minutes_approve(meeting=meeting, by=w.chair)
    return (
        _meeting_page(w, meeting),
        lambda: minutes_services.minutes_reopen(
            meeting=meeting, by=w.chair, reason="A name was misspelt."
        ),
        "A name was misspelt.",
    )


def _minute_action_create(w: World):
    meeting = _meeting(w)
    meeting.status = "held"
    meeting.save()
    item = meeting.items.get(number=2)
    owner = Membership.objects.get(person__user=w.chair, board=w.board).person
    return (
        w.url("reviews:open_actions"),
        lambda: minute_actions.minute_action_create(
            item=item,
            what="Share the strategy with schools",
            owner=owner,
            due=w.today + dt.timedelta(days=30),
            by=w.officer,
        ),
        "Share the strategy with schools",
    )


def _minute_action_update(w: World):
    page, create, _ = _minute_action_create(w)
    action = create()
    owner = action.responsible_people.get()
    return (
        page,
        lambda: minute_actions.minute_action_update(
            action=action,
            what="Share the strategy with every school",
            owner=owner,
            due=w.today + dt.timedelta(days=40),
            by=w.officer,
        ),
        "Share the strategy with every school",
    )


def _minute_action_withdraw(w: World):
    _, create, _ = _minute_action_create(w)
    action = create()
    return (
        _meeting_page(w, action.minute.item.meeting),
        lambda: minute_actions.minute_action_withdraw(
            action=action, by=w.officer, reason="Recorded twice under this item."
        ),
        "Recorded twice under this item.",
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


def _workplan_start_year(w: World):
    year = current_period(w.today)[0].year + 1
    return (
        w.url("workplans:list"),
        lambda: workplans_authoring.workplan_start_year(
            board=w.board, by=w.officer, year=year, title="Started by the scenario"
        ),
        "Started by the scenario",
    )


def _outcome_move(w: World):
    workplan = _workplan(w)
    OutcomeFactory(workplan=workplan, title="First outcome", order=1)
    second = OutcomeFactory(workplan=workplan, title="Second outcome", order=2)
    return (
        w.url("workplans:detail", workplan.pk),
        lambda: workplans_authoring.outcome_move(outcome=second, by=w.officer, direction="up"),
        None,
    )


def _outcome_retire(w: World):
    # The plan page lists retired outcomes with the reason, in a part of its own.
    outcome = OutcomeFactory(workplan=_workplan(w), title="Soon retired")
    return (
        w.url("workplans:detail", outcome.workplan_id),
        lambda: workplans_authoring.outcome_retire(
            outcome=outcome, by=w.officer, reason="Merged by the scenario"
        ),
        "Merged by the scenario",
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


def _workplan_import_into(w: World):
    workplan = _workplan(w)
    row = {"row": 2, "title": "Imported into the plan", "how": "", "who": "", "due_date": ""}
    row |= {"subgroup_ids": [], "person_ids": [], "theme_ids": [], "rag": "", "status": "added"}
    return (
        w.url("workplans:detail", workplan.pk),
        lambda: workplans_imports.workplan_import_into(
            workplan=workplan, by=w.officer, plan={"rows": [row]}
        ),
        "Imported into the plan",
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


def _action_link_send(w: World):
    action = _action(w)
    return (
        w.url("reviews:action_links", action.pk),
        lambda: partner.action_link_send(
            action=action, by=w.officer, sent_to="lead@police.example.org"
        ),
        "lead@police.example.org",
    )


def _partner_link(w: World):
    action = _action(w)
    link = partner.action_link_send(action=action, by=w.officer, sent_to="lead@health.example")
    return action, link


def _action_link_revoke(w: World):
    action, link = _partner_link(w)
    return (
        w.url("reviews:action_links", action.pk),
        lambda: partner.action_link_revoke(link=link, by=w.officer),
        None,
    )


def _action_partner_progress(w: World):
    action, link = _partner_link(w)
    return (
        w.url("reviews:record_progress", action.pk),
        lambda: partner.action_partner_progress(
            link=link, date=w.today, rag=RAG.OFF_TRACK, narrative="Staff shortages"
        ),
        "lead@health.example (by secure link)",
    )


def _digest_opt_out(w: World):
    _partner_link(w)
    return (
        w.url("reviews:links"),
        lambda: digest_opt_outs.digest_opt_out(address="lead@health.example", one_click=True),
        "No weekly email",
    )


def _digest_opt_out_clear(w: World):
    _partner_link(w)
    opt_out = digest_opt_outs.digest_opt_out(address="lead@health.example", one_click=False)
    return (
        w.url("reviews:links"),
        lambda: digest_opt_outs.digest_opt_out_clear(opt_out=opt_out, board=w.board, by=w.officer),
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


# Writing the plan on the review page (reviews.services.authoring).


def _authored_finding(w: World):
    return FindingFactory(review=_review(w), area="Staying safe")


def _finding_create(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: authoring.finding_create(
            review=review, by=w.officer, area="Typed by the scenario", kind="strength"
        ),
        "Typed by the scenario",
    )


def _finding_update(w: World):
    finding = _authored_finding(w)
    return (
        w.url("reviews:detail", finding.review_id),
        lambda: authoring.finding_update(
            finding=finding,
            by=w.officer,
            expected_version=finding.version,
            area="Renamed area by the scenario",
            kind="strength",
            judgement="",
            summary="",
            themes=[],
        ),
        "Renamed area by the scenario",
    )


def _finding_withdraw(w: World):
    finding = _authored_finding(w)
    return (
        w.url("reviews:detail", finding.review_id),
        lambda: authoring.finding_withdraw(
            finding=finding, by=w.officer, reason="Withdrawn by the scenario"
        ),
        "Withdrawn by the scenario",
    )


def _finding_move(w: World):
    finding = _authored_finding(w)
    FindingFactory(review=finding.review, area="Second area")
    return (
        w.url("reviews:detail", finding.review_id),
        lambda: authoring.finding_move(finding=finding, by=w.officer, direction="down"),
        None,
    )


def _recommendation_create(w: World):
    review = _review(w)
    return (
        w.url("reviews:detail", review.pk),
        lambda: authoring.recommendation_create(
            review=review,
            by=w.officer,
            number=4,
            kind=RecommendationKind.RECOMMENDATION,
            text="Recommended by the scenario",
        ),
        "Recommended by the scenario",
    )


def _recommendation_edit(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: authoring.recommendation_update(
            recommendation=rec,
            by=w.officer,
            expected_version=rec.version,
            number=rec.number,
            kind=rec.kind,
            text="Rewritten by the scenario",
            standard_reference="",
            regulation_reference="",
            themes=[],
        ),
        "Rewritten by the scenario",
    )


def _recommendation_withdraw(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: authoring.recommendation_withdraw(
            recommendation=rec, by=w.officer, reason="No longer applies, says the scenario"
        ),
        "No longer applies, says the scenario",
    )


def _recommendation_move(w: World):
    rec = RecommendationFactory(review=_review(w), number=1)
    RecommendationFactory(review=rec.review, number=2)
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: authoring.recommendation_move(recommendation=rec, by=w.officer, direction="down"),
        None,
    )


def _action_create(w: World):
    rec = RecommendationFactory(review=_review(w))
    return (
        w.url("reviews:detail", rec.review_id),
        lambda: authoring_actions.action_create(
            recommendation=rec, by=w.officer, what="Planned by the scenario"
        ),
        "Planned by the scenario",
    )


def _action_edit(w: World):
    action = _action(w)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: authoring_actions.action_update(
            action=action,
            by=w.officer,
            expected_version=action.version,
            what="Replanned by the scenario",
            responsible="",
            responsible_people=[],
            agency=None,
            timescale=None,
            timescale_is_month=False,
        ),
        "Replanned by the scenario",
    )


def _action_withdraw(w: World):
    action = _action(w)
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: authoring_actions.action_withdraw(
            action=action, by=w.officer, reason="Done elsewhere, says the scenario"
        ),
        "Done elsewhere, says the scenario",
    )


def _action_move(w: World):
    action = _action(w)
    ActionFactory(recommendation=action.recommendation, what="Second action")
    return (
        w.url("reviews:detail", action.recommendation.review_id),
        lambda: authoring_actions.action_move(action=action, by=w.officer, direction="down"),
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
    "boards.services.meetings.meeting_record_attendance": _meeting_record_attendance,
    "boards.services.meetings.meeting_plan": _meeting_plan,
    "boards.services.meetings.meeting_update": _meeting_update,
    "boards.services.meetings.agenda_item_add": _agenda_item_add,
    "boards.services.meetings.agenda_item_update": _agenda_item_update,
    "boards.services.meetings.agenda_item_move": _agenda_item_move,
    "boards.services.meetings.agenda_paper_add": _agenda_paper_add,
    "boards.services.meetings.agenda_publish": _agenda_publish,
    "boards.services.meetings.declaration_add": _declaration_add,
    "boards.services.meetings.meeting_mark_held": _meeting_mark_held,
    "boards.services.minutes.minutes_save": _minutes_save,
    "boards.services.minutes.minutes_approve": _minutes_approve,
    "boards.services.minutes.minutes_reopen": _minutes_reopen,
    "reviews.services.minute_actions.minute_action_create": _minute_action_create,
    "reviews.services.minute_actions.minute_action_update": _minute_action_update,
    "reviews.services.minute_actions.minute_action_withdraw": _minute_action_withdraw,
    "workplans.services.outcome_record_progress": _outcome_record_progress,
    "workplans.services.outcome_update": _outcome_update,
    "workplans.services.workplan_approve": _workplan_approve,
    "workplans.services.workplan_create": _workplan_create,
    "workplans.services.outcome_create": _outcome_create,
    "workplans.services.workplan_import": _workplan_import,
    "workplans.services.imports.workplan_import_into": _workplan_import_into,
    "workplans.services.authoring.workplan_start_year": _workplan_start_year,
    "workplans.services.authoring.outcome_move": _outcome_move,
    "workplans.services.authoring.outcome_retire": _outcome_retire,
    "reviews.services.action_plan.recommendation_add": _recommendation_add,
    "reviews.services.action_plan.recommendation_update": _recommendation_update,
    "reviews.services.action_plan.recommendation_delete": _recommendation_delete,
    "reviews.services.action_plan.action_add": _action_add,
    "reviews.services.action_plan.action_update": _action_update,
    "reviews.services.action_plan.action_delete": _action_delete,
    "reviews.services.plan_import.action_plan_import": _action_plan_import,
    "reviews.services.progress.action_record_progress": _action_record_progress,
    "reviews.services.progress.refresh_current": _refresh_current,
    "reviews.services.partner.action_link_send": _action_link_send,
    "reviews.services.partner.action_link_revoke": _action_link_revoke,
    "reviews.services.partner.action_partner_progress": _action_partner_progress,
    "reviews.services.digest_opt_outs.digest_opt_out": _digest_opt_out,
    "reviews.services.digest_opt_outs.digest_opt_out_clear": _digest_opt_out_clear,
    "reviews.services.review_records.review_create": _review_create,
    "reviews.services.review_records.review_update": _review_update,
    "reviews.services.review_records.review_close": _review_close,
    "reviews.services.review_records.finding_add": _finding_add,
    "reviews.services.sign_off.review_sign_off": _review_sign_off,
    "reviews.services.sign_off.review_reopen": _review_reopen,
    "reviews.services.authoring.finding_create": _finding_create,
    "reviews.services.authoring.finding_update": _finding_update,
    "reviews.services.authoring.finding_withdraw": _finding_withdraw,
    "reviews.services.authoring.finding_move": _finding_move,
    "reviews.services.authoring.recommendation_create": _recommendation_create,
    "reviews.services.authoring.recommendation_update": _recommendation_edit,
    "reviews.services.authoring.recommendation_withdraw": _recommendation_withdraw,
    "reviews.services.authoring.recommendation_move": _recommendation_move,
    "reviews.services.authoring_actions.action_create": _action_create,
    "reviews.services.authoring_actions.action_update": _action_edit,
    "reviews.services.authoring_actions.action_withdraw": _action_withdraw,
    "reviews.services.authoring_actions.action_move": _action_move,
    "reporting.services.figures_save": _figures_save,
    "reporting.services.figures_import": _figures_import,
    "reporting.services.narrative_save": _narrative_save,
    "reporting.services.report_request": _report_request,
    "reporting.services.report_schedule": _report_schedule,
    "reporting.services.report_render": _report_render,
    "reporting.services.report_notify": _report_notify,
    **TRAINING_SCENARIOS,
}

# Each area's scenarios may live in a module of their own.
SCENARIOS |= YEARLY_SCENARIOS
SCENARIOS |= PROGRAMME_SCENARIOS
SCENARIOS |= PACK_SCENARIOS
SCENARIOS |= S11_SCENARIOS
SCENARIOS |= OUTCOME_LINK_SCENARIOS
