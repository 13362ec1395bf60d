"""Authoring a plan in the browser: start a year (blank or carried forward), add, move and
retire outcomes, and the chair's approval after seeing what is approved.

Every form is tried with bad input: nothing typed, a 50,000-character paste, and a form
that went stale because someone else acted first. The message sits beside the field and
the rest of what was typed is still there.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from boards.models import Access
from lscb import audit
from lscb.vocab import RAG, Quarter
from tests.factories import member
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from workplans import services
from workplans.models import Outcome, Workplan
from workplans.services import authoring

PASTE = "x" * 50_000


def url(name, *args):
    return reverse(f"workplans:{name}", args=["northtown", *args])


def field_error(response, name: str) -> str:
    """The message shown beside one field (crispy-forms-gds gives it the id
    id_<name>_1_error)."""
    html = response.content.decode()
    marker = f'id="id_{name}_1_error"'
    assert marker in html, f"no message beside {name}"
    start = html.index(marker)
    return html[start : html.index("</span>", html.index("</span>", start) + 1)]


@pytest.fixture
def officer_client(client, alice):
    client.force_login(alice)
    return client


# ---- starting a year ----------------------------------------------------------------------


class TestStartAYear:
    def test_a_blank_year_in_three_steps(self, officer_client, board, workplan_2008):
        page = officer_client.get(url("start"))
        assert page.status_code == 200
        assert "2009/10" in page.content.decode()

        answer = officer_client.post(url("start"), {"year": "2009", "title": "", "way": "blank"})
        assert answer["Location"] == url("start_check")

        check = officer_client.get(url("start_check"))
        html = check.content.decode()
        assert "Workplan 2009/10" in html and "Blank" in html
        assert html.count(">Change<") == 3

        done = officer_client.post(url("start_check"))
        plan = Workplan.objects.get(board=board, start=dt.date(2009, 4, 1))
        assert done["Location"] == url("detail", plan.pk)
        assert plan.title == "Workplan 2009/10" and not plan.is_approved
        banner = officer_client.get(done["Location"]).content.decode()
        assert "Workplan 2009/10 is started as a draft" in banner

    def test_carrying_forward_leaves_completed_and_retired_outcomes_behind(
        self, officer_client, board, alice, workplan_2008, outcome_2008
    ):
        done = OutcomeFactory(workplan=workplan_2008, title="Finished last year")
        services.outcome_record_progress(
            outcome=done, by=alice, rag=RAG.COMPLETE, narrative="Done", date=dt.date(2009, 3, 1)
        )
        gone = OutcomeFactory(workplan=workplan_2008, title="Dropped last year")
        authoring.outcome_retire(outcome=gone, by=alice, reason="Merged")

        officer_client.post(url("start"), {"year": "2009", "title": "Our plan", "way": "carry"})
        carry = officer_client.get(url("start_carry"))
        html = carry.content.decode()
        assert outcome_2008.title in html
        assert "Finished last year" not in html and "Dropped last year" not in html
        # Every open outcome starts ticked.
        assert "checked" in html

        chosen = officer_client.post(url("start_carry"), {"outcomes": [outcome_2008.pk]})
        assert chosen["Location"] == url("start_check")
        check = officer_client.get(url("start_check")).content.decode()
        assert outcome_2008.title in check and "Our plan" in check

        officer_client.post(url("start_check"))
        plan = Workplan.objects.get(board=board, start=dt.date(2009, 4, 1))
        copy = plan.outcomes.get()
        assert copy.carried_from == outcome_2008
        page = officer_client.get(url("outcome", copy.pk)).content.decode()
        assert "Carried forward from" in page
        assert url("outcome", outcome_2008.pk) in page

    def test_changing_an_answer_keeps_the_others(self, officer_client, workplan_2008):
        officer_client.post(url("start"), {"year": "2009", "title": "Kept title", "way": "carry"})
        again = officer_client.get(url("start")).content.decode()
        assert 'value="Kept title"' in again
        assert 'value="2009" selected' in again

    def test_nothing_chosen_is_answered_beside_each_question(self, officer_client, workplan):
        response = officer_client.post(url("start"), {})
        assert response.status_code == 200
        assert "Choose the year the workplan covers." in field_error(response, "year")
        assert "Choose a blank workplan" in field_error(response, "way")
        assert Workplan.objects.count() == 1

    def test_a_pasted_title_is_refused_beside_it_and_the_choices_stay(
        self, officer_client, workplan_2008
    ):
        response = officer_client.post(
            url("start"), {"year": "2009", "title": PASTE, "way": "carry"}
        )
        assert response.status_code == 200
        assert "300" in field_error(response, "title")
        html = response.content.decode()
        assert 'value="2009" selected' in html
        assert re.search(r'value="carry"\s+checked', html)

    def test_a_year_someone_else_started_meanwhile_is_refused_on_the_check_page(
        self, officer_client, board, carol, workplan_2008
    ):
        officer_client.post(url("start"), {"year": "2009", "title": "Mine", "way": "blank"})
        authoring.workplan_start_year(board=board, by=carol, year=2009, title="Theirs")
        response = officer_client.post(url("start_check"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is already a workplan for 2009/10" in html
        assert f'href="{url("start")}"' in html  # the error links to the question
        assert "Mine" in html  # the answers are still there
        assert Workplan.objects.filter(title="Mine").count() == 0

    def test_an_outcome_completed_while_choosing_is_refused_beside_the_list(
        self, officer_client, alice, workplan_2008, outcome_2008
    ):
        officer_client.post(url("start"), {"year": "2009", "title": "", "way": "carry"})
        officer_client.get(url("start_carry"))
        services.outcome_record_progress(
            outcome=outcome_2008,
            by=alice,
            rag=RAG.COMPLETE,
            narrative="Done",
            date=dt.date(2009, 3, 1),
        )
        response = officer_client.post(url("start_carry"), {"outcomes": [outcome_2008.pk]})
        assert response.status_code == 200
        assert "completed or retired after this page was opened" in (response.content.decode())

    def test_no_earlier_plan_means_nothing_to_carry(self, officer_client, board):
        last_year = Quarter.containing(dt.date.today()).year - 1
        officer_client.post(url("start"), {"year": last_year, "title": "", "way": "carry"})
        html = officer_client.get(url("start_carry")).content.decode()
        assert f"no workplan before {last_year}/" in html

    def test_later_steps_without_the_first_go_back_to_it(self, officer_client, board):
        assert officer_client.get(url("start_carry"))["Location"] == url("start")
        assert officer_client.get(url("start_check"))["Location"] == url("start")

    def test_the_list_offers_starting_to_officers_only(self, client, alice, bob, board):
        client.force_login(alice)
        assert url("start") in client.get(url("list")).content.decode()
        client.force_login(bob)
        assert url("start") not in client.get(url("list")).content.decode()


# ---- adding an outcome --------------------------------------------------------------------


def outcome_post(**fields):
    data = {"title": "Audit the front door", "how": "A multi-agency audit", "who": ""}
    data |= {"due_date_0": "", "due_date_1": "", "due_date_2": ""}
    return data | fields


class TestAddAnOutcome:
    def test_an_officer_adds_an_outcome_last(self, officer_client, workplan, outcome, subgroup):
        response = officer_client.post(
            url("outcome_add", workplan.pk), outcome_post(lead_subgroups=[subgroup.pk])
        )
        assert response["Location"] == url("detail", workplan.pk)
        added = Outcome.objects.get(title="Audit the front door")
        assert added.order == outcome.order + 1
        assert list(added.lead_subgroups.all()) == [subgroup]
        assert audit.history_for(added).get().action == "workplans.outcome_created"

    def test_add_another_comes_back_to_an_empty_form(self, officer_client, workplan):
        response = officer_client.post(url("outcome_add", workplan.pk), outcome_post(another="yes"))
        assert response["Location"] == url("outcome_add", workplan.pk)
        again = officer_client.get(response["Location"]).content.decode()
        assert "is added to" in again

    def test_an_empty_outcome_is_refused_beside_it_and_the_rest_stays(
        self, officer_client, workplan
    ):
        response = officer_client.post(url("outcome_add", workplan.pk), outcome_post(title=""))
        assert response.status_code == 200
        assert "Enter what the outcome is to achieve." in field_error(response, "title")
        assert "A multi-agency audit" in response.content.decode()
        assert not Outcome.objects.exists()

    def test_a_pasted_how_is_refused_beside_it_and_the_title_stays(self, officer_client, workplan):
        response = officer_client.post(url("outcome_add", workplan.pk), outcome_post(how=PASTE))
        assert response.status_code == 200
        assert "2,000" in field_error(response, "how") or "2000" in field_error(response, "how")
        assert 'value="Audit the front door"' in response.content.decode()
        assert not Outcome.objects.exists()

    def test_a_subgroup_closed_while_typing_is_refused_beside_the_choice(
        self, officer_client, workplan, subgroup
    ):
        officer_client.get(url("outcome_add", workplan.pk))
        subgroup.active = False
        subgroup.save()
        response = officer_client.post(
            url("outcome_add", workplan.pk), outcome_post(lead_subgroups=[subgroup.pk])
        )
        assert response.status_code == 200
        assert "valid choice" in field_error(response, "lead_subgroups")
        assert 'value="Audit the front door"' in response.content.decode()

    def test_subgroup_officers_are_offered_their_own_subgroups_only(
        self, client, board, workplan, subgroup, other_subgroup
    ):
        client.force_login(member(board, "sam", Access.OFFICER, subgroup=subgroup))
        form = client.get(url("outcome_add", workplan.pk)).content.decode()
        assert subgroup.name in form and other_subgroup.name not in form

        none = client.post(url("outcome_add", workplan.pk), outcome_post())
        assert "Choose the subgroup that leads" in field_error(none, "lead_subgroups")
        other = client.post(
            url("outcome_add", workplan.pk), outcome_post(lead_subgroups=[other_subgroup.pk])
        )
        assert "valid choice" in field_error(other, "lead_subgroups")
        assert not Outcome.objects.exists()

        ours = client.post(
            url("outcome_add", workplan.pk), outcome_post(lead_subgroups=[subgroup.pk])
        )
        assert ours.status_code == 302
        assert Outcome.objects.get().lead_subgroups.get() == subgroup


# ---- moving -------------------------------------------------------------------------------


class TestMove:
    @pytest.fixture
    def three(self, workplan):
        return [OutcomeFactory(workplan=workplan, title=f"Outcome {i}", order=i) for i in (1, 2, 3)]

    def test_move_up_and_down_from_the_plan_page(self, officer_client, workplan, three):
        page = officer_client.get(url("detail", workplan.pk)).content.decode()
        assert 'id="arrange"' in page
        assert page.count(f'action="{url("outcome_move", three[1].pk)}"') == 2
        # The first cannot go up nor the last down.
        assert page.count(f'action="{url("outcome_move", three[0].pk)}"') == 1

        response = officer_client.post(url("outcome_move", three[2].pk), {"direction": "up"})
        assert response["Location"] == url("detail", workplan.pk) + f"#arrange-{three[2].pk}"
        order = [o.title for o in Outcome.objects.filter(workplan=workplan)]
        assert order == ["Outcome 1", "Outcome 3", "Outcome 2"]
        after = officer_client.get(url("detail", workplan.pk)).content.decode()
        assert "moved up: it is now number 2" in after

    def test_the_first_cannot_move_up(self, officer_client, workplan, three):
        response = officer_client.post(
            url("outcome_move", three[0].pk), {"direction": "up"}, follow=True
        )
        assert "already first" in response.content.decode()
        assert [o.pk for o in Outcome.objects.filter(workplan=workplan)] == [o.pk for o in three]

    def test_a_move_names_its_direction(self, officer_client, three):
        assert officer_client.post(url("outcome_move", three[0].pk), {}).status_code == 400

    def test_members_see_no_move_buttons(self, client, bob, workplan, three):
        client.force_login(bob)
        page = client.get(url("detail", workplan.pk)).content.decode()
        assert 'id="arrange"' not in page and url("outcome_move", three[0].pk) not in page


# ---- retiring -----------------------------------------------------------------------------


class TestRetire:
    def test_reason_then_check_then_retired_and_still_shown(
        self, officer_client, workplan, outcome
    ):
        form = officer_client.get(url("outcome_retire", outcome.pk))
        assert "Why is this outcome being retired?" in form.content.decode()

        check = officer_client.post(url("outcome_retire", outcome.pk), {"reason": "Merged"})
        assert "Check before you retire the outcome" in check.content.decode()
        outcome.refresh_from_db()
        assert not outcome.is_retired  # nothing happens before the check

        change = officer_client.post(
            url("outcome_retire", outcome.pk), {"reason": "Merged", "change": "yes"}
        )
        assert "Merged</textarea>" in change.content.decode()

        done = officer_client.post(
            url("outcome_retire", outcome.pk), {"reason": "Merged into one", "confirm": "yes"}
        )
        assert done["Location"] == url("outcome", outcome.pk)
        outcome.refresh_from_db()
        assert outcome.retired_reason == "Merged into one"

        page = officer_client.get(url("outcome", outcome.pk)).content.decode()
        assert "Retired</strong> on" in page and "Merged into one" in page
        assert url("record_progress", outcome.pk) not in page
        assert url("outcome_retire", outcome.pk) not in page
        assert "Retired “Train everyone”" in page  # the history says so too

        plan = officer_client.get(url("detail", workplan.pk))
        html = plan.content.decode()
        assert 'id="retired"' in html and "Merged into one" in html
        assert plan.context["table"].outcomes == []

    def test_an_empty_reason_is_refused_beside_it(self, officer_client, outcome):
        response = officer_client.post(url("outcome_retire", outcome.pk), {"reason": " "})
        assert "Enter why the outcome is being retired." in field_error(response, "reason")

    def test_a_pasted_reason_is_refused_beside_it(self, officer_client, outcome):
        response = officer_client.post(url("outcome_retire", outcome.pk), {"reason": PASTE})
        assert "1,000" in field_error(response, "reason") or "1000" in field_error(
            response, "reason"
        )
        outcome.refresh_from_db()
        assert not outcome.is_retired

    def test_retired_by_someone_else_meanwhile(self, officer_client, carol, outcome):
        officer_client.post(url("outcome_retire", outcome.pk), {"reason": "Mine"})
        authoring.outcome_retire(outcome=outcome, by=carol, reason="Theirs")
        response = officer_client.post(
            url("outcome_retire", outcome.pk), {"reason": "Mine", "confirm": "yes"}
        )
        assert response.status_code == 200
        assert "already retired" in response.content.decode()
        outcome.refresh_from_db()
        assert outcome.retired_reason == "Theirs"


# ---- approving ----------------------------------------------------------------------------


class TestApprove:
    def test_the_chair_sees_what_is_approved_then_approves(
        self, client, carol, workplan, outcome, subgroup
    ):
        OutcomeFactory(workplan=workplan, title="No lead yet")
        client.force_login(carol)
        plan = client.get(url("detail", workplan.pk)).content.decode()
        assert f'href="{url("approve", workplan.pk)}"' in plan

        check = client.get(url("approve", workplan.pk))
        summary = check.context["summary"]
        assert (summary.outcomes, summary.without_lead_subgroup) == (2, 1)
        assert (summary.without_named_lead, summary.without_due_date) == (2, 2)
        workplan.refresh_from_db()
        assert not workplan.is_approved  # looking changes nothing

        done = client.post(url("approve", workplan.pk))
        assert done["Location"] == url("detail", workplan.pk)
        workplan.refresh_from_db()
        assert workplan.is_approved and workplan.approved_by == carol

        again = client.get(url("approve", workplan.pk)).content.decode()
        assert "was approved by" in again and "<form" not in again.split("<main")[-1]

    def test_approving_twice_says_so(self, client, carol, workplan):
        client.force_login(carol)
        client.post(url("approve", workplan.pk))
        response = client.post(url("approve", workplan.pk))
        assert response.status_code == 200
        assert "already approved" in response.content.decode()

    def test_officers_cannot_approve(self, officer_client, workplan):
        assert officer_client.get(url("approve", workplan.pk)).status_code == 403


def test_an_outcome_carried_from_another_year_links_back(officer_client, board, alice):
    old = WorkplanFactory(board=board, start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31))
    source = OutcomeFactory(workplan=old, title="Source outcome")
    plan = authoring.workplan_start_year(
        board=board, by=alice, year=2009, title="", carry_forward=[source]
    )
    copy = plan.outcomes.get()
    page = officer_client.get(url("outcome", copy.pk)).content.decode()
    assert f'Carried forward from <a class="govuk-link" href="{url("outcome", source.pk)}">' in (
        page
    )
    assert "Carried forward “Source outcome” from" in page  # its history
    source_page = officer_client.get(url("outcome", source.pk)).content.decode()
    assert f'Carried forward into <a class="govuk-link" href="{url("outcome", copy.pk)}">' in (
        source_page
    )


def test_a_retired_outcome_stays_in_the_report_appendix_of_the_quarters_it_was_live(
    board, alice, outcome_2008
):
    """Retired in November 2008: in Q2 as it was, in Q3 marked retired with the reason, and
    gone from Q4 on. The report is the quarterly report's own HTML, the PDF's source."""
    from reporting.report import report_html

    authoring.outcome_retire(
        outcome=outcome_2008, by=alice, reason="Merged into the audit work", on=dt.date(2008, 11, 1)
    )
    q2, q3, q4 = (report_html(board, Quarter(2008, n)) for n in (2, 3, 4))
    assert outcome_2008.title in q2 and "Merged into the audit work" not in q2
    assert "Retired on 1 Nov 2008: Merged into the audit work" in q3
    assert outcome_2008.title not in q4
