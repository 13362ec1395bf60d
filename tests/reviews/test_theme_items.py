"""A theme's address on its own lists everything on the theme, and every link the board's
pages make to a theme's items opens."""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reviews.selectors.themes import outcomes_available
from tests.factories import ThemeFactory
from tests.reviews.factories import (
    ActionFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)


@pytest.fixture
def neglect(db):
    return ThemeFactory(slug="neglect", name="Neglect")


@pytest.fixture
def tagged(board, other_board, neglect):
    """Items on neglect from every source, in every state, and some that must not show."""
    scr = ReviewFactory(board=board, kind="scr", title="The case review")
    late = RecommendationFactory(review=scr, themes=[neglect], text="Audit neglect cases.")
    ActionFactory(recommendation=late, timescale=dt.date(2009, 1, 1), what="Run the audit")
    done = RecommendationFactory(review=scr, themes=[neglect], text="Train the duty team.")
    ActionFactory(recommendation=done, current_rag="complete", what="Hold the training")
    jtai = ReviewFactory(board=board, kind="jtai", title="The joint inspection")
    RecommendationFactory(
        review=jtai, kind="area_for_improvement", themes=[neglect], text="Share plans sooner."
    )
    FindingFactory(
        review=jtai, kind="strength", themes=[neglect], summary="Strong early help offer."
    )
    FindingFactory(
        review=jtai,
        kind="judgement",
        judgement="inadequate",
        themes=[neglect],
        summary="Neglect spotted late.",
    )
    RecommendationFactory(
        review=jtai,
        themes=[neglect],
        text="A withdrawn requirement.",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Duplicated",
    )
    RecommendationFactory(
        review=ReviewFactory(board=other_board, kind="scr"),
        themes=[neglect],
        text="Another board's requirement.",
    )
    if outcomes_available():
        from tests.workplans.factories import OutcomeFactory, WorkplanFactory

        OutcomeFactory(
            workplan=WorkplanFactory(board=board), title="Reduce repeat neglect plans"
        ).themes.add(neglect)


def test_a_themes_address_alone_lists_everything_on_the_theme(client, bob, board, tagged):
    client.force_login(bob)
    response = client.get(reverse("reviews:theme_items", args=[board.slug, "neglect"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Everything on this theme" in page
    for text in (
        "Audit neglect cases.",
        "Train the duty team.",  # complete, still listed under "all"
        "Share plans sooner.",
        "Strong early help offer.",  # a strength is listed under "all"
        "Neglect spotted late.",
    ):
        assert text in page, text
    if outcomes_available():
        assert "Reduce repeat neglect plans" in page
    assert "A withdrawn requirement." not in page
    assert "Another board&#x27;s requirement." not in page


def test_the_everything_page_narrows_to_open_or_overdue(client, bob, board, tagged):
    client.force_login(bob)
    base = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    open_page = client.get(f"{base}?state=open").content.decode()
    assert "Audit neglect cases." in open_page and "Share plans sooner." in open_page
    assert "Train the duty team." not in open_page
    assert "Neglect spotted late." in open_page and "Strong early help offer." not in open_page
    overdue = client.get(f"{base}?state=overdue").content.decode()
    assert "Audit neglect cases." in overdue
    assert "Share plans sooner." not in overdue  # no action, so no timescale passed
    assert "Neglect spotted late." not in overdue  # findings carry no due date
    assert client.get(f"{base}?state=later").status_code == 404
    assert client.get(reverse("reviews:theme_items", args=[board.slug, "no-such"])).status_code == (
        404
    )


def test_the_themes_page_links_each_theme_to_everything_on_it(client, bob, board, tagged):
    client.force_login(bob)
    page = client.get(reverse("reviews:themes", args=[board.slug])).content.decode()
    base = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    assert f'<a class="govuk-link" href="{base}">Neglect</a>' in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    # Same-page anchors and fragments say nothing about the address itself.
    return [urljoin(url, href).split("#")[0] for href in parser.hrefs if not href.startswith("#")]


# Downloads and files: their links are checked by their own apps' tests.
SKIP = re.compile(r"\.(xlsx|csv|pdf)$|/download/|/evidence/")


@pytest.mark.django_db
def test_every_link_to_a_theme_address_on_the_boards_pages_opens(client, monkeypatch):
    from reporting.tasks import render_quarterly_report

    # The demo asks for a report; this test never opens it, so it is left queued.
    monkeypatch.setattr(render_quarterly_report, "apply_async", lambda *a, **k: None)
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="officer"))
    board_root = "/boards/hartlepool/"
    themes_root = f"{board_root}reviews/themes/"
    to_visit, seen, theme_links = [board_root], {board_root}, set()
    status: dict[str, int] = {}
    while to_visit:
        url = to_visit.pop()
        response = client.get(url)
        status[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(url, response.content.decode()):
            path = urlsplit(link).path
            if path.startswith(themes_root) and path != themes_root:
                theme_links.add(link)
            # Every address on the board once; query strings only on theme addresses, so the
            # walk does not wander through every filter and page of every list.
            follow = path.startswith(board_root) and not SKIP.search(path)
            if follow and ("?" not in link or path.startswith(themes_root)) and link not in seen:
                seen.add(link)
                to_visit.append(link)
    assert status[board_root] == 200
    broken = {link: status[link] for link in theme_links if status[link] != 200}
    assert broken == {}
    # The walk found every kind there is: the whole theme, one source in one state, and
    # the reviews that raised it.
    assert any("?" not in link for link in theme_links)
    assert any("source=" in link for link in theme_links)
    assert any("state=repeated" in link for link in theme_links)
    assert len(seen) > 50


@pytest.fixture
def many(board, neglect):
    """25 open recommendations on neglect (more than the page of everything shows), then
    30 complete ones: 55 in all, more than one page of a single list."""
    review = ReviewFactory(board=board, kind="scr", title="The long review")
    for number in range(1, 56):
        rec = RecommendationFactory(
            review=review, number=number, themes=[neglect], text=f"Step number {number}."
        )
        rag = "off_track" if number <= 25 else "complete"
        ActionFactory(recommendation=rec, current_rag=rag, what=f"Do step {number}")


def test_everything_on_a_theme_shows_the_first_of_each_source_and_links_to_the_rest(
    client, bob, board, many
):
    client.force_login(bob)
    base = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    page = client.get(base).content.decode()
    assert "The first 20 of 55." in page
    assert 'href="?source=recommendations&amp;state=all">All 55' in page
    assert "Step number 20." in page and "Step number 21." not in page
    open_page = client.get(f"{base}?state=open").content.decode()
    # Counted by the database with the same rule as the themes page: complete ones are out.
    assert "The first 20 of 25." in open_page
    assert 'All 25<span class="govuk-visually-hidden"> open requirements and' in open_page


def test_one_sources_list_comes_a_page_at_a_time(client, bob, board, many):
    client.force_login(bob)
    base = reverse("reviews:theme_items", args=[board.slug, "neglect"])
    first = client.get(f"{base}?source=recommendations&state=all").content.decode()
    assert "55 in all: 1 to 50 on this page." in first
    assert "Step number 50." in first and "Step number 51." not in first
    assert "source=recommendations&amp;state=all&amp;page=2" in first
    second = client.get(f"{base}?source=recommendations&state=all&page=2").content.decode()
    assert "55 in all: 51 to 55 on this page." in second
    assert "Step number 51." in second and "Step number 50." not in second
    assert "source=recommendations&amp;state=all&amp;page=1" in second
    # A page past the end shows the last; one list of a kind of review counts only its own.
    assert (
        "Step number 55."
        in client.get(f"{base}?source=recommendations&state=all&page=9").content.decode()
    )
    open_list = client.get(f"{base}?source=case_reviews&state=open").content.decode()
    assert "25 in all." in open_list
    assert "0 in all." in client.get(f"{base}?source=inspections&state=all").content.decode()


def test_the_reviews_that_raised_a_theme_come_twenty_a_page(client, bob, board, neglect):
    for i in range(25):
        review = ReviewFactory(
            board=board, title=f"Review {i:02d}", start_date=dt.date(2008, 1, 1) + dt.timedelta(i)
        )
        RecommendationFactory(review=review, themes=[neglect], text=f"Raised in {i:02d}.")
    FindingFactory(
        review=ReviewFactory(board=board, title="Review 25", start_date=dt.date(2009, 1, 1)),
        kind="area_for_improvement",
        themes=[neglect],
        summary="A concern alone.",
    )
    client.force_login(bob)
    url = reverse("reviews:theme_items", args=[board.slug, "neglect"]) + "?state=repeated"
    first = client.get(url).content.decode()
    assert "Raised by 26 reviews and inspections" in first
    assert "1 to 20 on this page" in first
    assert "Raised in 19." in first and "Raised in 20." not in first
    assert "?state=repeated&amp;page=2" in first
    second = client.get(f"{url}&page=2").content.decode()
    assert "Raised by 26 reviews and inspections" in second
    assert "Raised in 20." in second and "A concern alone." in second
    assert "Raised in 19." not in second
