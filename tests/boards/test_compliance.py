"""Each constitution rule, and the demo adoption panel's breaches from the 2008 inspection."""

import datetime as dt

import pytest
from django.core.management import call_command

from boards.compliance import check_board, check_constitution
from boards.models import (
    Constitution,
    EligibilityExclusion,
    Employment,
    Meeting,
    Person,
    Role,
    RoleRule,
    Subgroup,
)
from boards.selectors import board_page
from boards.services import meeting_record_attendance
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory, SubgroupFactory

TODAY = dt.date(2026, 6, 1)
START = dt.date(2025, 4, 1)
END = dt.date(2028, 3, 31)


@pytest.fixture
def panel(board):
    return SubgroupFactory(board=board, name="Adoption Panel", kind=Subgroup.Kind.PANEL)


@pytest.fixture
def rules(board, panel):
    return Constitution.objects.create(board=board, subgroup=panel)


def seat(panel, role, **kw):
    kw.setdefault("term_start", START)
    kw.setdefault("term_end", END)
    kw.setdefault("voting", role != Role.ADVISER)
    return MembershipFactory(board=panel.board, subgroup=panel, role=role, **kw)


def messages(rules, kind=None):
    findings = check_constitution(rules, TODAY)
    # The board page checks all of a board's constitutions at once, from rows it has read
    # for the whole board (its current places and every term ever held): it must find
    # exactly the same.
    assert dict(check_board(rules.board, TODAY))[rules] == findings
    assert dict(board_page(rules.board, TODAY).compliance)[rules] == findings
    return [f.message for f in findings if kind in (None, f.kind)]


def test_no_rules_no_findings(rules, panel):
    seat(panel, Role.CHAIR)
    assert messages(rules) == []


def test_maximum_size_counts_members_but_not_advisers(rules, panel):
    rules.max_size = 2
    rules.save()
    seat(panel, Role.CHAIR)
    seat(panel, Role.PROFESSIONAL)
    seat(panel, Role.ADVISER)
    assert messages(rules) == []
    seat(panel, Role.PROFESSIONAL)
    assert messages(rules) == ["Adoption Panel has 3 members; its constitution allows at most 2."]


def test_required_role_missing_is_a_breach_and_a_vacancy(rules, panel):
    RoleRule.objects.create(constitution=rules, role=Role.VICE_CHAIR, min_count=1, max_count=1)
    assert messages(rules, "breach") == ["Adoption Panel needs at least 1 vice chair and has 0."]
    assert messages(rules, "vacancy") == ["Vice chair seat 1 of 1 on Adoption Panel is vacant."]


def test_too_many_in_a_role_is_a_breach(rules, panel):
    RoleRule.objects.create(constitution=rules, role=Role.ELECTED_MEMBER, max_count=1)
    seat(panel, Role.ELECTED_MEMBER)
    assert messages(rules) == []
    seat(panel, Role.ELECTED_MEMBER)
    assert messages(rules) == [
        "Adoption Panel has 2 elected members but the rules allow at most 1."
    ]


def test_established_seats_show_each_vacancy(rules, panel):
    RoleRule.objects.create(constitution=rules, role=Role.INDEPENDENT_PERSON, min_count=3, seats=4)
    seat(panel, Role.INDEPENDENT_PERSON)
    seat(panel, Role.INDEPENDENT_PERSON)
    seat(panel, Role.INDEPENDENT_PERSON)
    assert messages(rules, "breach") == []
    assert messages(rules, "vacancy") == [
        "Independent person seat 4 of 4 on Adoption Panel is vacant."
    ]


def test_past_and_future_members_are_not_counted(rules, panel):
    RoleRule.objects.create(constitution=rules, role=Role.CHAIR, min_count=1)
    seat(panel, Role.CHAIR, term_start=dt.date(2019, 1, 1), term_end=dt.date(2021, 12, 31))
    seat(panel, Role.CHAIR, term_start=dt.date(2027, 1, 1), term_end=dt.date(2029, 12, 31))
    assert "needs at least 1 chair and has 0" in messages(rules)[0]


def test_term_longer_than_the_limit_is_a_breach(rules, panel):
    rules.max_term_months = 36
    rules.save()
    seat(
        panel,
        Role.PROFESSIONAL,
        person=PersonFactory(name="Sam Long"),
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2028, 6, 30),
    )
    seat(panel, Role.PROFESSIONAL, person=PersonFactory(name="Kim Open"), term_end=None)
    seat(panel, Role.PROFESSIONAL, person=PersonFactory(name="Lee Fine"))
    found = messages(rules)
    assert (
        "Sam Long's term on Adoption Panel ends 30 June 2028; terms may last at most 3 years."
        in found
    )
    assert (
        "Kim Open's term on Adoption Panel has no end date; terms may last at most 3 years."
        in found
    )
    assert len(found) == 2


def test_more_than_the_maximum_number_of_terms_is_a_breach(rules, panel):
    rules.max_terms = 3
    rules.save()
    veteran = PersonFactory(name="Val Veteran")
    for year in (2016, 2019, 2022):
        seat(
            panel,
            Role.PROFESSIONAL,
            person=veteran,
            term_start=dt.date(year, 4, 1),
            term_end=dt.date(year + 3, 3, 31),
        )
    seat(panel, Role.PROFESSIONAL, person=veteran)
    assert messages(rules) == [
        "Val Veteran is serving term 4 on Adoption Panel; no one may serve more than 3 terms."
    ]


def test_recent_employee_of_childrens_services_cannot_be_an_independent_person(rules, panel):
    council = AgencyFactory(name="Northtown Council")
    EligibilityExclusion.objects.create(
        constitution=rules,
        role=Role.INDEPENDENT_PERSON,
        agency=council,
        department_contains="children",
        within_months=12,
        reason="employed by the authority's children's services within the last year",
    )
    recent = PersonFactory(name="Rita Recent")
    Employment.objects.create(
        person=recent,
        agency=council,
        department="Children and Families",
        start=dt.date(2010, 1, 1),
        end=dt.date(2024, 10, 31),
    )
    long_ago = PersonFactory(name="Lena Longago")
    Employment.objects.create(
        person=long_ago,
        agency=council,
        department="Children and Families",
        start=dt.date(2000, 1, 1),
        end=dt.date(2015, 3, 31),
    )
    elsewhere = PersonFactory(name="Ed Elsewhere")
    Employment.objects.create(
        person=elsewhere, agency=council, department="Highways", start=dt.date(2020, 1, 1)
    )
    for person in (recent, long_ago, elsewhere):
        seat(panel, Role.INDEPENDENT_PERSON, person=person)
    assert messages(rules) == [
        "Rita Recent may not sit on Adoption Panel as independent person: employed by the "
        "authority's children's services within the last year."
    ]


def test_the_board_wide_check_keeps_each_body_and_its_history_apart(board, rules, panel):
    """check_board reads every body's places, past seats and jobs at once: someone's terms
    and seats on one body must not count on another."""
    council = AgencyFactory(name="Northtown Council")
    on_board = Constitution.objects.create(board=board, max_terms=1)
    RoleRule.objects.create(constitution=on_board, role=Role.INDEPENDENT_CHAIR, min_count=1)
    rules.max_terms = 2
    rules.save()
    other = SubgroupFactory(board=board, name="Fostering Panel", kind=Subgroup.Kind.PANEL)
    fostering = Constitution.objects.create(board=board, subgroup=other)
    EligibilityExclusion.objects.create(
        constitution=fostering,
        role=Role.INDEPENDENT_PERSON,
        agency=council,
        within_months=12,
        reason="employed by the council within the last year",
    )
    veteran = PersonFactory(name="Val Veteran")
    MembershipFactory(
        board=board, person=veteran, term_start=dt.date(2019, 4, 1), term_end=dt.date(2022, 3, 31)
    )
    MembershipFactory(board=board, person=veteran, term_start=START, term_end=END)
    seat(panel, Role.PROFESSIONAL, person=veteran)
    recent = PersonFactory(name="Rita Recent")
    Employment.objects.create(
        person=recent, agency=council, start=dt.date(2010, 1, 1), end=dt.date(2026, 1, 31)
    )
    seat(panel, Role.INDEPENDENT_PERSON, person=recent)
    seat(other, Role.INDEPENDENT_PERSON, person=recent)

    found = {c.pk: [f.message for f in findings] for c, findings in check_board(board, TODAY)}
    on_page = board_page(board, TODAY).compliance
    assert {c.pk: [f.message for f in findings] for c, findings in on_page} == found
    assert found == {
        on_board.pk: [
            f"{board} needs at least 1 independent chair and has 0.",
            f"Independent chair seat 1 of 1 on {board} is vacant.",
            f"Val Veteran is serving term 2 on {board}; no one may serve more than 1 term.",
        ],
        rules.pk: [],
        fostering.pk: [
            "Rita Recent may not sit on Fostering Panel as independent person: employed by "
            "the council within the last year."
        ],
    }
    for constitution in (on_board, rules, fostering):
        assert [f.message for f in check_constitution(constitution, TODAY)] == found[
            constitution.pk
        ]


def test_quorum_counts_voting_members_present(rules, panel):
    rules.quorum = 2
    rules.save()
    chair = seat(panel, Role.CHAIR, term_start=dt.date(2008, 1, 1), term_end=None)
    prof = seat(panel, Role.PROFESSIONAL, term_start=dt.date(2008, 1, 1), term_end=None)
    adviser = seat(panel, Role.ADVISER, term_start=dt.date(2008, 1, 1), term_end=None)
    meeting = Meeting.objects.create(board=panel.board, subgroup=panel, date=dt.date(2009, 1, 5))
    meeting_record_attendance(
        meeting=meeting, present=[chair.person, adviser.person], apologies=[prof.person], by=None
    )
    assert meeting.quorum_met is False
    meeting_record_attendance(
        meeting=meeting, present=[chair.person, prof.person], apologies=[], by=None
    )
    assert meeting.quorum_met is True


@pytest.mark.django_db
def test_demo_adoption_panel_reproduces_the_inspection_findings():
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    panel = Subgroup.objects.get(name="Adoption Panel")
    findings = check_constitution(panel.constitution)
    breaches = [f.message for f in findings if f.is_breach]
    vacancies = [f.message for f in findings if f.kind == "vacancy"]
    assert "Adoption Panel has 2 elected members but the rules allow at most 1." in breaches
    assert vacancies == [
        "Independent person seat 3 of 4 on Adoption Panel is vacant.",
        "Independent person seat 4 of 4 on Adoption Panel is vacant.",
    ]
    # The two councillors are not independent persons, so the exclusion does not catch them.
    assert not any("may not sit" in b for b in breaches)
    assert Person.objects.filter(name__startswith="Cllr").count() >= 2
    for constitution, on_board_page in check_board(panel.board):
        assert on_board_page == check_constitution(constitution)
