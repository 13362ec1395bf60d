"""Browser journey, from the demo as loaded: an officer plans a meeting of the Quality and
Performance subgroup called at short notice, publishes its agenda (one item taken in
private, with a paper) giving the reason it is late, which asks for its agenda packs,
watched going from queued to ready; records attendance with the quorum shown and a
declaration of interest, marks it held, writes the minutes with two decisions that become
actions on the board's open actions and on their owner's own list, then prepares the
members' minutes, watched the same way. The public pack's text leaves the private item
out, naming only its paragraph.
axe-core checks every page on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

SUBGROUP = "Quality and Performance"
DECISIONS = [
    "Audit a sample of neglect referrals from every locality by the spring.",
    "Report the audit's findings on neglect referrals to the board.",
]
OWNER = "Det Supt Owen Raine, Cleveland Police"


def _submit(page, name: str) -> None:
    page.locator("#main-content").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _attendee(page, name: str, answer: str) -> None:
    page.get_by_role("group", name=re.compile(f"^{name}")).get_by_label(answer, exact=True).check()


@pytest.fixture
def subgroup_rules(demo):
    """The subgroup's terms of reference, as an admin enters them: three voting seats (its
    chair from the demo, and two agency representatives given here) and a quorum of two."""
    from boards.models import Board, Constitution, Membership, Person, Role

    board = Board.objects.get(slug="hartlepool")
    subgroup = board.subgroups.get(name=SUBGROUP)
    Constitution.objects.create(
        board=board, subgroup=subgroup, source="the subgroup's terms of reference", quorum=2
    )
    start = dt.date.today() - dt.timedelta(days=30)
    for name in ("Det Supt Owen Raine", "Dr Helen Marsh"):
        person = Person.objects.get(name=name)
        Membership.objects.create(
            person=person,
            board=board,
            subgroup=subgroup,
            role=Role.AGENCY_REPRESENTATIVE,
            voting=True,
            agency=person.agency,
            term_start=start,
            induction_completed=start,
        )
    return subgroup


@pytest.fixture
def worker(monkeypatch):
    """The render queue, held: a request shows as queued until the test runs the worker.
    The meeting page looks for news every second rather than every ten."""
    from boards import meeting_views
    from reporting.tasks import render_meeting_pack

    monkeypatch.setattr(meeting_views, "REFRESH_SECONDS", 1)
    sent: list[int] = []
    monkeypatch.setattr(render_meeting_pack, "delay", lambda pack_id: sent.append(pack_id))

    def run() -> None:
        while sent:
            render_meeting_pack.apply(args=(sent.pop(0),))

    return run


def _prepare(page, button: str, label: str, worker) -> str:
    """Ask for a PDF and watch it made (see `_watch`)."""
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    return _watch(page, label, worker)


def _watch(page, label: str, worker) -> str:
    """See a PDF queued; run the worker and see the page update itself to ready,
    announcing it, without a reload. Return the download link's address."""
    row = page.locator("#meeting-parts .govuk-summary-list__row", has_text=label)
    expect(row).to_contain_text("Queued")
    assert page.locator("[data-refresh-seconds]").count() == 1
    check_accessibility(page, f"meeting page, {label.lower()} queued")
    worker()
    expect(row).to_contain_text("Ready", timeout=15_000)
    expect(page.locator("#meeting-parts-news")).to_contain_text(f"{label}: Ready")
    expect(page.locator("[data-refresh-seconds]")).to_have_count(0)
    link = row.get_by_role("link", name=re.compile(f"^Download the {label.lower()}"))
    expect(link).to_be_visible()
    return link.get_attribute("href")


def test_an_officer_runs_a_subgroup_meeting_from_agenda_to_public_pack(
    page, subgroup_rules, worker, tmp_path
):
    from tests.reporting.pack_factories import paper_pdf, pdf_text

    today = dt.date.today()
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/meetings/")
    check_accessibility(page, "meetings")

    # Plan: today, called at short notice.
    page.get_by_role("link", name="Plan a meeting").click()
    page.get_by_label("Which body meets").select_option(label=SUBGROUP)
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Place", exact=True).fill("Civic Centre, Committee Room B")
    _submit(page, "Save meeting")
    expect(page.locator("h1")).to_have_text(f"{SUBGROUP}, {today.day} {today:%B %Y}")
    expect(page.locator(".govuk-caption-l")).to_have_text("Planned")

    # The agenda: an item in public with a paper, and one in private under paragraph 1
    # with a paper of its own.
    papers = {
        "neglect-referrals.pdf": "Neglect referrals by locality",
        "family-chronology.pdf": "Chronology of the family at the centre of the audit",
    }
    for name, words in papers.items():
        (tmp_path / name).write_bytes(paper_pdf(words))
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Neglect referrals, the quarter's figures")
    _submit(page, "Add item")
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("A family's case from the multi-agency audit")
    page.get_by_label("1. Information relating to any individual").check()
    _submit(page, "Add item")
    for number, name in enumerate(papers, start=1):
        page.get_by_role("link", name=f"Attach a paper to item {number}").click()
        page.get_by_label("Paper").set_input_files(str(tmp_path / name))
        _submit(page, "Attach paper")
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_text("Schedule 12A, paragraph 1.")).to_be_visible()
    check_accessibility(page, "subgroup meeting, planned")

    # Published on the day: late, so the reason is asked for and kept.
    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_text("The agenda is late.")).to_be_visible()
    check_accessibility(page, "publish a late agenda")
    page.get_by_label("Why is the agenda late?").fill("The audit finished yesterday.")
    _submit(page, "Publish the agenda")
    expect(page.locator(".govuk-caption-l")).to_have_text("Agenda published")
    expect(page.get_by_text("Reason: The audit finished yesterday.")).to_be_visible()
    # Publishing asked for the public and members' packs, without the officer asking.
    public_pack = _watch(page, "Public agenda pack", worker)
    expect(
        page.locator("#meeting-parts .govuk-summary-list__row", has_text="Members' agenda pack")
    ).to_contain_text("Ready")

    # Before it starts: one apology leaves two of three voting members expected, a quorum.
    page.get_by_role("link", name="Record attendance").click()
    check_accessibility(page, "record attendance")
    _attendee(page, "Dr Helen Marsh", "Apologies")
    _submit(page, "Save attendance")
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("2 voting members of 3")
    expect(quorum).to_contain_text("2 voting members expected after apologies")

    # At the meeting: the chair and the police representative are there.
    page.get_by_role("link", name="Record attendance").click()
    _attendee(page, "Fiona Tait", "Present")
    _attendee(page, "Det Supt Owen Raine", "Present")
    _submit(page, "Save attendance")
    expect(quorum).to_contain_text("2 voting members present or represented: Quorate")

    page.get_by_role("link", name="Record a declaration").click()
    check_accessibility(page, "record a declaration")
    page.get_by_label("Who declared it").select_option(label="Fiona Tait")
    page.get_by_label("Agenda item (optional)").select_option(
        label="2. A family's case from the multi-agency audit"
    )
    page.get_by_label("The interest").fill("Her service holds the family's health records.")
    _submit(page, "Record declaration")
    expect(page.locator("#declarations + ul")).to_contain_text("Fiona Tait (item 2, ")

    page.get_by_role("link", name="Mark as held").click()
    expect(page.locator("#quorum")).to_contain_text("Quorate")
    check_accessibility(page, "mark the meeting held")
    _submit(page, "Mark as held")
    expect(page.locator(".govuk-caption-l")).to_have_text("Held")

    # The minutes, and two decisions under the first item.
    page.get_by_role("link", name="Write the minutes").click()
    check_accessibility(page, "write the minutes")
    page.get_by_label("1. Neglect referrals, the quarter's figures").fill(
        "Referrals for neglect rose in two localities; the subgroup asked why."
    )
    _submit(page, "Save minutes")
    due = today + dt.timedelta(days=60)
    for what in DECISIONS:
        page.get_by_role("link", name="Record a decision under item 1").click()
        page.get_by_label("What was decided, and what will be done").fill(what)
        page.get_by_label("Owner").select_option(label=OWNER)
        page.get_by_label("Day").fill(str(due.day))
        page.get_by_label("Month").fill(str(due.month))
        page.get_by_label("Year").fill(str(due.year))
        _submit(page, "Record the decision")
        expect(page.get_by_text(what)).to_be_visible()
    check_accessibility(page, "subgroup meeting, minuted")

    page.get_by_role("link", name="All the board's open actions").first.click()
    for what in DECISIONS:
        expect(page.locator("tr", has_text=what)).to_contain_text(f"{today:%-d %B %Y}, item 1")
    check_accessibility(page, "open actions")
    page.go_back()
    page.wait_for_load_state()

    # The public agenda pack made on publishing, and the members' minutes asked for now.
    response = page.request.get(public_pack)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(pdf_text(response.body())).split())
    assert "Neglect referrals by locality" in text
    assert "Item 2 is taken in private: paragraph 1 of Schedule 12A" in text
    assert "Chronology" not in text and "A family's case" not in text

    href = _prepare(page, "Prepare the members' minutes", "Members' minutes", worker)
    minutes = " ".join(" ".join(pdf_text(page.request.get(href).body())).split())
    assert "Referrals for neglect rose in two localities" in minutes
    assert all(what in minutes for what in DECISIONS)
    assert "Her service holds the family's health records." in minutes
    check_accessibility(page, "subgroup meeting, pack and minutes ready")

    # The owner finds both decisions on their own list.
    page.context.clear_cookies()
    sign_in(page, "member")
    page.goto("/boards/hartlepool/workplans/my-updates/")
    for what in DECISIONS:
        expect(page.get_by_text(what)).to_be_visible()
    check_accessibility(page, "my updates due, with the decisions")
