"""Every link in an error summary lands on an element of the page.

The design system's error summary links each message to the field it is about, so a
keyboard or screen-reader user can jump there. Radios, checkboxes and the day/month/year
date boxes have no element carrying the field's own id, so their links must name the first
option or the day box instead.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.workplans.factories import OutcomeFactory, WorkplanFactory

SUMMARY = re.compile(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.S)
LINK = re.compile(r'href="#([^"]+)"')


def links_and_ids(html: str) -> tuple[list[str], set[str]]:
    summary = SUMMARY.search(html)
    assert summary, "the page shows no error summary"
    return LINK.findall(summary.group(1)), set(re.findall(r'\sid="([^"]+)"', html))


def assert_links_land(html: str) -> None:
    links, ids = links_and_ids(html)
    assert links, "the error summary links to nothing"
    missing = [link for link in links if link not in ids]
    assert not missing, f"error summary links to ids not on the page: {missing}"


@pytest.mark.django_db
def test_a_missing_choice_of_radios_links_to_the_first_option(client, board, alice):
    """Starting a workplan with nothing chosen: a select and a set of radios in error."""
    client.force_login(alice)

    response = client.post(reverse("workplans:start", args=[board.slug]), {})

    assert response.status_code == 200
    links, _ = links_and_ids(response.content.decode())
    assert "id_way_1" in links
    assert_links_land(response.content.decode())


@pytest.mark.django_db
def test_progress_with_no_date_or_status_links_to_the_day_box_and_first_status(
    client, board, alice
):
    workplan = WorkplanFactory(board=board)
    outcome = OutcomeFactory(workplan=workplan)
    client.force_login(alice)

    response = client.post(
        reverse("workplans:record_progress", args=[board.slug, outcome.pk]), {"narrative": "x"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    links, _ = links_and_ids(html)
    assert any(link.endswith("_0") for link in links), links  # the day box
    assert_links_land(html)
