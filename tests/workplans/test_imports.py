"""Importing a workplan spreadsheet: preview first, all or nothing, and export round trips."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from boards.models import Access, Role
from lscb.models import AuditEvent
from lscb.vocab import RAG
from tests.factories import PersonFactory, SubgroupFactory, member
from workplans import services
from workplans.imports import match_who, parse_workplan, rag_for_review
from workplans.models import Outcome, ProgressUpdate, Workplan

HEADER = ["Outcome", "How we will do it", "Who", "Review"]
SEED_ROWS = [
    [
        "Review the use of the child protection procedures",
        "Review the procedures\nIssue practice guidance",
        "Practice, Policy and Procedures Group\nHead of Safeguarding",
        "New format being looked at for 2009/10",
    ],
    [
        "Develop a protocol on trafficked children",
        "Write and implement a protocol",
        "Practice, Policy and Procedures Group\nTraining Group",
        "Not yet commenced",
    ],
    [
        "Make better use of statistics",
        "Use the dataset",
        "Performance and Quality Assurance Group",
        "",
    ],
]


def xlsx(rows, header=HEADER, name="plan.xlsx", preamble=True) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    if preamble:
        ws.append(["HARTLEPOOL LOCAL SAFEGUARDING CHILDREN BOARD WORKPLAN 2008 – 2009"])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def hartlepool_groups(board):
    return {
        name: SubgroupFactory(board=board, name=name)
        for name in ("Practice, Policy and Procedure", "Quality and Performance", "Training")
    }


@pytest.fixture
def head_of_safeguarding(board):
    person = PersonFactory(name="Colin Strand", job_title="Head of Safeguarding and Review")
    from tests.factories import MembershipFactory

    MembershipFactory(person=person, board=board, role=Role.AGENCY_REPRESENTATIVE)
    return person


def form_data(file, review_date=dt.date(2008, 12, 31)):
    data = {
        "title": "Workplan 2008/09",
        "start_0": "1",
        "start_1": "4",
        "start_2": "2008",
        "end_0": "31",
        "end_1": "3",
        "end_2": "2009",
        "file": file,
    }
    if review_date:
        data |= {
            "review_date_0": str(review_date.day),
            "review_date_1": str(review_date.month),
            "review_date_2": str(review_date.year),
        }
    return data


def import_url(name="import"):
    return reverse(f"workplans:{name}", args=["northtown"])


class TestParsing:
    def test_who_lines_match_subgroups_and_people_and_keep_the_rest(
        self, board, hartlepool_groups, head_of_safeguarding
    ):
        groups, people, unmatched = match_who(
            "Practice, Policy and Procedures Group\nHead of Safeguarding\nPerformance and "
            "Quality Assurance Group\nTraining Group\nThe vicar",
            list(board.subgroups.all()),
            [head_of_safeguarding],
        )
        assert [g.name for g in groups] == [
            "Practice, Policy and Procedure",
            "Quality and Performance",
            "Training",
        ]
        assert people == [head_of_safeguarding]
        assert unmatched == ["The vicar"]

    @pytest.mark.parametrize(
        "review,rag_text,expected",
        [
            ("Not yet commenced", "", RAG.NOT_STARTED),
            ("Work has not started", "", RAG.NOT_STARTED),
            ("Strategy completed and ratified", "", RAG.ON_TRACK),
            ("", "", ""),
            ("Behind", "At risk", RAG.AT_RISK),
            ("Done", "complete", RAG.COMPLETE),
        ],
    )
    def test_rag_of_imported_review(self, review, rag_text, expected):
        assert rag_for_review(review, rag_text) == (expected, None)

    def test_unknown_rag_text_is_a_row_error(self):
        rag, error = rag_for_review("x", "Amber")
        assert rag == "" and "not a RAG status" in error

    def test_good_file_parses_every_row(self, board, hartlepool_groups, head_of_safeguarding):
        result = parse_workplan(
            xlsx(SEED_ROWS),
            board,
            start=dt.date(2008, 4, 1),
            end=dt.date(2009, 3, 31),
            review_date=dt.date(2008, 12, 31),
        )
        assert result.ok, result.errors
        first, second, third = result.rows
        assert first.row == 4  # spreadsheet row numbers, after the title and header
        assert first.subgroup_names == ["Practice, Policy and Procedure"]
        assert first.person_names == ["Colin Strand"]
        assert first.how == "Review the procedures\nIssue practice guidance"
        assert (first.rag, second.rag, third.rag) == (RAG.ON_TRACK, RAG.NOT_STARTED, "")


class TestImportPages:
    def test_good_file_previews_without_writing_then_confirm_writes_it(
        self, client, alice, board, hartlepool_groups, head_of_safeguarding
    ):
        client.force_login(alice)
        response = client.post(import_url(), form_data(xlsx(SEED_ROWS)))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Save this workplan" in body
        assert "Colin Strand" in body and "Not yet commenced" in body
        assert not Workplan.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="workplans.").exists()

        token = response.context["token"]
        response = client.post(import_url("import_confirm"), {"token": token})
        workplan = Workplan.objects.get()
        assert response["Location"] == reverse("workplans:detail", args=["northtown", workplan.pk])
        assert workplan.status == Workplan.Status.DRAFT
        assert workplan.period_label == "2008/09"
        outcomes = list(workplan.outcomes.order_by("order"))
        assert [o.title for o in outcomes] == [r[0] for r in SEED_ROWS]
        assert outcomes[0].who == "Practice, Policy and Procedures Group\nHead of Safeguarding"
        assert list(outcomes[0].leads.all()) == [head_of_safeguarding]
        assert outcomes[0].current_narrative == "New format being looked at for 2009/10"
        assert outcomes[0].last_update_date == dt.date(2008, 12, 31)
        assert outcomes[1].current_rag == RAG.NOT_STARTED
        assert outcomes[2].current_rag == "" and not outcomes[2].updates.exists()

        # The token is spent: confirming twice does not import twice.
        client.post(import_url("import_confirm"), {"token": token})
        assert Workplan.objects.count() == 1

    def test_missing_column_is_reported_and_nothing_is_written(self, client, alice):
        client.force_login(alice)
        file = xlsx([r[:3] for r in SEED_ROWS], header=HEADER[:3])
        response = client.post(import_url(), form_data(file))
        body = response.content.decode()
        assert "No table was found with the columns" in body and "“Review”" in body
        assert "Save this workplan" not in body
        assert response.context["token"] is None
        assert not Workplan.objects.exists()

    def test_empty_outcome_is_a_row_error_and_nothing_is_written(self, client, alice):
        client.force_login(alice)
        rows = [SEED_ROWS[0], ["", "Some how", "Training Group", "Review"]]
        response = client.post(import_url(), form_data(xlsx(rows)))
        body = response.content.decode()
        assert "Row 5: The Outcome cell is empty" in body
        assert "Save this workplan" not in body
        assert not Workplan.objects.exists() and not Outcome.objects.exists()

    @pytest.mark.parametrize(
        "file,message",
        [
            (SimpleUploadedFile("plan.xlsx", b"not a zip file"), "could not be read"),
            (SimpleUploadedFile("plan.docx", b"PK"), "Upload an Excel workbook saved as .xlsx"),
        ],
    )
    def test_unreadable_file_is_reported(self, client, alice, file, message):
        client.force_login(alice)
        response = client.post(import_url(), form_data(file))
        assert message in response.content.decode()
        assert not Workplan.objects.exists()

    def test_review_date_outside_the_period_is_refused(self, client, alice):
        client.force_login(alice)
        response = client.post(
            import_url(), form_data(xlsx(SEED_ROWS), review_date=dt.date(2009, 6, 1))
        )
        assert "Review date: The date must fall within" in response.content.decode()
        assert not Workplan.objects.exists()

    def test_review_text_without_a_review_date_is_refused(self, client, alice):
        client.force_login(alice)
        response = client.post(import_url(), form_data(xlsx(SEED_ROWS), review_date=None))
        assert "Give the date the Review column describes" in response.content.decode()

    def test_unknown_token_writes_nothing(self, client, alice):
        client.force_login(alice)
        response = client.post(import_url("import_confirm"), {"token": "made-up"})
        assert response["Location"] == import_url()
        assert not Workplan.objects.exists()

    def test_member_cannot_confirm_an_import(self, client, bob):
        client.force_login(bob)
        assert client.post(import_url("import_confirm"), {"token": "x"}).status_code == 403

    def test_a_failure_while_writing_leaves_nothing_behind(
        self, client, alice, board, hartlepool_groups
    ):
        client.force_login(alice)
        response = client.post(import_url(), form_data(xlsx(SEED_ROWS)))
        hartlepool_groups["Training"].delete()  # named in row 2, gone before confirming
        client.post(import_url("import_confirm"), {"token": response.context["token"]})
        assert not Workplan.objects.exists()
        assert not Outcome.objects.exists() and not ProgressUpdate.objects.exists()


def test_export_then_import_round_trips(
    client, alice, board, outcome_2008, subgroup, theme, head_of_safeguarding
):
    """Export a workplan, import the file as a new one: the same outcomes and statuses."""
    outcome_2008.who = "Training Group\nHead of Safeguarding"
    outcome_2008.how = "Line one\nLine two"
    outcome_2008.due_date = dt.date(2008, 12, 31)
    outcome_2008.order = 1
    outcome_2008.save()
    outcome_2008.themes.add(theme)
    outcome_2008.leads.add(head_of_safeguarding)
    services.outcome_record_progress(
        outcome=outcome_2008,
        by=alice,
        rag="at_risk",
        narrative="Behind plan",
        date=dt.date(2008, 11, 3),
    )
    second = Outcome.objects.create(workplan=outcome_2008.workplan, title="Second", order=2)
    client.force_login(alice)
    exported = client.get(
        reverse("workplans:export", args=["northtown", outcome_2008.workplan.pk]) + "?format=xlsx"
    )
    load_workbook(io.BytesIO(exported.content))  # a real workbook
    upload = SimpleUploadedFile("export.xlsx", exported.content)
    response = client.post(import_url(), form_data(upload, review_date=dt.date(2008, 11, 3)))
    assert response.context["result"].ok, response.context["result"].rows
    client.post(import_url("import_confirm"), {"token": response.context["token"]})

    new = Workplan.objects.exclude(pk=outcome_2008.workplan.pk).get()
    copy, copy2 = new.outcomes.order_by("order")
    assert (copy.title, copy.how, copy.who) == (
        outcome_2008.title,
        "Line one\nLine two",
        outcome_2008.who,
    )
    assert list(copy.lead_subgroups.all()) == [subgroup]
    assert list(copy.leads.all()) == [head_of_safeguarding]
    assert list(copy.themes.all()) == [theme]
    assert copy.due_date == dt.date(2008, 12, 31)
    assert (copy.current_rag, copy.current_narrative) == (RAG.AT_RISK, "Behind plan")
    assert copy2.title == second.title and copy2.current_rag == ""


def test_subgroup_officer_cannot_import(client, board, subgroup):
    sally = member(board, "sally", Access.OFFICER, subgroup=subgroup)
    client.force_login(sally)
    assert client.get(import_url()).status_code == 403
