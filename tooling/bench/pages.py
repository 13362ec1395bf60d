"""Server time and SQL queries per request for each main page, signed in as an officer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import clear_url_caches, reverse

from boards.models import Access, Board, Membership, Theme
from lscb.freshness import AREAS, touch_board

BENCH_CACHE = "bench-fragments"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


@dataclass
class PageResult:
    """One page's cost as users meet it: warm (its cached parts are there, as on every
    view but the first after a write), after a write to each area of the board's work in
    turn (only the parts showing that area are rendered again), and cold (every cached
    part rendered afresh, as on the day's first view or after a change to names every
    board shows)."""

    page: str
    url: str
    queries: int
    p50_ms: float
    p95_ms: float
    requests: int
    cold_queries: int
    cold_p50_ms: float
    cold_p95_ms: float
    # As the first view after someone records workplan progress: only the parts that show
    # workplans are rendered again (lscb.freshness areas).
    after_update_p50_ms: float
    after_update_p95_ms: float
    # Process CPU time of the request in this process (median), warm and cold: less swayed
    # than wall time by other work on a shared machine (the database's own time is left
    # out).
    cpu_p50_ms: float = 0.0
    cold_cpu_p50_ms: float = 0.0
    # The first view after a write to one area of the board's work (lscb.freshness.AREAS),
    # each area in turn: the slowest area (by median, steadier than a p95 of fewer
    # requests), its median and p95.
    after_write_p50_ms: float = 0.0
    after_write_p95_ms: float = 0.0
    after_write_area: str = ""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def officer_for(board: Board):
    membership = (
        Membership.objects.current()
        .filter(
            board=board, subgroup__isnull=True, access=Access.OFFICER, person__user__isnull=False
        )
        .select_related("person__user")
        .first()
    )
    if membership is None:
        raise SystemExit(f"{board} has no officer with a login to benchmark as.")
    return membership.person.user


def page_urls(board: Board) -> list[tuple[str, str]]:
    """The main pages of one board, with the objects that carry the most data."""
    from django.db.models import Count

    from reporting.models import QuarterlyReport
    from reviews.models import Review

    slug = board.slug
    urls = [
        ("floor", "/__bench__/floor/"),
        ("home", reverse("home")),
        ("board", reverse("boards:detail", args=[slug])),
    ]
    workplan = board.workplans.annotate(n=Count("outcomes")).order_by("-start", "-n").first()
    if workplan is not None:
        urls.append(("workplan", reverse("workplans:detail", args=[slug, workplan.pk])))
        outcome = workplan.outcomes.annotate(n=Count("updates")).order_by("-n", "pk").first()
        if outcome is not None:
            urls.append(("outcome", reverse("workplans:outcome", args=[slug, outcome.pk])))
            urls.append(
                ("retire an outcome", reverse("workplans:outcome_retire", args=[slug, outcome.pk]))
            )
        urls.append(("add an outcome", reverse("workplans:outcome_add", args=[slug, workplan.pk])))
    urls.append(("start a workplan", reverse("workplans:start", args=[slug])))
    urls.append(("my updates due", reverse("workplans:my_updates", args=[slug])))
    urls.append(("activity", reverse("boards:activity", args=[slug])))
    urls.append(("review list", reverse("reviews:list", args=[slug])))
    # A plan still open to edits: on a signed-off or closed one the add pages only say so.
    review = (
        Review.objects.filter(board=board, signed_off_at__isnull=True)
        .exclude(status="closed")
        .annotate(n=Count("recommendations__actions"))
        .order_by("-n", "pk")
        .first()
    )
    if review is not None:
        urls.append(("review", reverse("reviews:detail", args=[slug, review.pk])))
        urls.append(("add a finding", reverse("reviews:finding_add", args=[slug, review.pk])))
        recommendation = review.recommendations.order_by("number", "pk").first()
        if recommendation is not None:
            urls.append(
                ("add an action", reverse("reviews:action_add", args=[slug, recommendation.pk]))
            )
    urls.append(("thematic view", reverse("reviews:themes", args=[slug])))
    theme = (
        Theme.objects.filter(recommendations__review__board=board)
        .annotate(n=Count("recommendations"))
        .order_by("-n", "pk")
        .first()
    )
    if theme is not None:
        # A theme's address alone: everything on it, from every source.
        urls.append(
            ("everything on a theme", reverse("reviews:theme_items", args=[slug, theme.slug]))
        )
    # The latest section 11 round with returns: its grid and one agency's return, each
    # compared with the round before.
    audit = (
        Review.objects.filter(board=board, kind="section_11", s11_returns__isnull=False)
        .order_by("-start_date", "-pk")
        .first()
    )
    if audit is not None:
        urls.append(("section 11 grid", reverse("reviews:s11_grid", args=[slug, audit.pk])))
        first_return = audit.s11_returns.order_by("pk").first()
        urls.append(
            ("section 11 return", reverse("reviews:s11_return", args=[slug, first_return.pk]))
        )
    urls.append(("meetings", reverse("boards:meetings", args=[slug])))
    meeting = (
        board.meetings.filter(subgroup__isnull=True, status="held")
        .annotate(n=Count("items"))
        .order_by("-n", "-date", "-pk")
        .first()
    )
    if meeting is not None:
        urls.append(("meeting", reverse("boards:meeting", args=[slug, meeting.pk])))
    urls.append(("attendance by agency", reverse("boards:meeting_attendance_year", args=[slug])))
    urls.append(("training", reverse("training:home", args=[slug])))
    urls.append(("you said, we did", reverse("voice:list", args=[slug])))
    yearly = board.yearly_reports.order_by("-year").first()
    if yearly is not None:
        urls.append(("yearly report", reverse("reporting:yearly", args=[slug, yearly.year])))
    urls.append(("reports list", reverse("reporting:list", args=[slug])))
    report = QuarterlyReport.objects.filter(board=board, status="ready").order_by("-pk").first()
    if report is not None:
        urls.append(("report download", reverse("reporting:download", args=[slug, report.pk])))
    # Anyone's view of the board: whole pages cached on the board's version.
    urls.append(("public board page", reverse("public:board", args=[slug])))
    return urls


def ensure_ready_report(board: Board, quarter) -> None:
    """Render one report in this process if the board has none ready, so the download page
    is measured on every board. No broker message is sent: a queued task left behind would
    be picked up by the quarter-end batch's workers and inflate its time."""
    from django.db.models import Max

    from reporting.models import QuarterlyReport, ReportStatus
    from reporting.services import report_render

    if QuarterlyReport.objects.filter(board=board, status=ReportStatus.READY).exists():
        return
    last = QuarterlyReport.objects.filter(board=board, quarter=quarter.code).aggregate(
        v=Max("version")
    )["v"]
    report = QuarterlyReport.objects.create(
        board=board, quarter=quarter.code, version=(last or 0) + 1
    )
    outcome = report_render(report_id=report.pk)
    if outcome != "ready":
        raise SystemExit(f"The benchmark's report for {board} did not render: {outcome}.")


def measure_board(board: Board, *, requests: int = 100, warmup: int = 3) -> list[PageResult]:
    results: list[PageResult] = []
    with override_settings(
        # A cache of the benchmark's own, which it may empty (cold requests) without
        # touching a shared one.
        CACHES={
            **settings.CACHES,
            BENCH_CACHE: {"BACKEND": LOCMEM, "OPTIONS": {"MAX_ENTRIES": 10_000}},
        },
        FRAGMENT_CACHE=BENCH_CACHE,
        ROOT_URLCONF="tooling.bench.urls",
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        DEBUG=False,
    ):
        clear_url_caches()
        try:
            client = Client()
            client.force_login(officer_for(board))
            fragments = caches[BENCH_CACHE]

            def write_to(area: str) -> Callable[[], None]:
                return lambda: touch_board(board.pk, area=area)

            for name, url in page_urls(board):
                cold_queries, cold, cold_cpu = _timed(
                    client, url, requests, warmup, fragments.clear
                )
                # Recording progress moves the workplans area only.
                after: dict[str, list[float]] = {}
                for area in AREAS:
                    count = requests if area == "workplans" else max(20, requests // 2)
                    after[area] = _timed(client, url, count, warmup, write_to(area))[1]
                after_update = after["workplans"]
                worst = max(AREAS, key=lambda area: statistics.median(after[area]))
                queries, warm, warm_cpu = _timed(client, url, requests, warmup, None)
                results.append(
                    PageResult(
                        name,
                        url,
                        queries,
                        round(statistics.median(warm), 2),
                        round(percentile(warm, 95), 2),
                        requests,
                        cold_queries,
                        round(statistics.median(cold), 2),
                        round(percentile(cold, 95), 2),
                        round(statistics.median(after_update), 2),
                        round(percentile(after_update, 95), 2),
                        round(statistics.median(warm_cpu), 2),
                        round(statistics.median(cold_cpu), 2),
                        after_write_p50_ms=round(statistics.median(after[worst]), 2),
                        after_write_p95_ms=round(percentile(after[worst], 95), 2),
                        after_write_area=worst,
                    )
                )
        finally:
            clear_url_caches()
    return results


def _timed(
    client: Client, url: str, requests: int, warmup: int, before: Callable[[], None] | None
) -> tuple[int, list[float], list[float]]:
    """Queries of one request, then server times and process CPU times of `requests` more,
    after `warmup` ones.

    `before` runs ahead of every request, outside the timing: emptying the fragment cache
    (cold: every cached part rendered again) or recording a write (only the parts that
    show what it changed are rendered again)."""

    def prepare() -> None:
        if before is not None:
            before()

    for _ in range(warmup):
        prepare()
        _get(client, url)
    prepare()
    with CaptureQueriesContext(connection) as ctx:
        _get(client, url)
    # Now: the next request's start empties the connection's query log it reads from.
    queries = len(ctx.captured_queries)
    times, cpu = [], []
    for _ in range(requests):
        prepare()
        start, start_cpu = time.perf_counter(), time.process_time()
        _get(client, url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return queries, times, cpu


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    # The home page sends someone with one board straight to it: that answer is its page.
    redirected_home = response.status_code == 302 and "/login/" not in response["Location"]
    if response.status_code != 200 and not redirected_home:
        raise SystemExit(f"{url} answered {response.status_code}; the benchmark needs 200.")
    # Streaming responses (downloads) must be read to count their cost.
    if response.streaming:
        for _ in response.streaming_content:
            pass


def as_dicts(results: list[PageResult]) -> list[dict]:
    return [asdict(r) for r in results]
