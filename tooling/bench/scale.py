"""Deterministic synthetic data at national scale, written with bulk inserts.

About 150 boards, each with ten years of workplans (40 outcomes a year, 4 updates each),
50 reviews (20 actions each, with progress), memberships, logins and quarterly figures.
The same seed and end year give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from boards.models import (
    Access,
    Agency,
    Board,
    Constitution,
    EligibilityExclusion,
    Employment,
    Membership,
    Person,
    Role,
    RoleRule,
    Sector,
    Subgroup,
    Theme,
)
from lscb.vocab import RAG, Quarter
from tooling.bench.scale_indicators import link_outcome_indicators
from tooling.bench.scale_meetings import generate_meetings
from tooling.bench.scale_s11 import generate_section_11
from tooling.bench.scale_training import TRAINED_PER_SESSION, generate_training

SCALE_PASSWORD = "scale-password"  # noqa: S105  # nosec B105 - synthetic benchmark logins
OUTCOMES_PER_YEAR = 40
UPDATES_PER_OUTCOME = 4
NOT_YET_UPDATED = 0.3  # share of the current year's outcomes without this quarter's update
FINDINGS_PER_REVIEW = 3
REVIEWS_PER_BOARD = 50
RECOMMENDATIONS_PER_REVIEW = 5
ACTIONS_PER_RECOMMENDATION = 4
BATCH = 5000

_WORDS = [
    *[
        "multi-agency",
        "neglect",
        "strategy",
        "training",
        "audit",
        "referral",
        "pathway",
        "early",
        "help",
        "domestic",
    ],
    *[
        "abuse",
        "exploitation",
        "missing",
        "children",
        "threshold",
        "information",
        "sharing",
        "supervision",
    ],
    *[
        "voice",
        "of",
        "the",
        "child",
        "escalation",
        "assessment",
        "health",
        "education",
        "police",
        "probation",
    ],
    *["partnership", "learning"],
]
_RAGS = [RAG.ON_TRACK] * 5 + [RAG.AT_RISK, RAG.OFF_TRACK, RAG.NOT_STARTED, RAG.COMPLETE]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def generate(
    *,
    boards: int,
    years: int,
    seed: int,
    until: int,
    say: Callable[[str], None] = print,
    trained_per_session: int = TRAINED_PER_SESSION,
) -> dict[str, int]:
    """Create `boards` boards with `years` financial years of history ending in `until`;
    `trained_per_session` people booked on each of a board's three sessions a year."""
    rng = random.Random(seed)  # nosec B311 - seeded so the synthetic data repeats
    themes = _themes()
    password = make_password(SCALE_PASSWORD)
    counts: dict[str, int] = {}
    first_year = until - years + 1
    for b in range(boards):
        with transaction.atomic():
            board = _board(b, rng, password, counts)
            subgroups = list(board.subgroups.all())
            officer = Membership.objects.get(
                board=board, subgroup__isnull=True, access=Access.OFFICER
            ).person.user
            _workplans(board, subgroups, themes, officer, rng, first_year, until, counts)
            _reviews(board, themes, officer, rng, first_year, until, counts)
            _figures(board, rng, first_year, until, counts)
            link_outcome_indicators(board, rng, counts)
            council = Agency.objects.get(name=f"{board.area} Council")
            generate_training(board, council, rng, first_year, until, counts, trained_per_session)
            generate_meetings(board, rng, first_year, until, counts)
            generate_section_11(board, rng, first_year, until, counts)
        if (b + 1) % 10 == 0 or b + 1 == boards:
            say(f"  {b + 1} of {boards} boards")
    return counts


def _add(counts: dict[str, int], key: str, n: int) -> None:
    counts[key] = counts.get(key, 0) + n


def _themes() -> list[Theme]:
    from boards.demo import THEMES

    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    return list(Theme.objects.order_by("pk"))


def _board(b: int, rng: random.Random, password: str, counts) -> Board:
    slug = f"scale-{b + 1:03d}"
    board = Board.objects.create(
        name=f"Scale Area {b + 1:03d} Safeguarding Children Partnership",
        slug=slug,
        area=f"Scale Area {b + 1:03d}",
    )
    agency = Agency.objects.create(
        name=f"Scale Area {b + 1:03d} Council", sector=Sector.LOCAL_AUTHORITY
    )
    subgroups = Subgroup.objects.bulk_create(
        [
            Subgroup(board=board, name=name, kind=kind)
            for name, kind in [
                ("Practice, Policy and Procedure", Subgroup.Kind.STANDING),
                ("Quality and Performance", Subgroup.Kind.STANDING),
                ("Training", Subgroup.Kind.STANDING),
                ("Case Review Panel", Subgroup.Kind.PANEL),
            ]
        ]
    )
    User = get_user_model()
    roles = [
        ("officer", Access.OFFICER, Role.OFFICER),
        ("chair", Access.CHAIR, Role.CHAIR),
        ("portfolio", Access.PORTFOLIO, Role.OBSERVER),
    ]
    roles += [(f"member{i}", Access.MEMBER, Role.AGENCY_REPRESENTATIVE) for i in range(7)]
    roles += [(f"lay{i}", Access.MEMBER, Role.LAY_MEMBER) for i in range(2)]
    users = User.objects.bulk_create(
        [
            User(
                username=f"{slug}-{name}",
                password=password,
                email=f"{slug}-{name}@example.org",
                first_name=name.capitalize(),
                last_name=f"of {slug}",
            )
            for name, _, _ in roles
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(name=f"{u.first_name} {u.last_name}", agency=agency, user=u, email=u.email)
            for u in users
        ]
        + [Person(name=f"Representative {i} of {slug}", agency=agency) for i in range(15)]
    )
    start = dt.date(2000, 4, 1)
    memberships = [
        Membership(
            person=p,
            board=board,
            role=role,
            access=access,
            voting=role not in {Role.OFFICER, Role.OBSERVER},
            term_start=start,
        )
        for p, (_, access, role) in zip(people, roles, strict=False)
    ]
    memberships += [
        Membership(
            person=p,
            board=board,
            role=Role.AGENCY_REPRESENTATIVE,
            term_start=start,
            term_end=dt.date(2030, 3, 31),
        )
        for p in people[len(roles) :]
    ]
    memberships += [
        Membership(
            person=p, board=board, subgroup=sg, role=Role.AGENCY_REPRESENTATIVE, term_start=start
        )
        for sg in subgroups
        for p in rng.sample(people, 6)
    ]
    Membership.objects.bulk_create(memberships)
    # Lay members' earlier jobs, which the constitution's eligibility rule looks back at.
    lay = [p for p, (name, _, _) in zip(people, roles, strict=False) if name.startswith("lay")]
    Employment.objects.bulk_create(
        [
            Employment(
                person=lay[0],
                agency=agency,
                department="Children's Services",
                start=dt.date(1990, 4, 1),
                end=dt.date(1998, 3, 31),
            ),
            Employment(person=lay[1], agency=agency, department="Libraries", start=start),
        ]
    )
    _constitution(board, agency)
    _add(counts, "boards", 1)
    _add(counts, "users", len(users))
    _add(counts, "memberships", len(memberships))
    return board


def _constitution(board: Board, council: Agency) -> None:
    """Terms of reference like the demo board's, so the board page checks the same kinds of
    rule (seats, a limit on terms, and who may not be a lay member)."""
    rules = Constitution.objects.create(
        board=board, source="the board's terms of reference", max_size=30, quorum=6, max_terms=3
    )
    RoleRule.objects.bulk_create(
        [
            RoleRule(constitution=rules, role=Role.CHAIR, min_count=1, max_count=1),
            RoleRule(constitution=rules, role=Role.AGENCY_REPRESENTATIVE, min_count=6),
            RoleRule(constitution=rules, role=Role.LAY_MEMBER, min_count=2, max_count=2),
        ]
    )
    EligibilityExclusion.objects.create(
        constitution=rules,
        role=Role.LAY_MEMBER,
        agency=council,
        department_contains="children",
        within_months=12,
        reason="employed by the council's children's services within the last year",
    )


def _workplans(board, subgroups, themes, officer, rng, first_year, until, counts) -> None:
    from workplans.models import Outcome, ProgressUpdate, Workplan

    officer_person = Person.objects.get(user=officer)
    for year in range(first_year, until + 1):
        workplan = Workplan.objects.create(
            board=board,
            title=f"Workplan {year}/{(year + 1) % 100:02d}",
            start=dt.date(year, 4, 1),
            end=dt.date(year + 1, 3, 31),
            status="approved" if year < until else "draft",
        )
        quarters = [Quarter(year, n) for n in range(1, 5)]
        today = dt.date.today()
        outcomes, plans = [], []
        for i in range(OUTCOMES_PER_YEAR):
            # Only quarters that have begun get updates, so the current year looks current.
            dates = [
                min(q.start + dt.timedelta(days=rng.randrange(0, 80)), today)
                for q in quarters[:UPDATES_PER_OUTCOME]
                if q.start <= today
            ]
            # As at a real quarter's midpoint, some outcomes still await this quarter's
            # update, so "my updates due" has work to list.
            current = bool(dates) and Quarter.containing(dates[-1]) == Quarter.containing(today)
            if current and rng.random() < NOT_YET_UPDATED:
                dates.pop()
            rags = [rng.choice(_RAGS) for _ in dates]
            narratives = [_sentence(rng, 14) for _ in dates]
            outcomes.append(
                Outcome(
                    workplan=workplan,
                    order=i + 1,
                    title=_sentence(rng, 8),
                    how=_sentence(rng, 20),
                    who=rng.choice(subgroups).name,
                    due_date=dt.date(year + 1, 3, 31),
                    current_rag=rags[-1] if rags else "",
                    current_narrative=narratives[-1] if narratives else "",
                    last_update_date=dates[-1] if dates else None,
                )
            )
            plans.append((dates, rags, narratives))
        Outcome.objects.bulk_create(outcomes)
        links = Outcome.lead_subgroups.through
        links.objects.bulk_create(
            [links(outcome_id=o.pk, subgroup_id=rng.choice(subgroups).pk) for o in outcomes]
        )
        # The officer is the named lead of every fifth outcome.
        leads = Outcome.leads.through
        leads.objects.bulk_create(
            [leads(outcome_id=o.pk, person_id=officer_person.pk) for o in outcomes[::5]]
        )
        theme_links = Outcome.themes.through
        theme_links.objects.bulk_create(
            [
                theme_links(outcome_id=o.pk, theme_id=t.pk)
                for o in outcomes
                for t in rng.sample(themes, 2)
            ]
        )
        updates = [
            ProgressUpdate(
                outcome=o,
                date=d,
                quarter=Quarter.containing(d).code,
                rag=r,
                narrative=n,
                author=officer,
            )
            for o, (dates, rags, narratives) in zip(outcomes, plans, strict=True)
            for d, r, n in zip(dates, rags, narratives, strict=True)
        ]
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        _add(counts, "workplans", 1)
        _add(counts, "outcomes", len(outcomes))
        _add(counts, "progress updates", len(updates))
    # The latest update is the current one; one statement rather than 400 row updates.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE workplans_outcome SET current_update_id = (
                SELECT u.id FROM workplans_progressupdate u
                WHERE u.outcome_id = workplans_outcome.id
                ORDER BY u.date DESC, u.created_at DESC, u.id DESC LIMIT 1)
            WHERE workplan_id IN (SELECT id FROM workplans_workplan WHERE board_id = %s)
            """,
            [board.pk],
        )


def _reviews(board, themes, officer, rng, first_year, until, counts) -> None:
    from reviews.models import (
        Action,
        ActionProgress,
        Finding,
        FindingKind,
        Recommendation,
        RecommendationKind,
        Review,
        ReviewKind,
        ReviewStatus,
    )

    kinds = list(ReviewKind.values)
    span = (dt.date(until, 12, 31) - dt.date(first_year, 4, 1)).days
    today = dt.date.today()
    reviews = []
    for i in range(REVIEWS_PER_BOARD):
        start = min(dt.date(first_year, 4, 1) + dt.timedelta(days=rng.randrange(span)), today)
        reviews.append(
            Review(
                board=board,
                kind=rng.choice(kinds),
                title=f"Review {i + 1}: {_sentence(rng, 5)}",
                subject_reference=f"Child {chr(65 + i % 26)}{i // 26 or ''}",
                start_date=start,
                status=ReviewStatus.CLOSED if start.year < until - 1 else ReviewStatus.ACTION_PLAN,
                incident_known_date=start,
                notification_date=start + dt.timedelta(days=4),
                report_date=start + dt.timedelta(days=60),
            )
        )
    Review.objects.bulk_create(reviews)
    findings = Finding.objects.bulk_create(
        [
            Finding(
                review=r,
                position=n,
                area=_sentence(rng, 3),
                kind=rng.choice(FindingKind.values),
                summary=_sentence(rng, 18),
            )
            for r in reviews
            for n in range(FINDINGS_PER_REVIEW)
        ],
        batch_size=BATCH,
    )
    finding_themes = Finding.themes.through
    finding_themes.objects.bulk_create(
        [
            finding_themes(finding_id=f.pk, theme_id=t.pk)
            for f in findings
            for t in rng.sample(themes, 2)
        ],
        batch_size=BATCH,
    )
    recommendations = [
        Recommendation(
            review=r,
            number=n + 1,
            kind=rng.choice(RecommendationKind.values),
            text=_sentence(rng, 16),
        )
        for r in reviews
        for n in range(RECOMMENDATIONS_PER_REVIEW)
    ]
    Recommendation.objects.bulk_create(recommendations, batch_size=BATCH)
    rec_themes = Recommendation.themes.through
    rec_themes.objects.bulk_create(
        [
            rec_themes(recommendation_id=r.pk, theme_id=t.pk)
            for r in recommendations
            for t in rng.sample(themes, 2)
        ],
        batch_size=BATCH,
    )
    actions, progress = [], []
    for rec in recommendations:
        for a in range(ACTIONS_PER_RECOMMENDATION):
            due = rec.review.start_date + dt.timedelta(days=rng.randrange(90, 540))
            # A review is closed once its action plan is done, so only the recent, open
            # reviews carry open actions into the quarterly report.
            closed = rec.review.status == ReviewStatus.CLOSED
            done = closed or (due < today and rng.random() < 0.8)
            rag = RAG.COMPLETE if done else rng.choice(_RAGS[:-1])
            when = min(due, today)
            actions.append(
                Action(
                    board_id=rec.review.board_id,
                    recommendation=rec,
                    position=a,
                    what=_sentence(rng, 12),
                    responsible="Head of service",
                    timescale=due,
                    current_rag=rag,
                    current_narrative=_sentence(rng, 10),
                    last_update_date=when,
                )
            )
    Action.objects.bulk_create(actions, batch_size=BATCH)
    for action in actions:
        first = action.recommendation.review.start_date + dt.timedelta(days=30)
        first = min(first, action.last_update_date)
        progress.append(
            ActionProgress(
                action=action,
                date=first,
                quarter=Quarter.containing(first).code,
                rag=RAG.ON_TRACK,
                narrative=_sentence(rng, 10),
                author=officer,
            )
        )
        progress.append(
            ActionProgress(
                action=action,
                date=action.last_update_date,
                quarter=Quarter.containing(action.last_update_date).code,
                rag=action.current_rag,
                narrative=action.current_narrative,
                author=officer,
            )
        )
    ActionProgress.objects.bulk_create(progress, batch_size=BATCH)
    _add(counts, "reviews", len(reviews))
    _add(counts, "findings", len(findings))
    _add(counts, "actions", len(actions))
    _add(counts, "action progress", len(progress))


def _figures(board, rng, first_year, until, counts) -> None:
    """Quarterly indicator values for every quarter of every year."""
    try:
        from tooling.bench.reporting_scale import figures_for_board
    except ImportError:
        return
    _add(counts, "indicator values", figures_for_board(board, rng, first_year, until))
