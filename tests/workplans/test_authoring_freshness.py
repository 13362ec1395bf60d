"""Each authoring form's write shows on the next view of the cached pages it changes.

The pages are viewed twice first (the second view is served from the cached parts), then
the write is made through the form, as a person would, and the page viewed again.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.lscb.test_fragments import without_tokens
from tests.workplans.factories import OutcomeFactory


def url(name, *args):
    return reverse(f"workplans:{name}", args=["northtown", *args])


@pytest.fixture
def cached(client, alice):
    """Views `page` twice, so its parts are stored and then served, and returns the HTML."""
    client.force_login(alice)

    def view(page: str) -> str:
        first = without_tokens(client.get(page))
        assert without_tokens(client.get(page)) == first
        return first

    return view


def test_adding_an_outcome_shows_in_the_plan(client, cached, workplan, outcome):
    plan = url("detail", workplan.pk)
    assert "Added by the form" not in cached(plan)
    client.post(url("outcome_add", workplan.pk), {"title": "Added by the form", "how": ""})
    after = client.get(plan)
    assert [o.title for o in after.context["table"].outcomes][-1] == "Added by the form"
    assert after.content.decode().count("Added by the form") >= 2  # the table and the list


def test_moving_shows_the_new_order_in_the_arrange_list(client, cached, workplan):
    first = OutcomeFactory(workplan=workplan, title="First outcome", order=1)
    OutcomeFactory(workplan=workplan, title="Second outcome", order=2)
    plan = url("detail", workplan.pk)
    before = cached(plan)
    arrange = before[before.index('id="arrange"') :]
    assert arrange.index("First outcome") < arrange.index("Second outcome")
    client.post(url("outcome_move", first.pk), {"direction": "down"})
    after = without_tokens(client.get(plan))
    arrange = after[after.index('id="arrange"') :]
    assert arrange.index("Second outcome") < arrange.index("First outcome")


def test_retiring_shows_on_the_outcome_page_and_the_plan(client, cached, workplan, outcome):
    page, plan = url("outcome", outcome.pk), url("detail", workplan.pk)
    cached(page)
    cached(plan)
    client.post(url("outcome_retire", outcome.pk), {"reason": "Gone by form", "confirm": "yes"})
    assert "Gone by form" in without_tokens(client.get(page))
    assert "Gone by form" in without_tokens(client.get(plan))


def test_starting_a_year_shows_in_the_list_and_on_last_years_outcome(
    client, cached, board, workplan_2008, outcome_2008
):
    listing, source = url("list"), url("outcome", outcome_2008.pk)
    assert "Workplan 2009/10" not in cached(listing)
    assert "Carried forward into" not in cached(source)
    client.post(url("start"), {"year": "2009", "title": "", "way": "carry"})
    client.post(url("start_carry"), {"outcomes": [outcome_2008.pk]})
    client.post(url("start_check"))
    assert "Workplan 2009/10" in without_tokens(client.get(listing))
    assert "Carried forward into" in without_tokens(client.get(source))


def test_approving_shows_on_the_plan(client, carol, workplan):
    client.force_login(carol)
    plan = url("detail", workplan.pk)
    assert "Draft, awaiting" in without_tokens(client.get(plan))
    client.get(plan)
    client.post(url("approve", workplan.pk))
    assert "Approved by" in without_tokens(client.get(plan))
