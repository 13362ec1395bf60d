"""The constitution check: every way a board's or panel's membership breaks its rules.

Each finding is a sentence an admin can act on. Vacancies are findings too, because an
unfilled statutory seat is what inspectors ask about first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from boards.models import (
    SEAT_ROLES,
    Constitution,
    Employment,
    Membership,
    MembershipQuerySet,
    Role,
)
from lscb.vocab import plural


@dataclass(slots=True)
class Seat:
    """One current place on a board or panel: what the check reads of a membership.

    Plain rows rather than Membership objects: a board page checks every place on the
    board and its panels, and building models with their people costs more than the check.
    """

    subgroup_id: int | None
    person_id: int
    name: str  # the person's, as findings say it
    role: str
    term_start: dt.date
    term_end: dt.date | None


# Seat's fields in order, as values_list reads them.
_SEAT_FIELDS = ("subgroup_id", "person_id", "person__name", "role", "term_start", "term_end")


def current_seats(memberships: MembershipQuerySet, on: dt.date) -> list[Seat]:
    """The memberships current on a day, as seats in role and name order.

    The order is the one findings are listed in; it is set here rather than left to
    Membership's Meta.ordering, which joins the board and subgroup only to sort by them."""
    rows = memberships.current(on).order_by("role", "person__name").values_list(*_SEAT_FIELDS)
    return [Seat(*row) for row in rows]


@dataclass(frozen=True)
class Finding:
    kind: str  # "breach" or "vacancy"
    message: str

    @property
    def is_breach(self) -> bool:
        return self.kind == "breach"


def _months_words(months: int) -> str:
    return plural(months // 12, "year") if months % 12 == 0 else plural(months, "month")


def _role_word(role: str) -> str:
    return Role(role).label.lower().replace(" (non-voting)", "")


def check_constitution(
    constitution: Constitution,
    on: dt.date | None = None,
    *,
    members: list[Seat] | None = None,
    board_facts: BoardFacts | None = None,
) -> list[Finding]:
    """All breaches and vacancies of one constitution on a day (today by default).

    `members`, when given, are the body's current places, already read by the caller;
    `board_facts` likewise carries the board's past terms and jobs (check_board reads them
    for every constitution of a board at once)."""
    day = on or dt.date.today()
    body = constitution.subgroup or constitution.board
    if members is None:
        members = current_seats(
            Membership.objects.filter(
                board_id=constitution.board_id, subgroup_id=constitution.subgroup_id
            ),
            day,
        )
    seated = [m for m in members if m.role in SEAT_ROLES]
    counts = Counter(m.role for m in seated)
    findings: list[Finding] = []

    # Advisers sit at the table but are not members for the size limit.
    sized = [m for m in seated if m.role != Role.ADVISER]
    if constitution.max_size is not None and len(sized) > constitution.max_size:
        findings.append(
            Finding(
                "breach",
                f"{body} has {plural(len(sized), 'member')}; its constitution allows at most "
                f"{constitution.max_size}.",
            )
        )

    for rule in constitution.role_rules.all():
        have = counts.get(rule.role, 0)
        word = _role_word(rule.role)
        if rule.max_count is not None and have > rule.max_count:
            findings.append(
                Finding(
                    "breach",
                    f"{body} has {plural(have, word)} but the rules allow at most "
                    f"{rule.max_count}.",
                )
            )
        if have < rule.min_count:
            findings.append(
                Finding(
                    "breach",
                    f"{body} needs at least {plural(rule.min_count, word)} and has {have}.",
                )
            )
        established = rule.seats if rule.seats is not None else rule.min_count
        for number in range(have + 1, established + 1):
            findings.append(
                Finding(
                    "vacancy",
                    f"{word.capitalize()} seat {number} of {established} on {body} is vacant.",
                )
            )

    findings.extend(_term_findings(constitution, body, seated, board_facts))
    findings.extend(_eligibility_findings(constitution, body, seated, board_facts))
    return findings


def _term_findings(
    constitution: Constitution, body, seated: list[Seat], facts: BoardFacts | None
) -> list[Finding]:
    findings: list[Finding] = []
    if constitution.max_term_months:
        for m in seated:
            limit = m.term_start + relativedelta(months=constitution.max_term_months)
            if m.term_end is None or m.term_end > limit:
                ends = "has no end date" if m.term_end is None else f"ends {m.term_end:%-d %B %Y}"
                findings.append(
                    Finding(
                        "breach",
                        f"{m.name}'s term on {body} {ends}; terms may last at most "
                        f"{_months_words(constitution.max_term_months)}.",
                    )
                )
    if constitution.max_terms:
        person_ids = {m.person_id for m in seated}
        if facts is not None:
            terms = Counter({p: facts.terms[(constitution.subgroup_id, p)] for p in person_ids})
        else:
            terms = Counter(
                Membership.objects.filter(
                    board_id=constitution.board_id,
                    subgroup_id=constitution.subgroup_id,
                    person_id__in=person_ids,
                    role__in=SEAT_ROLES,
                )
                .order_by()
                .values_list("person_id", flat=True)
            )
        for m in seated:
            if terms[m.person_id] > constitution.max_terms:
                findings.append(
                    Finding(
                        "breach",
                        f"{m.name} is serving term {terms[m.person_id]} on {body}; no one may "
                        f"serve more than {plural(constitution.max_terms, 'term')}.",
                    )
                )
    return findings


def _eligibility_findings(
    constitution: Constitution, body, seated: list[Seat], facts: BoardFacts | None
) -> list[Finding]:
    findings: list[Finding] = []
    for exclusion in constitution.exclusions.all():
        holders = [m for m in seated if m.role == exclusion.role]
        if not holders:
            continue
        last_day: dict[int, dt.date | None] = {}
        for person_id, end in _jobs(exclusion, {m.person_id for m in holders}, facts):
            known = last_day.get(person_id, dt.date.min)
            last_day[person_id] = None if end is None or known is None else max(known, end)
        for m in holders:
            if m.person_id not in last_day:
                continue
            ended = last_day[m.person_id]
            since = m.term_start - relativedelta(months=exclusion.within_months)
            if ended is None or ended >= since:
                findings.append(
                    Finding(
                        "breach",
                        f"{m.name} may not sit on {body} as {_role_word(m.role)}: "
                        f"{exclusion.reason}.",
                    )
                )
    return findings


@dataclass(frozen=True)
class BoardFacts:
    """What the checks of all of one board's constitutions read, fetched once."""

    terms: Counter  # (subgroup_id, person_id) -> seated memberships ever held
    jobs: list[tuple[int, int, str, dt.date | None]]  # person, agency, department, end


def _jobs(exclusion, person_ids: set[int], facts: BoardFacts | None):
    """(person_id, end) of the holders' jobs that the exclusion looks back at."""
    if facts is None:
        jobs = Employment.objects.filter(person_id__in=person_ids, agency_id=exclusion.agency_id)
        if exclusion.department_contains:
            jobs = jobs.filter(department__icontains=exclusion.department_contains)
        return jobs.values_list("person_id", "end")
    needle = exclusion.department_contains.casefold()
    return [
        (person, end)
        for person, agency, department, end in facts.jobs
        if person in person_ids
        and agency == exclusion.agency_id
        and needle in department.casefold()
    ]


def check_board(
    board,
    on: dt.date | None = None,
    *,
    members: list[Seat] | None = None,
    terms: Counter | None = None,
) -> list[tuple[Constitution, list[Finding]]]:
    """Findings for the board and each of its panels that has a constitution.

    `members`, when given, are the current places on the board and all its panels (in
    role and name order, as current_seats gives them), already read by the caller;
    `terms`, when given, the seated memberships each person has ever held on each body
    (as past_seats counts them), read with them.

    At most six queries however many panels have rules and however many people sit on
    them: constitutions, their role rules, their exclusions, the board's current places
    (unless given), its members' past seats (unless given, and only if a rule limits the
    number of terms), and the jobs the exclusions look at (only if there are exclusions)."""
    day = on or dt.date.today()
    # Through the board's manager, so each constitution's board is this one, not a join.
    constitutions = list(
        board.constitutions.select_related("subgroup")
        .prefetch_related("role_rules", "exclusions")
        .order_by("subgroup__name")
    )
    if members is None:
        members = current_seats(Membership.objects.filter(board=board), day)
    by_body: dict[int | None, list[Seat]] = defaultdict(list)
    for m in members:
        by_body[m.subgroup_id].append(m)
    if terms is None:
        terms = _past_seats(board, constitutions)
    facts = BoardFacts(terms=terms, jobs=_board_jobs(constitutions, members))
    return [
        (c, check_constitution(c, day, members=by_body[c.subgroup_id], board_facts=facts))
        for c in constitutions
    ]


def _past_seats(board, constitutions: list[Constitution]) -> Counter:
    """(subgroup_id, person_id) -> seated memberships ever held, if any rule counts terms."""
    if not any(c.max_terms for c in constitutions):
        return Counter()
    return past_seats(
        Membership.objects.filter(board=board, role__in=SEAT_ROLES)
        .order_by()  # a count: Meta.ordering would only add joins
        .values_list("subgroup_id", "person_id", "role")
    )


def past_seats(rows: Iterable[tuple]) -> Counter:
    """(subgroup_id, person_id) -> seated memberships ever held, from rows that begin
    (subgroup_id, person_id, role) of every membership of a board, past, present and future."""
    return Counter((row[0], row[1]) for row in rows if row[2] in SEAT_ROLES)


def _board_jobs(constitutions: list[Constitution], members: list[Seat]) -> list:
    """The current members' jobs at the agencies the exclusions name, if there are any."""
    agency_ids = {e.agency_id for c in constitutions for e in c.exclusions.all()}
    if not agency_ids or not members:
        return []
    return list(
        Employment.objects.filter(
            person_id__in={m.person_id for m in members}, agency_id__in=agency_ids
        )
        .order_by()
        .values_list("person_id", "agency_id", "department", "end")
    )
