"""The constitution check: every way a board's or panel's membership breaks its rules.

Each finding is a sentence an admin can act on. Vacancies are findings too, because an
unfilled statutory seat is what inspectors ask about first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from boards.models import (
    SEAT_ROLES,
    Constitution,
    EligibilityExclusion,
    Employment,
    Membership,
    Role,
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "breach" or "vacancy"
    message: str

    @property
    def is_breach(self) -> bool:
        return self.kind == "breach"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _months_words(months: int) -> str:
    return _plural(months // 12, "year") if months % 12 == 0 else _plural(months, "month")


def _role_word(role: str) -> str:
    return Role(role).label.lower().replace(" (non-voting)", "")


def check_constitution(
    constitution: Constitution,
    on: dt.date | None = None,
    *,
    members: list[Membership] | None = None,
    board_facts: BoardFacts | None = None,
) -> list[Finding]:
    """All breaches and vacancies of one constitution on a day (today by default).

    `members`, when given, are the body's current memberships with their people, already
    read by the caller; `board_facts` likewise carries the board's past terms and jobs
    (check_board reads them for every constitution of a board at once)."""
    day = on or dt.date.today()
    body = constitution.subgroup or constitution.board
    if members is None:
        members = list(
            Membership.objects.current(day)
            .filter(board_id=constitution.board_id, subgroup_id=constitution.subgroup_id)
            .select_related("person")
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
                f"{body} has {len(sized)} members; its constitution allows at most "
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
                    f"{body} has {_plural(have, word)} but the rules allow at most "
                    f"{rule.max_count}.",
                )
            )
        if have < rule.min_count:
            findings.append(
                Finding(
                    "breach",
                    f"{body} needs at least {_plural(rule.min_count, word)} and has {have}.",
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
    constitution: Constitution, body, seated: list[Membership], facts: BoardFacts | None
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
                        f"{m.person}'s term on {body} {ends}; terms may last at most "
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
                ).values_list("person_id", flat=True)
            )
        for m in seated:
            if terms[m.person_id] > constitution.max_terms:
                findings.append(
                    Finding(
                        "breach",
                        f"{m.person} is serving term {terms[m.person_id]} on {body}; no one may "
                        f"serve more than {constitution.max_terms} terms.",
                    )
                )
    return findings


def _eligibility_findings(
    constitution: Constitution, body, seated: list[Membership], facts: BoardFacts | None
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
                        f"{m.person} may not sit on {body} as {_role_word(m.role)}: "
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


def check_board(board, on: dt.date | None = None) -> list[tuple[Constitution, list[Finding]]]:
    """Findings for the board and each of its panels that has a constitution.

    A fixed five queries however many panels have rules and however many people sit on
    them: constitutions, their role rules, their exclusions, the board's current members,
    its members' past seats, and the jobs the exclusions look at."""
    day = on or dt.date.today()
    constitutions = list(
        Constitution.objects.filter(board=board)
        .select_related("board", "subgroup")
        .prefetch_related("role_rules", "exclusions")
        .order_by("subgroup__name")
    )
    members: dict[int | None, list[Membership]] = defaultdict(list)
    for m in Membership.objects.current(day).filter(board=board).select_related("person"):
        members[m.subgroup_id].append(m)
    facts = BoardFacts(
        terms=Counter(
            Membership.objects.filter(board=board, role__in=SEAT_ROLES).values_list(
                "subgroup_id", "person_id"
            )
        ),
        jobs=list(
            Employment.objects.filter(
                person__memberships__in=Membership.objects.current(day).filter(board=board),
                agency_id__in=EligibilityExclusion.objects.filter(constitution__board=board).values(
                    "agency_id"
                ),
            )
            .distinct()
            .values_list("person_id", "agency_id", "department", "end")
        ),
    )
    return [
        (c, check_constitution(c, day, members=members[c.subgroup_id], board_facts=facts))
        for c in constitutions
    ]
