"""Journeys on the board pages and in the admin, checked with axe-core on every page."""

import datetime as dt

from tests.browser.conftest import check_accessibility, screenshot, sign_in


def test_member_signs_in_and_reads_the_board(page):
    page.goto("/")
    assert "/login/" in page.url
    check_accessibility(page, "sign in")
    screenshot(page, "sign-in")
    sign_in(page, "member")
    # The demo's member sits on one board, so signing in lands on it.
    assert page.locator("h1").inner_text() == "Hartlepool Local Safeguarding Children Board"
    assert page.get_by_text("Constitution check").first.is_visible()
    check_accessibility(page, "board")
    screenshot(page, "board")


def test_admin_adds_a_membership_that_breaks_a_panel_rule_and_sees_the_warning(page):
    sign_in(page, "admin")
    page.goto("/admin/boards/membership/add/")
    # Autocomplete widgets need typing; use the plain person id field behind them.
    from boards.models import Board, Person, Subgroup

    person = Person.objects.create(name="Cllr Newly Appointed")
    board = Board.objects.get(slug="hartlepool")
    panel = Subgroup.objects.get(name="Adoption Panel")
    page.evaluate(
        """([personId, personName]) => {
            const select = document.querySelector('#id_person');
            select.add(new Option(personName, personId, true, true));
        }""",
        [str(person.pk), person.name],
    )
    page.locator("#id_board").select_option(str(board.pk))
    page.locator("#id_subgroup").select_option(str(panel.pk))
    page.locator("#id_role").select_option("elected_member")
    page.locator("#id_term_start").fill(dt.date.today().isoformat())
    page.locator("#id_term_end").fill((dt.date.today() + dt.timedelta(days=700)).isoformat())
    check_accessibility(page, "admin add membership")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    warning = page.get_by_text("Constitution breach: Adoption Panel has 3 elected members")
    assert warning.is_visible()
    check_accessibility(page, "admin membership list with the warning")
    screenshot(page, "admin-membership-warning")


def test_officer_filters_the_activity_log_by_person(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    page.get_by_role("link", name="Activity").click()
    assert page.locator("h1").inner_text() == "Activity"
    check_accessibility(page, "activity")
    screenshot(page, "activity")
    page.get_by_label("Who").select_option(label="Adrienne Castleton")
    page.get_by_role("button", name="Apply filters").click()
    assert "Approved LSCB workplan 2008/09" in page.locator("table").inner_text()
    assert "Added “" not in page.locator("table").inner_text()
    check_accessibility(page, "activity, filtered")
