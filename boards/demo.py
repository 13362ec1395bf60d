"""Demo board modelled on Hartlepool's LSCB in 2008/09, in our own words."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from boards.models import (
    Access,
    Agency,
    Board,
    Constitution,
    EligibilityExclusion,
    Employment,
    Meeting,
    Membership,
    Person,
    Role,
    RoleRule,
    Sector,
    Subgroup,
    Theme,
)
from boards.services import meeting_record_attendance

PASSWORD = "demo"  # noqa: S105  # nosec B105 - printed for the demo only

AGENCIES = [
    ("Hartlepool Borough Council", Sector.LOCAL_AUTHORITY),
    ("Cleveland Police", Sector.POLICE),
    ("Hartlepool Primary Care Trust", Sector.HEALTH),
    ("North Tees and Hartlepool NHS Foundation Trust", Sector.HEALTH),
    ("Tees Esk and Wear Valleys NHS Trust", Sector.HEALTH),
    ("Durham Tees Valley Probation", Sector.PROBATION),
    ("Hartlepool Schools Forum", Sector.EDUCATION),
    ("Hartlepool Voluntary Development Agency", Sector.VOLUNTARY),
    ("Cafcass", Sector.OTHER),
]

SUBGROUPS = [
    (
        "Practice, Policy and Procedure",
        Subgroup.Kind.STANDING,
        "Writes and keeps up to date the multi-agency safeguarding procedures.",
    ),
    (
        "Quality and Performance",
        Subgroup.Kind.STANDING,
        "Audits practice and watches the safeguarding dataset for the board.",
    ),
    (
        "Training",
        Subgroup.Kind.STANDING,
        "Plans and quality-assures multi-agency safeguarding training.",
    ),
    (
        "Serious Case Review Panel",
        Subgroup.Kind.PANEL,
        "Meets when a child dies or is seriously harmed and abuse or neglect is suspected, "
        "and decides whether a review is needed.",
    ),
    (
        "Adoption Panel",
        Subgroup.Kind.PANEL,
        "Recommends on adoption plans and approvals under the Adoption Agencies Regulations 2005.",
    ),
]

THEMES = [
    ("Neglect", "neglect"),
    ("Domestic abuse", "domestic-abuse"),
    ("Child sexual exploitation", "child-sexual-exploitation"),
    ("Multi-agency working", "multi-agency-working"),
    ("Information sharing", "information-sharing"),
    ("Workforce and training", "workforce-training"),
    ("Voice of the child", "voice-of-the-child"),
    ("Policy and procedures", "policy-procedures"),
    ("Quality assurance and performance", "quality-assurance"),
    ("Child deaths", "child-deaths"),
    ("Adoption and permanence", "adoption-permanence"),
    ("Safer recruitment", "safer-recruitment"),
    ("Early help", "early-help"),
    ("Private fostering", "private-fostering"),
]

# username, name, job, agency, role on the board, access, voting
LOGINS = [
    (
        "chair",
        "Adrienne Castleton",
        "Director of Children's Services",
        "Hartlepool Borough Council",
        Role.CHAIR,
        Access.CHAIR,
        True,
    ),
    (
        "officer",
        "Kieran Holloway",
        "LSCB Development Officer",
        "Hartlepool Borough Council",
        Role.OFFICER,
        Access.OFFICER,
        False,
    ),
    (
        "portfolio",
        "Cllr Marian Fenwick",
        "Children's Services Portfolio Holder",
        "Hartlepool Borough Council",
        Role.OBSERVER,
        Access.PORTFOLIO,
        False,
    ),
    (
        "member",
        "Det Supt Owen Raine",
        "Head of Public Protection",
        "Cleveland Police",
        Role.AGENCY_REPRESENTATIVE,
        Access.MEMBER,
        True,
    ),
]

BOARD_REPS = [
    ("Dr Helen Marsh", "Designated Doctor for Safeguarding", "Hartlepool Primary Care Trust"),
    (
        "Fiona Tait",
        "Named Nurse for Safeguarding",
        "North Tees and Hartlepool NHS Foundation Trust",
    ),
    ("Graham Pybus", "Assistant Chief Officer", "Durham Tees Valley Probation"),
    ("Sandra Ellwood", "Head Teacher", "Hartlepool Schools Forum"),
    ("Peter Lowes", "Chief Executive", "Hartlepool Voluntary Development Agency"),
    ("Yvonne Brack", "Service Manager", "Cafcass"),
    ("Colin Strand", "Head of Safeguarding and Review", "Hartlepool Borough Council"),
    ("Dr Ruth Ibbotson", "Clinical Director", "Tees Esk and Wear Valleys NHS Trust"),
]


def _term() -> tuple[dt.date, dt.date]:
    """Three-year terms that are current whenever the demo is loaded.

    The workplans and reports describe 2008/09, but memberships must be live today or no
    one could sign in to see them.
    """
    today = dt.date.today()
    start = dt.date(today.year - 1 if today.month >= 4 else today.year - 2, 4, 1)
    return start, dt.date(start.year + 3, 3, 31)


TERM_START, TERM_END = _term()


def _user(username: str, name: str, *, superuser: bool = False):
    User = get_user_model()
    first, _, last = name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(PASSWORD)
        user.is_staff = user.is_superuser = superuser
        user.save()
    return user


def _person(name: str, job: str, agency: Agency | None, user=None) -> Person:
    person, _ = Person.objects.get_or_create(
        name=name, defaults={"job_title": job, "agency": agency, "user": user}
    )
    return person


def _seat(
    person,
    board,
    role,
    *,
    subgroup=None,
    access=Access.MEMBER,
    voting=True,
    title="",
    agency=None,
    start=TERM_START,
    end=None,
    inducted=True,
) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        person=person,
        board=board,
        subgroup=subgroup,
        role=role,
        defaults={
            "term_start": start,
            "access": access,
            "voting": voting,
            "title": title,
            "agency": agency or person.agency,
            "term_end": end,
            "induction_completed": start if inducted else None,
        },
    )
    return membership


def load(context: dict) -> None:
    agencies = {
        name: Agency.objects.get_or_create(name=name, defaults={"sector": sector})[0]
        for name, sector in AGENCIES
    }
    council = agencies["Hartlepool Borough Council"]
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})

    board, _ = Board.objects.get_or_create(
        slug="hartlepool",
        defaults={"name": "Hartlepool Local Safeguarding Children Board", "area": "Hartlepool"},
    )
    subgroups = {
        name: Subgroup.objects.get_or_create(
            board=board, name=name, defaults={"kind": kind, "remit": remit}
        )[0]
        for name, kind, remit in SUBGROUPS
    }

    admin = _user("admin", "Dana Whitfield", superuser=True)
    _person("Dana Whitfield", "LSCB Business Support", council, admin)
    logins = [("admin", "admin: manages boards and membership in /admin/")]
    people: dict[str, Person] = {}
    for username, name, job, agency, role, access, voting in LOGINS:
        user = _user(username, name)
        person = _person(name, job, agencies[agency], user)
        people[username] = person
        _seat(person, board, role, access=access, voting=voting, title=job, end=TERM_END)
        logins.append((username, f"{access}: {name}, {job}"))

    for i, (name, job, agency) in enumerate(BOARD_REPS):
        person = _person(name, job, agencies[agency])
        # Staggered terms so some end soon and show on the board page.
        end = dt.date.today() + dt.timedelta(days=45) if i == 0 else TERM_END
        _seat(person, board, Role.AGENCY_REPRESENTATIVE, title=job, end=end)

    # The officer chairs no subgroup but sits on each standing one; a subgroup chair has
    # officer access for that subgroup's outcomes.
    subgroup_chairs = {
        "Practice, Policy and Procedure": "Colin Strand",
        "Quality and Performance": "Fiona Tait",
        "Training": "Sandra Ellwood",
        "Serious Case Review Panel": "Dr Helen Marsh",
    }
    for sg_name, chair_name in subgroup_chairs.items():
        _seat(
            Person.objects.get(name=chair_name),
            board,
            Role.CHAIR,
            subgroup=subgroups[sg_name],
            access=Access.OFFICER,
            end=TERM_END,
        )
        _seat(
            people["officer"],
            board,
            Role.OFFICER,
            subgroup=subgroups[sg_name],
            access=Access.OFFICER,
            voting=False,
            end=TERM_END,
        )

    board_rules, _ = Constitution.objects.get_or_create(
        board=board,
        subgroup=None,
        defaults={"source": "the board's terms of reference", "max_size": 30, "quorum": 6},
    )
    RoleRule.objects.get_or_create(
        constitution=board_rules, role=Role.CHAIR, defaults={"min_count": 1, "max_count": 1}
    )
    RoleRule.objects.get_or_create(
        constitution=board_rules, role=Role.AGENCY_REPRESENTATIVE, defaults={"min_count": 6}
    )

    _adoption_panel(board, subgroups["Adoption Panel"], council)
    _meetings(board)

    context.update(
        board=board,
        agencies=agencies,
        subgroups=subgroups,
        people=people,
        password=PASSWORD,
        users={u: people[u].user for u in people} | {"admin": admin},
        logins=logins,
    )


def _adoption_panel(board: Board, panel: Subgroup, council: Agency) -> None:
    rules, created = Constitution.objects.get_or_create(
        board=board,
        subgroup=panel,
        defaults={
            "source": "the Adoption Agencies Regulations 2005, regulation 3",
            "max_size": 10,
            "max_term_months": 36,
            "max_terms": 3,
        },
    )
    if created:
        for role, low, high, seats in [
            (Role.CHAIR, 1, 1, None),
            (Role.VICE_CHAIR, 1, 1, None),
            (Role.PROFESSIONAL, 2, None, None),
            (Role.ELECTED_MEMBER, 1, 1, None),
            (Role.INDEPENDENT_PERSON, 3, None, 4),
        ]:
            RoleRule.objects.create(
                constitution=rules, role=role, min_count=low, max_count=high, seats=seats
            )
        EligibilityExclusion.objects.create(
            constitution=rules,
            role=Role.INDEPENDENT_PERSON,
            agency=council,
            department_contains="children",
            within_months=12,
            reason="employed by the authority's children's services within the last year",
        )
        EligibilityExclusion.objects.create(
            constitution=rules,
            role=Role.INDEPENDENT_PERSON,
            agency=council,
            department_contains="elected members",
            within_months=12,
            reason="a member of the authority within the last year",
        )
    end = TERM_END
    seats = [
        ("Margaret Oakes", "Independent panel chair", None, Role.CHAIR, True),
        ("Lindsay Tunstall", "Team Manager", council, Role.VICE_CHAIR, True),
        ("Dr Anil Mehta", "Medical adviser", None, Role.PROFESSIONAL, True),
        ("Joanne Rowell", "Social worker", council, Role.PROFESSIONAL, True),
        ("Christine Hebburn", "Adopter", None, Role.INDEPENDENT_PERSON, True),
        ("Martin Seaton", "Adopted person", None, Role.INDEPENDENT_PERSON, True),
        ("Cllr Brian Atherley", "Councillor", council, Role.ELECTED_MEMBER, True),
        # The replacement councillor was named before the rules were enforced and has not
        # finished induction: two elected members where the regulations allow one.
        ("Cllr Susan Kerr", "Councillor (awaiting induction)", council, Role.ELECTED_MEMBER, False),
        ("Alan Greaves", "Legal adviser", council, Role.ADVISER, True),
        ("Patricia Moody", "Panel adviser, Placement Team Manager", council, Role.ADVISER, True),
    ]
    for name, title, agency, role, inducted in seats:
        person = _person(name, title, agency)
        _seat(
            person,
            board,
            role,
            subgroup=panel,
            title=title,
            agency=agency,
            voting=role != Role.ADVISER,
            end=end,
            inducted=inducted,
        )
    for name in ("Cllr Brian Atherley", "Cllr Susan Kerr"):
        Employment.objects.get_or_create(
            person=Person.objects.get(name=name),
            agency=council,
            department="Elected members",
            defaults={"start": dt.date(2004, 5, 1)},
        )


def _meetings(board: Board) -> None:
    if board.meetings.exists():
        return
    reps = list(
        Membership.objects.filter(board=board, subgroup__isnull=True).select_related("person")
    )
    for date, venue in [
        (dt.date(2008, 10, 15), "Civic Centre, Committee Room B"),
        (dt.date(2009, 1, 14), "Development day, Hartlepool Maritime Experience"),
    ]:
        meeting = Meeting.objects.create(board=board, date=date, venue=venue)
        present = [m.person for m in reps[:-2]]
        apologies = [m.person for m in reps[-2:]]
        meeting_record_attendance(meeting=meeting, present=present, apologies=apologies, by=None)
