"""What the board page shows: members by role, terms ending soon, subgroups and the check."""

import datetime as dt
import re

from django.urls import reverse

from boards.models import Constitution, Role, RoleRule, Subgroup
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory, SubgroupFactory

TODAY = dt.date.today()


def seat(board, name, role=Role.AGENCY_REPRESENTATIVE, **kw):
    kw.setdefault("voting", role not in {Role.ADVISER, Role.OFFICER, Role.OBSERVER})
    return MembershipFactory(
        board=board, person=PersonFactory(name=name, agency=None), role=role, **kw
    )


def page(client, user, board) -> str:
    client.force_login(user)
    response = client.get(reverse("boards:detail", args=[board.slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def in_order(html: str, *texts: str) -> bool:
    """Each text is in the page, after the one before it."""
    at = 0
    for text in texts:
        at = html.find(text, at)
        if at == -1:
            return False
        at += len(text)
    return True


def section(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find('<h2 class="govuk-heading-l"', start + 1)
    return html[start : end if end != -1 else None]


def test_members_are_listed_by_role_then_name_with_title_agency_and_vote(client, board, bob):
    police = AgencyFactory(name="Northtown Police")
    seat(board, "Zoe Zeal", agency=police, title="Detective Superintendent")
    seat(board, "Adam Able", agency=police)
    seat(board, "Ian Dependent", role=Role.INDEPENDENT_CHAIR)
    seat(board, "Ada Adviser", role=Role.ADVISER, title="Legal adviser")
    seat(board, "Pat Past", term_start=TODAY - dt.timedelta(days=900), term_end=TODAY)
    seat(
        board,
        "Olga Old",
        term_start=TODAY - dt.timedelta(days=900),
        term_end=TODAY - dt.timedelta(days=1),
    )
    seat(board, "Fay Future", term_start=TODAY + dt.timedelta(days=1))
    seat(board, "Sam Subgroup", subgroup=SubgroupFactory(board=board))
    members = section(page(client, bob, board), "Current members of the board")
    assert in_order(
        members,
        '<h3 class="govuk-heading-s">Independent chair</h3>',
        "<li>Ian Dependent</li>",
        '<h3 class="govuk-heading-s">Agency representative</h3>',
        "<li>Adam Able (Northtown Police)</li>",
        "<li>Pat Past</li>",  # the last day of a term still counts
        "<li>Zoe Zeal, Detective Superintendent (Northtown Police)</li>",
        '<h3 class="govuk-heading-s">Adviser (non-voting)</h3>',
        "<li>Ada Adviser, Legal adviser "
        '<span class="govuk-tag govuk-tag--grey">Non-voting</span></li>',
    )
    for absent in ("Olga Old", "Fay Future", "Sam Subgroup"):
        assert absent not in members


def test_terms_ending_within_ninety_days_soonest_first_naming_the_body(client, board, bob):
    retired = SubgroupFactory(board=board, name="Old Panel", active=False)
    seat(board, "Bea Board", term_end=TODAY + dt.timedelta(days=30))
    seat(
        board, "Pam Panel", role=Role.CHAIR, subgroup=retired, term_end=TODAY + dt.timedelta(days=3)
    )
    seat(board, "Len Later", term_end=TODAY + dt.timedelta(days=91))
    seat(board, "Ned Never", term_end=None)
    ending = section(page(client, bob, board), "Terms ending soon")
    assert in_order(
        ending,
        f"<li><strong>Pam Panel</strong>, chair on Old Panel: term ends "
        f"{(TODAY + dt.timedelta(days=3)):%-d %B %Y}</li>",
        f"<li><strong>Bea Board</strong>, agency representative on {board.name}: term ends "
        f"{(TODAY + dt.timedelta(days=30)):%-d %B %Y}</li>",
    )
    assert "Len Later" not in ending and "Ned Never" not in ending


def test_active_subgroups_in_kind_and_name_order_with_current_member_counts(client, board, bob):
    training = SubgroupFactory(board=board, name="Training")
    audit = SubgroupFactory(board=board, name="Audit")
    review = SubgroupFactory(board=board, name="Case Review Panel", kind=Subgroup.Kind.PANEL)
    SubgroupFactory(board=board, name="Dormant", active=False)
    for name in ("One", "Two"):
        seat(board, name, subgroup=training)
    seat(
        board,
        "Gone",
        subgroup=training,
        term_start=TODAY - dt.timedelta(days=900),
        term_end=TODAY - dt.timedelta(days=1),
    )
    seat(board, "Observer", role=Role.OBSERVER, subgroup=review)
    table = section(page(client, bob, board), "Subgroups and panels")
    numbers = r'<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    assert in_order(
        table,
        f'/subgroups/{review.pk}/">Case Review Panel</a>',
        "Ad hoc panel",
        numbers.format(1),
        f'/subgroups/{audit.pk}/">Audit</a>',
        "Standing subgroup",
        numbers.format(0),
        f'/subgroups/{training.pk}/">Training</a>',
        "Standing subgroup",
        numbers.format(2),
    )
    assert "Dormant" not in table


def test_constitution_check_on_the_page_covers_the_board_and_its_panels(client, board, bob):
    panel = SubgroupFactory(board=board, name="Adoption Panel", kind=Subgroup.Kind.PANEL)
    on_board = Constitution.objects.create(board=board, source="the partnership's terms")
    RoleRule.objects.create(constitution=on_board, role=Role.INDEPENDENT_CHAIR, min_count=1)
    Constitution.objects.create(board=board, subgroup=panel, max_size=1)
    seat(board, "Pam One", role=Role.CHAIR, subgroup=panel)
    seat(board, "Pam Two", role=Role.PROFESSIONAL, subgroup=panel)
    html = page(client, bob, board)
    assert "2 constitution breaches to resolve." in html
    check = section(html, "Constitution check")
    for text in (
        "Rules from the partnership&#x27;s terms.",
        f"{board.name} needs at least 1 independent chair and has 0.",
        f"Independent chair seat 1 of 1 on {board.name} is vacant.",
        "Adoption Panel has 2 members; its constitution allows at most 1.",
    ):
        assert text in check, text
