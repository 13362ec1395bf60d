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
FLOOR_URL = "/__bench__/floor/"


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
    # each area in turn: the slowest area (by its median over the floor's median, steadier
    # than a p95 of fewer requests), its median and p95.
    after_write_p50_ms: float = 0.0
    after_write_p95_ms: float = 0.0
    after_write_area: str = ""
    # The floor (a trivial signed-in view), timed alternately with this page's requests in
    # each way, so that both meet the same load on the machine: its p50 and p95 while the
    # page was timed warm, cold and after a write to the slowest area. Ratios to these hold
    # from one minute to the next where times measured minutes apart drift by tens of
    # percent.
    floor_p50_ms: float = 0.0
    floor_p95_ms: float = 0.0
    floor_cpu_p50_ms: float = 0.0
    cold_floor_p50_ms: float = 0.0
    cold_floor_p95_ms: float = 0.0
    cold_floor_cpu_p50_ms: float = 0.0
    after_write_floor_p50_ms: float = 0.0
    after_write_floor_p95_ms: float = 0.0
    after_update_floor_p50_ms: float = 0.0
    after_update_floor_p95_ms: float = 0.0


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
        ("floor", FLOOR_URL),
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
                cold = _timed(client, url, requests, warmup, fragments.clear)
                # Recording progress moves the workplans area only.
                after: dict[str, Timed] = {}
                for area in AREAS:
                    count = requests if area == "workplans" else max(20, requests // 2)
                    after[area] = _timed(client, url, count, warmup, write_to(area))
                worst = max(AREAS, key=lambda area: after[area].p50_over_floor())
                warm = _timed(client, url, requests, warmup, None)
                results.append(_result(name, url, requests, warm, cold, after, worst))
        finally:
            clear_url_caches()
    return results


@dataclass
class Timed:
    """One way of viewing a page: its queries, then the wall and CPU milliseconds of each
    timed request, and the floor's, timed alternately with it."""

    queries: int
    times: list[float]
    cpu: list[float]
    floor: list[float]
    floor_cpu: list[float]

    def p50_over_floor(self) -> float:
        return statistics.median(self.times) / (statistics.median(self.floor) or 0.001)


def _result(
    name: str,
    url: str,
    requests: int,
    warm: Timed,
    cold: Timed,
    after: dict[str, Timed],
    worst: str,
) -> PageResult:
    def p50(values: list[float]) -> float:
        return round(statistics.median(values), 2)

    def p95(values: list[float]) -> float:
        return round(percentile(values, 95), 2)

    update, slowest = after["workplans"], after[worst]
    return PageResult(
        name,
        url,
        warm.queries,
        p50(warm.times),
        p95(warm.times),
        requests,
        cold.queries,
        p50(cold.times),
        p95(cold.times),
        p50(update.times),
        p95(update.times),
        p50(warm.cpu),
        p50(cold.cpu),
        after_write_p50_ms=p50(slowest.times),
        after_write_p95_ms=p95(slowest.times),
        after_write_area=worst,
        floor_p50_ms=p50(warm.floor),
        floor_p95_ms=p95(warm.floor),
        floor_cpu_p50_ms=p50(warm.floor_cpu),
        cold_floor_p50_ms=p50(cold.floor),
        cold_floor_p95_ms=p95(cold.floor),
        cold_floor_cpu_p50_ms=p50(cold.floor_cpu),
        after_write_floor_p50_ms=p50(slowest.floor),
        after_write_floor_p95_ms=p95(slowest.floor),
        after_update_floor_p50_ms=p50(update.floor),
        after_update_floor_p95_ms=p95(update.floor),
    )


def _timed(
    client: Client, url: str, requests: int, warmup: int, before: Callable[[], None] | None
) -> Timed:
    """Queries of one request, then server times and process CPU times of `requests` more,
    after `warmup` ones, each beside one request for the floor, alternately before and
    after it.

    `before` runs ahead of every request for the page, outside the timing: emptying the
    fragment cache (cold: every cached part rendered again) or recording a write (only the
    parts that show what it changed are rendered again)."""

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
    timed = Timed(len(ctx.captured_queries), [], [], [], [])
    for i in range(requests):
        if i % 2:
            _time(client, FLOOR_URL, timed.floor, timed.floor_cpu)
        prepare()
        _time(client, url, timed.times, timed.cpu)
        if not i % 2:
            _time(client, FLOOR_URL, timed.floor, timed.floor_cpu)
    return timed


def _time(client: Client, url: str, times: list[float], cpu: list[float]) -> None:
    start, start_cpu = time.perf_counter(), time.process_time()
    _get(client, url)
    times.append((time.perf_counter() - start) * 1000)
    cpu.append((time.process_time() - start_cpu) * 1000)


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
