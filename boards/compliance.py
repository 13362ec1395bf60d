"""The constitution check: every way a board's or panel's membership breaks its rules.

Each finding is a sentence an admin can act on. Vacancies are findings too, because an
unfilled statutory seat is what inspectors ask about first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from boards.models import (
    SEAT_ROLES,
    Constitution,
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


def check_constitution(constitution: Constitution, on: dt.date | None = None) -> list[Finding]:
    """All breaches and vacancies of one constitution on a day (today by default)."""
    day = on or dt.date.today()
    body = constitution.subgroup or constitution.board
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

    findings.extend(_term_findings(constitution, body, seated))
    findings.extend(_eligibility_findings(constitution, body, seated))
    return findings


def _term_findings(constitution: Constitution, body, seated: list[Membership]) -> list[Finding]:
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
    constitution: Constitution, body, seated: list[Membership]
) -> list[Finding]:
    findings: list[Finding] = []
    for exclusion in constitution.exclusions.all():
        holders = [m for m in seated if m.role == exclusion.role]
        if not holders:
            continue
        jobs = Employment.objects.filter(
            person_id__in={m.person_id for m in holders}, agency_id=exclusion.agency_id
        )
        if exclusion.department_contains:
            jobs = jobs.filter(department__icontains=exclusion.department_contains)
        last_day: dict[int, dt.date | None] = {}
        for person_id, end in jobs.values_list("person_id", "end"):
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


def check_board(board, on: dt.date | None = None) -> list[tuple[Constitution, list[Finding]]]:
    """Findings for the board and each of its panels that has a constitution."""
    constitutions = (
        Constitution.objects.filter(board=board)
        .select_related("board", "subgroup")
        .prefetch_related("role_rules", "exclusions")
        .order_by("subgroup__name")
    )
    return [(c, check_constitution(c, on)) for c in constitutions]
