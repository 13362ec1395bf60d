"""Demo board modelled on Hartlepool's LSCB in 2008/09, read from boards/demo.yaml.

The data file says who and what the board is; this module makes the rows, finding each by
name first so a second load adds nothing, and works out the terms that keep seats current.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from boards.models import (
    Agency,
    Board,
    Constitution,
    EligibilityExclusion,
    Employment,
    Membership,
    Person,
    Role,
    RoleRule,
    Subgroup,
    Theme,
)
from boards.services import meeting_record_attendance
from boards.services import meetings as meetings_services
from boards.services.minutes import minutes_save
from lscb import demo_files

PASSWORD = "demo"  # noqa: S105  # nosec B105 - printed for the demo only

THEMES = [(t["name"], t["slug"]) for t in demo_files.read("boards")["themes"]]
# The end of the 2008/09 board's terms: any seat starting later is one of today's.
SEATS_THEN_END = demo_files.read("boards")["seats_2008"]["end"]


def terms(today: dt.date) -> tuple[dt.date, dt.date]:
    """Three-year terms around the day of loading: from the start of last financial year.

    The seats are the board's current ones; the 2008/09 records are its history.
    """
    start = demo_files.financial_year_start(today, -1)
    return start, dt.date(start.year + 3, 3, 31)


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


def _person(name: str, job: str, agency: Agency | None, user=None, email: str = "") -> Person:
    person, _ = Person.objects.get_or_create(
        name=name, defaults={"job_title": job, "agency": agency, "user": user, "email": email}
    )
    if email and not person.email:
        # A demo loaded before the person had an address gains it on the next load.
        Person.objects.filter(pk=person.pk).update(email=email)
        person.email = email
    return person


def _seat(
    person,
    board,
    role,
    *,
    subgroup=None,
    access="member",
    voting=True,
    title="",
    agency=None,
    start: dt.date,
    end=None,
    inducted=True,
) -> Membership:
    # Today's term only: the same seat's 2008/09 term (_seats_then) is a separate row.
    membership, _ = Membership.objects.filter(term_start__gt=SEATS_THEN_END).get_or_create(
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


def _constitution(board, subgroup, spec: dict, agencies: dict) -> None:
    fields = {k: v for k, v in spec.items() if k not in ("role_rules", "exclusions")}
    rules, created = Constitution.objects.get_or_create(
        board=board, subgroup=subgroup, defaults=fields
    )
    if subgroup is None:
        # The board's own rules are topped up one by one; a panel's are made once with it.
        for rule in spec["role_rules"]:
            rule = dict(rule)
            RoleRule.objects.get_or_create(constitution=rules, role=rule.pop("role"), defaults=rule)
        return
    if created:
        for rule in spec["role_rules"]:
            RoleRule.objects.create(constitution=rules, **rule)
        for exclusion in spec.get("exclusions", []):
            EligibilityExclusion.objects.create(
                constitution=rules, **{**exclusion, "agency": agencies[exclusion["agency"]]}
            )


def load(context: dict) -> None:
    # Read afresh so dates relative to today are today's, not the day the module was imported.
    today = context["today"]
    data = demo_files.read("boards", today)
    start, end = terms(today)
    agencies = {
        a["name"]: Agency.objects.get_or_create(name=a["name"], defaults={"sector": a["sector"]})[0]
        for a in data["agencies"]
    }
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})

    spec = data["board"]
    board, _ = Board.objects.get_or_create(
        slug=spec["slug"], defaults={"name": spec["name"], "area": spec["area"]}
    )
    subgroups = {
        s["name"]: Subgroup.objects.get_or_create(
            board=board, name=s["name"], defaults={"kind": s["kind"], "remit": s["remit"]}
        )[0]
        for s in data["subgroups"]
    }

    spec = data["admin"]
    admin = _user(spec["username"], spec["name"], superuser=True)
    _person(spec["name"], spec["job"], agencies[spec["agency"]], admin)
    logins = [("admin", "admin: manages boards and membership in /admin/")]
    people: dict[str, Person] = {}
    for login in data["logins"]:
        username, name, job, access = (login[k] for k in ("username", "name", "job", "access"))
        user = _user(username, name)
        person = _person(name, job, agencies[login["agency"]], user)
        people[username] = person
        _seat(
            person,
            board,
            login["role"],
            access=access,
            voting=login["voting"],
            title=job,
            start=start,
            end=end,
        )
        logins.append((username, f"{access}: {name}, {job}"))

    for rep in data["board_representatives"]:
        person = _person(
            rep["name"], rep["job"], agencies[rep["agency"]], email=rep.get("email", "")
        )
        _seat(
            person,
            board,
            Role.AGENCY_REPRESENTATIVE,
            title=rep["job"],
            start=start,
            end=rep.get("term_end", end),
        )

    for lay in data["lay_members"]:
        person = _person(lay["name"], "Lay member", None)
        person.public_name_consent_on = lay.get("agreed_to_be_named")
        person.save(update_fields=["public_name_consent_on"])
        _seat(person, board, Role.LAY_MEMBER, title="Lay member", start=start, end=end)
    for item in data["subgroup_chairs"]:
        subgroup = subgroups[item["subgroup"]]
        _seat(
            Person.objects.get(name=item["chair"]),
            board,
            Role.CHAIR,
            subgroup=subgroup,
            access="officer",
            start=start,
            end=end,
        )
        _seat(
            people["officer"],
            board,
            Role.OFFICER,
            subgroup=subgroup,
            access="officer",
            voting=False,
            start=start,
            end=end,
        )

    _constitution(board, None, data["constitution"], agencies)
    _adoption_panel(board, subgroups, agencies, data["adoption_panel"], (start, end))
    _seats_then(board, data["seats_2008"])
    _meetings(board, data["meetings"], data["current_meetings"], today)

    context.update(
        board=board,
        agencies=agencies,
        subgroups=subgroups,
        people=people,
        password=PASSWORD,
        users={u: people[u].user for u in people} | {"admin": admin},
        logins=logins,
    )


def _adoption_panel(
    board: Board, subgroups: dict, agencies: dict, spec: dict, term: tuple[dt.date, dt.date]
) -> None:
    panel = subgroups[spec["subgroup"]]
    _constitution(board, panel, spec["constitution"], agencies)
    for seat in spec["seats"]:
        agency = agencies[seat["agency"]] if seat.get("agency") else None
        person = _person(seat["name"], seat["title"], agency)
        _seat(
            person,
            board,
            seat["role"],
            subgroup=panel,
            title=seat["title"],
            agency=agency,
            voting=seat["role"] != Role.ADVISER,
            start=term[0],
            end=term[1],
            inducted=seat.get("inducted", True),
        )
    for job in spec["employments"]:
        Employment.objects.get_or_create(
            person=Person.objects.get(name=job["person"]),
            agency=agencies[job["agency"]],
            department=job["department"],
            defaults={"start": job["start"]},
        )


def _seats_then(board: Board, term: dict) -> None:
    """The board-level seats again, for the term that covered the seeds' 2008/09 meetings."""
    for seat in Membership.objects.filter(
        board=board, subgroup__isnull=True, term_start__gt=SEATS_THEN_END
    ):
        Membership.objects.get_or_create(
            person_id=seat.person_id,
            board=board,
            subgroup=None,
            role=seat.role,
            term_start=term["start"],
            defaults={
                "term_end": term["end"],
                "access": seat.access,
                "voting": seat.voting,
                "title": seat.title,
                "agency_id": seat.agency_id,
                "induction_completed": term["start"],
            },
        )


def _meetings(board: Board, history: list, current: list, today: dt.date) -> None:
    """The 2008/09 meetings, then this year's: those already held with their attendance,
    the rest still to come. Each set is made once; a board with meetings after its history
    keeps the ones it has."""
    last_of_history = max(item["date"] for item in history)
    if not board.meetings.filter(date__lte=last_of_history).exists():
        _hold(board, history, today)
    if not board.meetings.filter(date__gt=last_of_history).exists():
        _hold(board, current, today)


def _hold(board: Board, meetings: list, today: dt.date) -> None:
    """Plan each meeting, add its agenda and publish it on its day, then, for those already
    past, record attendance and declarations and mark it held, each dated as it happened."""
    for spec in meetings:
        since = demo_files.audit_mark()
        start = spec.get("start_time")
        meeting = meetings_services.meeting_plan(
            board=board,
            subgroup=None,
            date=spec["date"],
            start_time=dt.time.fromisoformat(start) if start else None,
            venue=spec["venue"],
            by=None,
        )
        for item in spec.get("agenda", []):
            meetings_services.agenda_item_add(meeting=meeting, by=None, **item)
        if spec.get("published") and spec["published"] <= today:
            meetings_services.agenda_publish(meeting=meeting, by=None, on=spec["published"])
        if meeting.date > today:
            demo_files.backdate(spec.get("published") or today, since=since)
            continue
        reps = list(
            Membership.objects.current(meeting.date)
            .filter(board=board, subgroup__isnull=True)
            .select_related("person")
        )
        present = [m.person for m in reps[:-2]]
        apologies = [m.person for m in reps[-2:]]
        meeting_record_attendance(meeting=meeting, present=present, apologies=apologies, by=None)
        for declared in spec.get("declarations", []):
            meetings_services.declaration_add(
                meeting=meeting,
                person=Person.objects.get(name=declared["person"]),
                item=meeting.items.get(number=declared["item"]),
                interest=declared["interest"],
                by=None,
            )
        meetings_services.meeting_mark_held(meeting=meeting, by=None, today=today)
        if spec.get("minutes"):
            numbers = {item.number: item.pk for item in meeting.items.all()}
            minutes_save(
                meeting=meeting,
                discussions={numbers[n]: text for n, text in spec["minutes"].items()},
                by=get_user_model().objects.get(username="officer"),
            )
        demo_files.backdate(meeting.date, since=since)
