"""Every workplans page: who may open it, what it does, and that its query count stays flat."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from boards.models import Access
from lscb.vocab import RAG
from tests.factories import member
from tests.workplans.factories import OutcomeFactory, WorkplanFactory, make_outcomes
from workplans import services
from workplans.models import ProgressUpdate

D = dt.date


def url(name, *args, board="northtown"):
    return reverse(f"workplans:{name}", args=[board, *args])


READ_PAGES = [
    ("list", None),
    ("my_updates", None),
    ("detail", "workplan"),
    ("outcome", "outcome"),
    ("export", "workplan"),
]
WRITE_PAGES = [
    ("record_progress", "outcome"),
    ("outcome_edit", "outcome"),
    ("import", None),
]


def page_url(name, obj, request):
    return url(name, request.getfixturevalue(obj).pk) if obj else url(name)


@pytest.mark.parametrize("name,obj", READ_PAGES + WRITE_PAGES)
def test_anonymous_is_sent_to_sign_in(client, name, obj, request):
    response = client.get(page_url(name, obj, request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name,obj", READ_PAGES + WRITE_PAGES)
def test_outsider_gets_404(client, charlie, name, obj, request):
    client.force_login(charlie)
    assert client.get(page_url(name, obj, request)).status_code == 404


@pytest.mark.parametrize("name,obj", READ_PAGES)
@pytest.mark.parametrize("who", ["alice", "bob", "carol", "pat"])
def test_members_read_every_read_page(client, name, obj, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(name, obj, request)).status_code == 200


@pytest.mark.parametrize("name,obj", WRITE_PAGES)
def test_officer_opens_write_pages(client, alice, name, obj, request):
    client.force_login(alice)
    assert client.get(page_url(name, obj, request)).status_code == 200


@pytest.mark.parametrize("name,obj", WRITE_PAGES)
@pytest.mark.parametrize("who", ["bob", "pat"])
def test_member_without_the_right_gets_403_on_write_pages(client, name, obj, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(name, obj, request)).status_code == 403


def test_outcome_of_another_board_is_404_even_for_its_url_under_this_board(
    client, alice, charlie, other_board
):
    foreign = WorkplanFactory(board=other_board)
    client.force_login(alice)
    assert client.get(url("detail", foreign.pk)).status_code == 404


class TestApprovePage:
    def test_chair_approves(self, client, carol, workplan):
        client.force_login(carol)
        response = client.post(url("approve", workplan.pk))
        assert response.status_code == 302
        workplan.refresh_from_db()
        assert workplan.is_approved and workplan.approved_by == carol

    @pytest.mark.parametrize("who,status", [("alice", 403), ("bob", 403), ("charlie", 404)])
    def test_others_cannot_approve(self, client, workplan, who, status, request):
        client.force_login(request.getfixturevalue(who))
        assert client.post(url("approve", workplan.pk)).status_code == status
        workplan.refresh_from_db()
        assert not workplan.is_approved

    def test_anonymous_is_sent_to_sign_in(self, client, workplan):
        response = client.post(url("approve", workplan.pk))
        assert response["Location"].startswith(reverse("login"))

    def test_get_shows_what_is_approved_and_changes_nothing(self, client, carol, workplan):
        client.force_login(carol)
        response = client.get(url("approve", workplan.pk))
        assert response.status_code == 200
        assert b"Approve the workplan" in response.content
        workplan.refresh_from_db()
        assert not workplan.is_approved

    def test_button_shows_for_the_chair_only(self, client, carol, alice, workplan):
        client.force_login(carol)
        assert b"Approve this workplan" in client.get(url("detail", workplan.pk)).content
        client.force_login(alice)
        assert b"Approve this workplan" not in client.get(url("detail", workplan.pk)).content


def progress_post(rag="on_track", narrative="Good progress", day=None):
    day = day or dt.date.today()
    return {
        "rag": rag,
        "narrative": narrative,
        "date_0": str(day.day),
        "date_1": str(day.month),
        "date_2": str(day.year),
    }


class TestRecordProgressPage:
    def test_officer_records_and_returns_to_the_outcome(self, client, alice, outcome):
        client.force_login(alice)
        response = client.post(url("record_progress", outcome.pk), progress_post())
        assert response.status_code == 302
        assert response["Location"] == url("outcome", outcome.pk)
        outcome.refresh_from_db()
        assert outcome.current_rag == RAG.ON_TRACK

    def test_at_risk_without_narrative_shows_the_error_and_keeps_the_input(
        self, client, alice, outcome
    ):
        client.force_login(alice)
        response = client.post(
            url("record_progress", outcome.pk), progress_post(rag="at_risk", narrative="")
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "govuk-error-summary" in body
        assert "a narrative is required" in body
        checked = re.search(r'<input[^>]*value="at_risk"[^>]*checked="checked"', body)
        assert checked, "the chosen RAG status is kept"
        assert f'name="date_2" value="{dt.date.today().year}"' in body
        assert not ProgressUpdate.objects.exists()

    def test_date_outside_the_period_is_refused_with_a_clear_message(
        self, client, alice, outcome_2008
    ):
        client.force_login(alice)
        response = client.post(
            url("record_progress", outcome_2008.pk), progress_post(day=D(2009, 5, 1))
        )
        assert response.status_code == 200
        assert "The date must fall within 1 April 2008 to 31 March 2009." in (
            response.content.decode()
        )
        assert not ProgressUpdate.objects.exists()

    def test_subgroup_officer_may_record_on_their_subgroups_outcome(
        self, client, board, outcome, subgroup, other_subgroup
    ):
        sally = member(board, "sally", Access.OFFICER, subgroup=subgroup)
        oliver = member(board, "oliver", Access.OFFICER, subgroup=other_subgroup)
        client.force_login(oliver)
        assert client.get(url("record_progress", outcome.pk)).status_code == 403
        client.force_login(sally)
        assert client.post(url("record_progress", outcome.pk), progress_post()).status_code == 302

    def test_named_lead_may_record_on_their_outcome(self, client, board, outcome):
        nina = member(board, "nina", Access.MEMBER)
        outcome.leads.add(nina.person)
        client.force_login(nina)
        assert client.post(url("record_progress", outcome.pk), progress_post()).status_code == 302

    def test_workplan_row_links_to_record_progress_only_where_allowed(
        self, client, bob, alice, outcome
    ):
        link = url("record_progress", outcome.pk).encode()
        client.force_login(alice)
        assert link in client.get(url("detail", outcome.workplan.pk)).content
        client.force_login(bob)
        assert link not in client.get(url("detail", outcome.workplan.pk)).content

    def test_workplan_rows_offer_record_progress_to_subgroup_officers_and_named_leads(
        self, client, board, workplan, outcome, subgroup, other_subgroup
    ):
        other = OutcomeFactory(workplan=workplan, title="Audit the files")
        other.lead_subgroups.add(other_subgroup)
        sally = member(board, "sally", Access.OFFICER, subgroup=subgroup)
        nina = member(board, "nina", Access.MEMBER)
        other.leads.add(nina.person)
        mine = url("record_progress", outcome.pk).encode()
        theirs = url("record_progress", other.pk).encode()
        client.force_login(sally)
        body = client.get(url("detail", workplan.pk)).content
        assert mine in body and theirs not in body
        client.force_login(nina)
        body = client.get(url("detail", workplan.pk)).content
        assert theirs in body and mine not in body

    def test_outcome_page_shows_the_timeline_with_rag_changes_and_who(
        self, client, bob, alice, outcome_2008
    ):
        services.outcome_record_progress(
            outcome=outcome_2008, by=alice, rag="on_track", narrative="Fine", date=D(2008, 9, 1)
        )
        services.outcome_record_progress(
            outcome=outcome_2008, by=alice, rag="at_risk", narrative="Slipping", date=D(2008, 12, 1)
        )
        client.force_login(bob)
        body = client.get(url("outcome", outcome_2008.pk)).content.decode()
        assert "Changed from" in body and "Slipping" in body and "First update" in body
        assert "Recorded delivery at risk for 1 December 2008" in body  # the audit trail
        assert alice.get_full_name() in body


def edit_post(outcome, **changes):
    data = {
        "title": outcome.title,
        "how": outcome.how,
        "who": outcome.who,
        "lead_subgroups": [s.pk for s in outcome.lead_subgroups.all()],
        "themes": [t.pk for t in outcome.themes.all()],
        "order": outcome.order,
        "version": outcome.version,
    }
    return data | changes


class TestOutcomeEditPage:
    def test_officer_saves_an_edit(self, client, alice, outcome):
        client.force_login(alice)
        form = client.get(url("outcome_edit", outcome.pk)).context["form"]
        data = edit_post(outcome, title="New title", loaded=form.initial["loaded"])
        response = client.post(url("outcome_edit", outcome.pk), data)
        assert response.status_code == 302
        outcome.refresh_from_db()
        assert (outcome.title, outcome.version) == ("New title", 2)

    def test_stale_edit_is_refused_showing_differences_and_keeping_the_typed_input(
        self, client, alice, board, outcome
    ):
        client.force_login(alice)
        loaded = client.get(url("outcome_edit", outcome.pk)).context["form"].initial["loaded"]
        kieran = member(board, "kieran", Access.OFFICER)
        services.outcome_update(
            outcome=outcome,
            by=kieran,
            expected_version=1,
            title="Kieran's title",
            how=outcome.how,
            who="Kieran's who",
            due_date=None,
            order=outcome.order,
            lead_subgroups=outcome.lead_subgroups.all(),
            leads=[],
            themes=outcome.themes.all(),
        )
        data = edit_post(outcome, title="Alice's title", version=1, loaded=loaded)
        response = client.post(url("outcome_edit", outcome.pk), data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Someone else changed this outcome" in body
        assert response.context["differences"] == [
            ("Outcome", "Train everyone", "Kieran's title"),
            ("Who", "Training Group", "Kieran's who"),
        ]
        assert 'value="Alice&#x27;s title"' in body
        outcome.refresh_from_db()
        assert outcome.title == "Kieran's title"
        # Saving again after seeing the differences applies Alice's version on top.
        resubmit = response.context["form"].data
        assert client.post(url("outcome_edit", outcome.pk), resubmit).status_code == 302
        outcome.refresh_from_db()
        assert (outcome.title, outcome.version) == ("Alice's title", 3)


class TestExportPage:
    def test_csv_has_current_status_and_latest_narrative(self, client, bob, alice, outcome_2008):
        services.outcome_record_progress(
            outcome=outcome_2008, by=alice, rag="at_risk", narrative="=cmd|x", date=D(2008, 12, 1)
        )
        client.force_login(bob)
        response = client.get(url("export", outcome_2008.workplan.pk) + "?format=csv")
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        assert "Review the procedures" in text
        assert "At risk" in text and "2008-12-01" in text
        assert "'=cmd|x" in text  # formula neutralised

    def test_xlsx_download(self, client, bob, workplan):
        client.force_login(bob)
        response = client.get(url("export", workplan.pk) + "?format=xlsx")
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')

    def test_unknown_format_is_a_bad_request(self, client, bob, workplan):
        client.force_login(bob)
        assert client.get(url("export", workplan.pk) + "?format=pdf").status_code == 400


class TestWorkplanFilters:
    def test_filters_by_rag_subgroup_theme_and_not_updated(
        self, client, bob, alice, workplan, subgroup, other_subgroup, theme
    ):
        a, b, c = make_outcomes(workplan, 3)
        a.lead_subgroups.add(subgroup)
        b.lead_subgroups.add(other_subgroup)
        b.themes.add(theme)
        services.outcome_record_progress(
            outcome=a, by=alice, rag="at_risk", narrative="Why", date=dt.date.today()
        )
        client.force_login(bob)

        def titles(query):
            r = client.get(url("detail", workplan.pk) + query)
            return [o.title for o in r.context["table"].outcomes]

        assert titles("?rag=at_risk") == [a.title]
        assert titles("?rag=none") == [b.title, c.title]
        assert titles(f"?subgroup={other_subgroup.pk}") == [b.title]
        assert titles(f"?theme={theme.pk}") == [b.title]
        assert titles("?not_updated=on") == [b.title, c.title]
        assert titles("?sort=-rag")[0] == a.title
        assert titles("?sort=-title") == [c.title, b.title, a.title]

    def test_sort_options_carry_their_labels(self, client, bob, workplan):
        client.force_login(bob)
        html = client.get(url("detail", workplan.pk)).content.decode()
        sort = re.search(r'<select name="sort".*?</select>', html, re.S).group(0)
        labels = re.findall(r">([^<]+)</option>", sort)
        assert labels[:6] == [
            "Plan order",
            "Plan order",
            "Plan order (descending)",
            "Outcome",
            "Outcome (descending)",
            "Delivery",
        ]
        assert "Last update" in labels and "Due date (descending)" in labels
        assert "Rag" not in labels and "Updated" not in labels
