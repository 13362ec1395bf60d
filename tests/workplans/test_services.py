"""The workplan services, called directly: progress rules, current status, concurrency, approval."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from boards.models import Access
from lscb.audit import history_for
from lscb.models import AuditEvent
from lscb.vocab import RAG
from tests.factories import PersonFactory, UserFactory, member
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans import services
from workplans.admin import ProgressUpdateAdmin
from workplans.models import Outcome, ProgressUpdate, Workplan

D = dt.date


NOV_1 = D(2008, 11, 1)


def record(outcome, by, rag=RAG.ON_TRACK, date=NOV_1, narrative="Going well", **kw):
    return services.outcome_record_progress(
        outcome=outcome, by=by, rag=rag, narrative=narrative, date=date, **kw
    )


class TestRecordProgress:
    def test_update_becomes_the_current_status_and_is_audited(self, outcome_2008, alice):
        update = record(outcome_2008, alice, rag=RAG.AT_RISK, narrative="Staff shortage")
        outcome_2008.refresh_from_db()
        assert outcome_2008.current_rag == RAG.AT_RISK
        assert outcome_2008.current_narrative == "Staff shortage"
        assert outcome_2008.last_update_date == D(2008, 11, 1)
        assert outcome_2008.current_update == update
        assert update.quarter == "2008Q3"
        assert update.author == alice
        event = history_for(outcome_2008).get()
        assert event.actor == alice and event.action == "workplans.progress_recorded"

    @pytest.mark.parametrize("rag", [RAG.AT_RISK, RAG.OFF_TRACK])
    def test_at_risk_or_off_track_without_narrative_is_refused(self, outcome_2008, alice, rag):
        with pytest.raises(ValidationError) as exc:
            record(outcome_2008, alice, rag=rag, narrative="   ")
        assert "narrative" in exc.value.message_dict
        assert not ProgressUpdate.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_date_outside_the_workplan_period_is_refused_with_the_period(self, outcome_2008, alice):
        with pytest.raises(ValidationError) as exc:
            record(outcome_2008, alice, date=D(2009, 4, 2))
        assert exc.value.message_dict["date"] == [
            "The date must fall within 1 April 2008 to 31 March 2009."
        ]
        assert not ProgressUpdate.objects.exists()

    def test_future_date_is_refused(self, outcome, alice):
        with pytest.raises(ValidationError) as exc:
            record(outcome, alice, date=dt.date.today() + dt.timedelta(days=1))
        assert "future" in exc.value.message_dict["date"][0]

    def test_back_dated_update_is_kept_but_does_not_replace_a_newer_current_status(
        self, outcome_2008, alice
    ):
        newer = record(outcome_2008, alice, rag=RAG.ON_TRACK, date=D(2008, 12, 1))
        older = record(outcome_2008, alice, rag=RAG.AT_RISK, date=D(2008, 9, 1), narrative="Late")
        outcome_2008.refresh_from_db()
        assert outcome_2008.current_update == newer
        assert outcome_2008.current_rag == RAG.ON_TRACK
        assert set(outcome_2008.updates.all()) == {newer, older}

    def test_two_updates_on_one_day_the_one_recorded_last_is_current(self, outcome_2008, alice):
        record(outcome_2008, alice, rag=RAG.ON_TRACK, date=D(2008, 12, 1))
        second = record(outcome_2008, alice, rag=RAG.COMPLETE, date=D(2008, 12, 1))
        outcome_2008.refresh_from_db()
        assert outcome_2008.current_update == second

    def test_two_officers_with_stale_copies_both_land(self, outcome_2008, alice, board):
        kieran = member(board, "kieran", Access.OFFICER)
        first_copy = Outcome.objects.select_related("workplan").get(pk=outcome_2008.pk)
        second_copy = Outcome.objects.select_related("workplan").get(pk=outcome_2008.pk)
        a = record(first_copy, alice, date=D(2008, 11, 5), rag=RAG.ON_TRACK)
        b = record(second_copy, kieran, date=D(2008, 11, 20), rag=RAG.AT_RISK, narrative="Slip")
        outcome_2008.refresh_from_db()
        assert set(outcome_2008.updates.all()) == {a, b}
        assert outcome_2008.current_update == b

    def test_member_without_rights_cannot_record(self, outcome_2008, bob):
        with pytest.raises(PermissionDenied):
            record(outcome_2008, bob)
        assert not ProgressUpdate.objects.exists()

    def test_subgroup_officer_records_on_their_subgroups_outcomes_only(
        self, board, outcome_2008, subgroup, other_subgroup
    ):
        sally = member(board, "sally", Access.OFFICER, subgroup=subgroup)
        oliver = member(board, "oliver", Access.OFFICER, subgroup=other_subgroup)
        record(outcome_2008, sally)
        with pytest.raises(PermissionDenied):
            record(outcome_2008, oliver)

    def test_named_lead_records_on_their_own_outcome(self, board, outcome_2008):
        nina = member(board, "nina", Access.MEMBER)
        with pytest.raises(PermissionDenied):
            record(outcome_2008, nina)
        outcome_2008.leads.add(nina.person)
        record(outcome_2008, nina)
        assert outcome_2008.updates.get().author == nina

    def test_outsider_cannot_record(self, outcome_2008, charlie):
        with pytest.raises(PermissionDenied):
            record(outcome_2008, charlie)


@pytest.mark.django_db(transaction=True)
def test_concurrent_recorders_in_separate_transactions_both_land():
    """Two threads, two database connections, one outcome: the row lock serialises them."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; this race needs PostgreSQL row locks.")
    from tests.factories import BoardFactory

    board = BoardFactory(slug="race")
    users = [member(board, f"officer{i}", Access.OFFICER) for i in range(2)]
    wp = WorkplanFactory(board=board, start=D(2008, 4, 1), end=D(2009, 3, 31))
    outcome = OutcomeFactory(workplan=wp)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(user, day):
        try:
            copy = Outcome.objects.select_related("workplan__board").get(pk=outcome.pk)
            barrier.wait()
            record(copy, user, date=D(2008, 11, day))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(u, d)) for u, d in zip(users, (10, 20), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    outcome.refresh_from_db()
    assert outcome.updates.count() == 2
    assert outcome.last_update_date == D(2008, 11, 20)


class TestAppendOnly:
    def test_no_url_edits_or_deletes_a_progress_update(self):
        for name in ("progress_edit", "progress_delete", "update_edit", "update_delete"):
            with pytest.raises(NoReverseMatch):
                reverse(f"workplans:{name}", args=["b", 1])

    def test_admin_cannot_add_change_or_delete_updates(self, admin_user):
        request = RequestFactory().get("/")
        request.user = admin_user
        model_admin = ProgressUpdateAdmin(ProgressUpdate, AdminSite())
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)

    def test_recording_never_changes_earlier_updates(self, outcome_2008, alice):
        first = record(outcome_2008, alice, narrative="First", date=D(2008, 10, 1))
        record(outcome_2008, alice, narrative="Second", date=D(2008, 11, 1))
        first_again = ProgressUpdate.objects.get(pk=first.pk)
        assert (first_again.narrative, first_again.date) == ("First", D(2008, 10, 1))


def edit(outcome, by, version, **changes):
    fields = {
        "title": outcome.title,
        "how": outcome.how,
        "who": outcome.who,
        "due_date": outcome.due_date,
        "order": outcome.order,
        "lead_subgroups": list(outcome.lead_subgroups.all()),
        "leads": list(outcome.leads.all()),
        "themes": list(outcome.themes.all()),
    } | changes
    return services.outcome_update(outcome=outcome, by=by, expected_version=version, **fields)


class TestOutcomeEdit:
    def test_edit_saves_bumps_version_and_records_changes(self, outcome, alice, other_subgroup):
        saved = edit(outcome, alice, 1, title="Train every agency", lead_subgroups=[other_subgroup])
        assert saved.version == 2
        assert saved.title == "Train every agency"
        assert list(saved.lead_subgroups.all()) == [other_subgroup]
        event = history_for(outcome).get()
        assert event.changes["title"] == ["Train everyone", "Train every agency"]
        assert event.changes["lead_subgroups"] == ["Training", "Quality and Performance"]

    def test_stale_version_is_refused_with_what_is_stored_and_nothing_changes(
        self, outcome, alice, board
    ):
        kieran = member(board, "kieran", Access.OFFICER)
        loaded = services.outcome_snapshot(outcome)
        edit(outcome, kieran, 1, title="Kieran's title", how="Kieran's how")
        with pytest.raises(services.StaleOutcomeError) as exc:
            edit(outcome, alice, 1, title="Alice's title")
        assert exc.value.version == 2
        assert exc.value.stored["title"] == "Kieran's title"
        outcome.refresh_from_db()
        assert outcome.title == "Kieran's title"
        assert services.snapshot_differences(loaded, exc.value.stored) == [
            ("Outcome", "Train everyone", "Kieran's title"),
            ("How we will do it", "Do the work.", "Kieran's how"),
        ]

    def test_member_cannot_edit(self, outcome, bob):
        with pytest.raises(PermissionDenied):
            edit(outcome, bob, 1, title="Nope")

    def test_subgroup_from_another_board_is_refused(self, outcome, alice, other_board):
        from tests.factories import SubgroupFactory

        foreign = SubgroupFactory(board=other_board)
        with pytest.raises(ValidationError):
            edit(outcome, alice, 1, lead_subgroups=[foreign])


class TestApproval:
    def test_chair_approves_and_who_and_when_are_kept(self, workplan, carol):
        services.workplan_approve(workplan=workplan, by=carol)
        workplan.refresh_from_db()
        assert workplan.status == Workplan.Status.APPROVED
        assert workplan.approved_by == carol
        assert workplan.approved_at is not None
        assert history_for(workplan).get().action == "workplans.approved"

    @pytest.mark.parametrize("who", ["alice", "bob", "pat", "charlie"])
    def test_only_the_chair_may_approve(self, workplan, who, request):
        user = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.workplan_approve(workplan=workplan, by=user)
        workplan.refresh_from_db()
        assert workplan.status == Workplan.Status.DRAFT

    def test_approving_twice_is_refused(self, workplan, carol):
        services.workplan_approve(workplan=workplan, by=carol)
        with pytest.raises(ValidationError):
            services.workplan_approve(workplan=workplan, by=carol)


def test_outcome_create_links_and_audits(workplan, alice, subgroup, theme):
    lead = PersonFactory(user=UserFactory())
    o = services.outcome_create(
        workplan=workplan,
        by=alice,
        title=" Safer recruitment ",
        lead_subgroups=[subgroup],
        leads=[lead],
        themes=[theme],
    )
    assert o.title == "Safer recruitment"
    assert list(o.leads.all()) == [lead]
    assert list(theme.outcomes.all()) == [o]
    assert history_for(o).get().actor == alice
