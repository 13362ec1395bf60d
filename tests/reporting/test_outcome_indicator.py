"""An outcome measured by an indicator of the quarterly dataset, with a target and the
direction that is better: set, replaced and removed by those who may change the outcome,
audited; its trend shows beside the impact rating on the outcome's page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lscb.models import AuditEvent
from lscb.vocab import Quarter
from reporting.models import Indicator, IndicatorValue, OutcomeIndicator
from reporting.outcome_trend import outcome_trend
from reporting.services import outcome_indicators
from tests.workplans.factories import OutcomeFactory, WorkplanFactory

pytestmark = pytest.mark.django_db
THIS = Quarter.containing(dt.date.today())


@pytest.fixture
def outcome(board):
    return OutcomeFactory(workplan=WorkplanFactory(board=board), title="Neglect toolkit used")


@pytest.fixture
def indicator():
    return Indicator.objects.get(code="plans_neglect")


def _figures(board, indicator, values):
    """`values` for the quarters ending with the last one ended, oldest first."""
    quarters: list[Quarter] = []
    quarter = THIS.previous()
    for _ in values:
        quarters.insert(0, quarter)
        quarter = quarter.previous()
    for q, v in zip(quarters, values, strict=True):
        IndicatorValue.objects.create(board=board, indicator=indicator, quarter=q.code, value=v)


def _link(outcome, by, indicator, target=60, direction="down"):
    return outcome_indicators.outcome_indicator_set(
        outcome=outcome, by=by, indicator=indicator, target=Decimal(target), direction=direction
    )


def test_an_officer_links_replaces_and_removes_the_indicator_with_an_audit_trail(
    outcome, alice, indicator
):
    _link(outcome, alice, indicator, target=60)
    referrals = Indicator.objects.get(code="referrals")
    link = _link(outcome, alice, referrals, target=250, direction="up")
    assert OutcomeIndicator.objects.get() == link
    assert (link.indicator, link.target, link.direction) == (referrals, 250, "up")
    event = (
        AuditEvent.objects.filter(action="reporting.outcome_indicator_set").order_by("pk").last()
    )
    assert event.changes["indicator"] == ["plans_neglect", "referrals"]
    assert event.actor == alice and "Neglect toolkit used" in event.summary
    assert outcome_indicators.outcome_indicator_remove(outcome=outcome, by=alice)
    assert not OutcomeIndicator.objects.exists()
    assert not outcome_indicators.outcome_indicator_remove(outcome=outcome, by=alice)


def test_a_member_cannot_link_an_indicator(outcome, bob, indicator):
    with pytest.raises(PermissionDenied):
        _link(outcome, bob, indicator)
    assert not OutcomeIndicator.objects.exists()


def test_bad_input_is_refused_field_by_field(outcome, alice):
    with pytest.raises(ValidationError) as exc:
        outcome_indicators.outcome_indicator_set(
            outcome=outcome, by=alice, indicator=None, target=Decimal(-1), direction="sideways"
        )
    assert set(exc.value.message_dict) == {"indicator", "target", "direction"}


@pytest.mark.parametrize(
    ("values", "direction", "target", "verdict", "change"),
    [
        ([80, 74, 70], "down", 60, "Moving towards the target", -4),
        ([60, 66, 72], "down", 60, "Moving away from the target", 6),
        ([70, 64, 58], "down", 60, "Target met", -6),
        ([5, 7, 9], "up", 8, "Target met", 2),
        ([9, 9], "up", 12, "No change", 0),
        ([9], "up", 12, "One quarter's figure so far", None),
        ([], "up", 12, "No figures yet", None),
    ],
)
def test_the_trend_reads_the_latest_figures_against_the_target(
    board, outcome, alice, indicator, values, direction, target, verdict, change
):
    _figures(board, indicator, values)
    _link(outcome, alice, indicator, target=target, direction=direction)
    trend = outcome_trend(outcome)
    assert trend.verdict == verdict
    assert trend.change == change
    assert [v for _, v in trend.points] == values


def test_the_trend_shows_the_last_four_quarters_and_not_another_boards(
    board, other_board, outcome, alice, indicator
):
    _figures(board, indicator, [90, 85, 80, 75, 70, 65])
    _figures(other_board, indicator, [1, 1, 1, 1])
    _link(outcome, alice, indicator)
    assert [v for _, v in outcome_trend(outcome).points] == [80, 75, 70, 65]


def test_the_outcome_page_shows_the_trend_beside_the_impact_rating(
    client, board, outcome, alice, bob, indicator
):
    url = reverse("workplans:outcome", args=[board.slug, outcome.pk])
    client.force_login(bob)
    page = client.get(url).content.decode()
    assert "Measure it by an indicator" not in page and "Measured by" not in page
    _figures(board, indicator, [80, 74])
    _link(outcome, alice, indicator, target=60)
    page = client.get(url).content.decode()
    assert "Measured by: " + indicator.name in page
    assert "Moving towards the target</strong>: −6 on the quarter before" in page
    assert page.index("Impact:") < page.index("Measured by") < page.index("Progress timeline")
    assert "Change the indicator" not in page
    client.force_login(alice)
    assert "Change the indicator" in client.get(url).content.decode()


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, board, outcome, alice):
    url = reverse("reporting:outcome_indicator", args=[board.slug, outcome.pk])
    client.force_login(alice)
    response = client.post(url, {"target": "lots", "direction": "", "note": "Typed reasons"})
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Choose the indicator that measures the outcome.",
        "Enter the target as a number, like 120 or 7.5.",
        "Say whether a higher or a lower figure is better.",
    ):
        assert page.count(message) == 2  # the summary and beside the field
    assert "Typed reasons" in page and 'value="lots"' in page
    assert not OutcomeIndicator.objects.exists()
    indicator = Indicator.objects.get(code="plans_neglect")
    response = client.post(
        url, {"indicator": indicator.pk, "target": "60", "direction": "down", "note": ""}
    )
    assert response.status_code == 302
    assert OutcomeIndicator.objects.get().target == 60
    assert client.post(url, {"remove": "1"}).status_code == 302
    assert not OutcomeIndicator.objects.exists()


@pytest.mark.parametrize("quarters", [2, 12])
def test_the_outcome_page_reads_the_trend_in_the_same_queries_at_any_length(
    client, board, outcome, alice, bob, indicator, quarters, django_assert_num_queries
):
    _figures(board, indicator, list(range(quarters)))
    _link(outcome, alice, indicator)
    client.force_login(bob)
    # 1-4 session, user, board, memberships; 5 the outcome with its workplan; 6 lead
    # subgroups; 7 named leads; 8 themes; 9 outcomes carried forward from it; 10 updates;
    # 11 the audit trail; 12 the link with its indicator; 13 the indicator's figures.
    with django_assert_num_queries(13):
        client.get(reverse("workplans:outcome", args=[board.slug, outcome.pk]))
