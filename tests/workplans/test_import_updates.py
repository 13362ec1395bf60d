"""Importing a workplan file into an existing workplan (export, edit, import again), progress
dated by each row's own review date, and parity with building the plan by the forms."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse
from openpyxl import load_workbook

from boards.models import Role
from lscb.models import AuditEvent
from lscb.vocab import RAG
from tests.factories import MembershipFactory, PersonFactory
from tests.workplans.test_imports import HEADER, form_data, import_url, xlsx
from workplans import services
from workplans.models import Outcome, ProgressUpdate, Workplan
from workplans.services.authoring import outcome_retire


@pytest.fixture
def colin(board):
    person = PersonFactory(name="Colin Strand", job_title="Head of Safeguarding and Review")
    MembershipFactory(person=person, board=board, role=Role.AGENCY_REPRESENTATIVE)
    return person


def _exported(client, workplan) -> io.BytesIO:
    response = client.get(
        reverse("workplans:export", args=["northtown", workplan.pk]) + "?format=xlsx"
    )
    return io.BytesIO(response.content)


def _into(workplan, file, review_date=None) -> dict:
    data = form_data(file, review_date=review_date)
    data["workplan"] = str(workplan.pk)
    for name in ("start", "end"):
        for part in range(3):
            del data[f"{name}_{part}"]
    return data


def _plan_with_progress(alice, outcome_2008):
    outcome_2008.how = "Read them again"
    outcome_2008.order = 1
    outcome_2008.save()
    services.outcome_record_progress(
        outcome=outcome_2008,
        by=alice,
        rag=RAG.AT_RISK,
        narrative="Behind",
        date=dt.date(2008, 11, 3),
    )
    Outcome.objects.create(workplan=outcome_2008.workplan, title="Keep the second", order=2)


def test_round_trip_export_edit_import_updates_an_approved_workplan_and_adds_new_outcomes(
    client, alice, carol, board, outcome_2008
):
    workplan = outcome_2008.workplan
    _plan_with_progress(alice, outcome_2008)
    services.workplan_approve(workplan=workplan, by=carol)
    client.force_login(alice)
    wb = load_workbook(_exported(client, workplan))
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("How we will do it") + 1, value="Rewrite them")
    sheet.append(["A new outcome", "Somehow", "Training Group", ""])
    buffer = io.BytesIO()
    wb.save(buffer)

    file = SimpleUploadedFile("plan.xlsx", buffer.getvalue())
    response = client.post(import_url(), _into(workplan, file))
    result = response.context["result"]
    assert result.ok, [r.errors for r in result.rows] + result.errors
    assert result.counts == {"added": 1, "changed": 1, "unchanged": 1, "retired": 0, "progress": 0}
    assert result.rows[0].changes == [["How we will do it", "Read them again", "Rewrite them"]]
    body = response.content.decode()
    assert "Read them again" in body and "Rewrite them" in body

    response = client.post(import_url("import_confirm"), {"token": response.context["token"]})
    assert response["Location"] == reverse("workplans:detail", args=["northtown", workplan.pk])
    assert Workplan.objects.count() == 1
    outcome_2008.refresh_from_db()
    assert (outcome_2008.how, outcome_2008.version) == ("Rewrite them", 2)
    assert outcome_2008.current_rag == RAG.AT_RISK
    assert ProgressUpdate.objects.count() == 1  # the exported progress is not recorded twice
    edited = AuditEvent.objects.get(action="workplans.outcome_edited")
    assert edited.actor == alice
    assert edited.changes["how"] == ["Read them again", "Rewrite them"]
    titles = list(workplan.outcomes.order_by("order").values_list("title", flat=True))
    assert titles == ["Review the procedures", "Keep the second", "A new outcome"]


def test_reimporting_does_not_bring_back_a_retired_outcome(client, alice, outcome_2008):
    workplan = outcome_2008.workplan
    _plan_with_progress(alice, outcome_2008)
    client.force_login(alice)
    exported = _exported(client, workplan).getvalue()
    outcome_retire(outcome=outcome_2008, by=alice, reason="Merged", on=dt.date(2008, 12, 1))

    file = SimpleUploadedFile("plan.xlsx", exported)
    response = client.post(import_url(), _into(workplan, file))
    result = response.context["result"]
    assert result.ok and result.counts["retired"] == 1
    assert "a retired outcome is not brought back" in response.content.decode()
    client.post(import_url("import_confirm"), {"token": response.context["token"]})
    outcome_2008.refresh_from_db()
    assert outcome_2008.is_retired and outcome_2008.version == 2


def test_an_outcome_changed_after_the_preview_is_not_overwritten(client, alice, outcome_2008):
    workplan = outcome_2008.workplan
    client.force_login(alice)
    wb = load_workbook(_exported(client, workplan))
    wb.active["B2"] = "The file's how"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client.post(
        import_url(), _into(workplan, SimpleUploadedFile("plan.xlsx", buffer.getvalue()))
    )
    services.outcome_update(
        outcome=outcome_2008,
        by=alice,
        expected_version=1,
        title=outcome_2008.title,
        how="Someone else's how",
        who="",
        due_date=None,
        order=outcome_2008.order,
        lead_subgroups=outcome_2008.lead_subgroups.all(),
        leads=[],
        themes=[],
    )
    confirm = client.post(import_url("import_confirm"), {"token": response.context["token"]})
    page = client.get(confirm["Location"]).content.decode()
    assert "changed by someone else after the file was checked" in page
    outcome_2008.refresh_from_db()
    assert outcome_2008.how == "Someone else's how"


def test_dated_progress_each_row_takes_its_own_review_date_else_the_one_given(client, alice):
    client.force_login(alice)
    rows = [
        ["Dated by its row", "How", "", "Going well", "On track", "14/10/2008"],
        ["Dated by the form", "How", "", "Not yet commenced", "", ""],
    ]
    file = xlsx(rows, header=[*HEADER, "RAG status", "Review date"])
    response = client.post(import_url(), form_data(file, review_date=dt.date(2008, 12, 31)))
    assert response.context["result"].ok, [r.errors for r in response.context["result"].rows]
    client.post(import_url("import_confirm"), {"token": response.context["token"]})
    dates = dict(ProgressUpdate.objects.values_list("outcome__title", "date"))
    assert dates == {
        "Dated by its row": dt.date(2008, 10, 14),
        "Dated by the form": dt.date(2008, 12, 31),
    }


def test_a_review_date_column_alone_is_enough_and_bad_ones_are_row_errors(client, alice):
    client.force_login(alice)
    rows = [
        ["Dated", "How", "", "Going well", "14/10/2008"],
        ["Too late", "How", "", "Going well", "14/10/2009"],
        ["Not a date", "How", "", "Going well", "soon"],
    ]
    file = xlsx(rows, header=[*HEADER, "Review date"])
    result = client.post(import_url(), form_data(file, review_date=None)).context["result"]
    assert result.errors == []  # no file-wide review date is needed: each row has its own
    assert result.rows[0].errors == []
    assert any("must fall within" in e for e in result.rows[1].errors)
    assert any("“soon” is not a date" in e for e in result.rows[2].errors)
    assert not Workplan.objects.exists()


def _as_seen(workplan):
    out = []
    for o in workplan.outcomes.order_by("order"):
        updates = [(u.date, u.rag, u.narrative, u.author_id) for u in o.updates.all()]
        out.append(
            (o.order, o.title, o.how, o.who, o.due_date, o.version, o.current_rag)
            + (o.current_narrative, o.last_update_date, tuple(updates))
            + tuple(
                tuple(sorted(str(x) for x in rel.all()))
                for rel in (o.lead_subgroups, o.leads, o.themes)
            )
        )
    return (workplan.title, workplan.start, workplan.end, workplan.status, out)


def _audit_of(workplan):
    ids = [str(pk) for pk in workplan.outcomes.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type="workplans.outcome", object_id__in=ids)
        | Q(object_type="workplans.workplan", object_id=str(workplan.pk))
    ).exclude(action="workplans.imported")

    def plain(changes):
        return json.dumps({k: v for k, v in changes.items() if k not in ("workplan", "update")})

    return sorted((e.action, e.object_type, plain(e.changes)) for e in events)


def test_parity_an_imported_workplan_equals_the_same_plan_built_by_the_forms(
    client, alice, board, subgroup, theme, colin
):
    """The import writes through the forms' services: every field a user sees, and the
    audit trail, are the same as building the plan outcome by outcome."""
    client.force_login(alice)
    rows = [
        [
            "Train staff",
            "Run courses",
            "Training Group\nHead of Safeguarding",
            "Going well",
            "On track",
            "31/10/2008",
            "Neglect",
            "31/03/2009",
        ],
        ["Write a protocol", "Draft it", "", "Not yet commenced", "", "", "", ""],
        ["Use the figures", "", "", "", "", "", "", ""],
    ]
    header = [*HEADER, "RAG status", "Review date", "Themes", "Due date"]
    response = client.post(
        import_url(), form_data(xlsx(rows, header=header), review_date=dt.date(2008, 12, 31))
    )
    assert response.context["result"].ok, [r.errors for r in response.context["result"].rows]
    client.post(import_url("import_confirm"), {"token": response.context["token"]})
    imported = Workplan.objects.get()

    built = services.workplan_create(
        board=board,
        by=alice,
        title="Workplan 2008/09",
        start=dt.date(2008, 4, 1),
        end=dt.date(2009, 3, 31),
    )
    train = services.outcome_create(
        workplan=built,
        by=alice,
        title="Train staff",
        how="Run courses",
        who="Training Group\nHead of Safeguarding",
        due_date=dt.date(2009, 3, 31),
        lead_subgroups=[subgroup],
        leads=[colin],
        themes=[theme],
    )
    services.outcome_record_progress(
        outcome=train,
        by=alice,
        rag=RAG.ON_TRACK,
        narrative="Going well",
        date=dt.date(2008, 10, 31),
    )
    protocol = services.outcome_create(
        workplan=built, by=alice, title="Write a protocol", how="Draft it"
    )
    services.outcome_record_progress(
        outcome=protocol,
        by=alice,
        rag=RAG.NOT_STARTED,
        narrative="Not yet commenced",
        date=dt.date(2008, 12, 31),
    )
    services.outcome_create(workplan=built, by=alice, title="Use the figures")

    assert _as_seen(imported) == _as_seen(built)
    assert _audit_of(imported) == _audit_of(built)


def test_a_new_workplan_needs_its_period_but_an_existing_one_brings_its_own(
    client, alice, workplan_2008
):
    client.force_login(alice)
    data = _into(workplan_2008, xlsx([["Outcome", "How", "", ""]]))
    del data["workplan"]
    body = client.post(import_url(), data).content.decode()
    assert "Enter the start of the period" in body and "Enter the end of the period" in body
    assert not Outcome.objects.exists()

    data = _into(workplan_2008, xlsx([["Twice", "How", "", ""], [" twice ", "How", "", ""]]))
    result = client.post(import_url(), data).context["result"]
    assert any("Another row has the same outcome" in e for e in result.rows[1].errors)
    assert not Outcome.objects.exists()
