"""The benchmark's page measurement runs and counts what it claims (it is not itself a
test of speed: no timing is asserted here)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from boards.models import Board
from lscb import freshness
from lscb.vocab import Quarter
from tooling.bench.pages import ensure_ready_report, measure_board

CACHED = {
    "board",
    "workplan",
    "outcome",
    "my updates due",
    "review list",
    "review",
    "thematic view",
    "everything on a theme",
    "reports list",
    "public board page",
    "yearly report",
    "meeting",
    "training",
    "meetings",
    "you said, we did",
    "section 11 grid",
    "section 11 return",
    "attendance by agency",
    "activity",
    # Their empty forms are cached parts.
    "add an outcome",
    "add a finding",
    "add an action",
}
# The blank forms of "start a workplan" and "retire an outcome" are cached parts too, but
# read nothing a hit could skip: the years offered, the outcome.


@pytest.mark.django_db
def test_page_measurement_counts_queries_warm_and_cold_on_every_main_page():
    call_command("loaddemo", verbosity=0)
    board = Board.objects.get(slug="hartlepool")
    ensure_ready_report(board, Quarter.parse("2008Q3"))  # as `bench` does first

    rows = {r.page: r for r in measure_board(board, requests=2, warmup=1)}

    assert {"floor", "home", "report download"} | CACHED <= set(rows)
    assert {"start a workplan", "add an outcome", "retire an outcome"} <= set(rows)
    assert {"meetings", "meeting", "attendance by agency", "training", "you said, we did"} <= set(
        rows
    )
    assert "yearly report" in rows
    for name, row in rows.items():
        assert row.queries > 0, name  # counted, not read from an emptied log
        assert min(row.p50_ms, row.p95_ms, row.cold_p95_ms, row.after_update_p95_ms) > 0, name
        # After a write to each area in turn: the slowest area by its median over the
        # floor's, and its name.
        # (Read from rounded figures: allow for the rounding.)
        assert row.after_write_p50_ms / row.after_write_floor_p50_ms >= 0.95 * (
            row.after_update_p50_ms / row.after_update_floor_p50_ms
        ), name
        assert row.after_write_p95_ms >= row.after_write_p50_ms, name
        assert row.after_write_area in freshness.AREAS, name
        assert min(row.cpu_p50_ms, row.cold_cpu_p50_ms) > 0, name
        # The floor, timed beside the page in each way.
        assert min(row.floor_p95_ms, row.cold_floor_p95_ms, row.after_write_floor_p95_ms) > 0
        assert min(row.floor_cpu_p50_ms, row.cold_floor_cpu_p50_ms) > 0, name
        if name in CACHED:
            # A hit runs only the per-request queries; a cold view renders every part.
            assert row.queries < row.cold_queries, name
        else:
            assert row.queries == row.cold_queries, name


@pytest.mark.django_db
def test_report_measurement_times_ours_and_both_baselines_on_the_same_pages():
    from tooling.bench.report import measure

    call_command("loaddemo", verbosity=0)
    board = Board.objects.get(slug="hartlepool")

    row = measure(board, Quarter.parse("2008Q3"), label="demo", repeat=1, renders=1)

    assert row["pages"] == row["baseline_pages"] > 1
    for key in (
        "ms_per_page",
        "render_worker_ms_per_page",
        "baseline_ms_per_page",
        "baseline_render_worker_ms_per_page",
        "render_worker_cpu_ms_per_page",
        "baseline_render_worker_cpu_ms_per_page",
    ):
        assert row[key] > 0, key
    ratio = row["baseline_ms_per_page"] / row["ms_per_page"]
    assert row["speedup_per_page"] == pytest.approx(ratio, abs=0.02)
    assert row["cpu_ms_per_page"] > 0 and row["baseline_cpu_ms_per_page"] > 0
    cpu_ratio = row["baseline_cpu_ms_per_page"] / row["cpu_ms_per_page"]
    assert row["cpu_speedup_per_page"] == pytest.approx(cpu_ratio, abs=0.02)
    deployed = row["baseline_cpu_ms_per_page"] / row["render_worker_cpu_ms_per_page"]
    assert row["cpu_speedup_as_deployed"] == pytest.approx(deployed, abs=0.02)


def test_each_side_of_the_report_comparison_renders_in_a_process_of_its_own():
    """Sides timed in one process made each other's garbage (a render under the render
    worker's thresholds leaves its cycles for the next render to collect), so each side runs
    in a fresh process, never the test's own."""
    import os

    from tooling.bench.report import AUTO_LAYOUT, SIDES, time_sides

    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Side</title></head><body>'
        "<table><tr><th>Board</th><td>Hartlepool</td></tr></table></body></html>"
    )
    timings = time_sides(html, html.replace("</head>", AUTO_LAYOUT, 1), rounds=1, renders=1)

    assert set(timings) == set(SIDES)
    processes = {t.process for t in timings.values()}
    assert len(processes) == len(SIDES) and os.getpid() not in processes
    assert all(t.pages == 1 and t.wall > 0 and t.cpu > 0 for t in timings.values())


@pytest.mark.django_db
def test_a_scale_board_runs_the_same_queries_as_the_demo_board_on_every_page():
    """The benchmark's first target, checked on a small run: the synthetic boards have the
    same shape of data as the demo (a constitution with every kind of rule, findings,
    named leads, updates due), so no page skips or adds a query on one of them."""
    from tooling.bench.scale import generate

    call_command("loaddemo", verbosity=0)
    generate(boards=1, years=2, seed=1, until=Quarter.containing(dt.date.today()).year, say=str)
    demo, scale = (Board.objects.get(slug=s) for s in ("hartlepool", "scale-001"))
    for board in (demo, scale):
        ensure_ready_report(board, Quarter.parse("2008Q3"))

    def counts(board):
        rows = measure_board(board, requests=1, warmup=1)
        return {r.page: (r.queries, r.cold_queries) for r in rows}

    assert counts(scale) == counts(demo)


@pytest.mark.django_db
def test_bench_names_a_missing_load_tool_before_measuring_anything(monkeypatch):
    from django.core.management.base import CommandError

    from tooling.bench import pages, preflight

    real = preflight.importlib.util.find_spec
    monkeypatch.setattr(
        preflight.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "locust" else real(name, *a),
    )
    measured = []
    monkeypatch.setattr(pages, "measure_board", lambda *a, **k: measured.append(a) or [])

    with pytest.raises(CommandError) as error:
        call_command("bench", "--skip", "batch", "report")

    assert "locust" in str(error.value)
    assert "pip install -e '.[dev,bench]'" in str(error.value)
    assert measured == []


@pytest.mark.django_db
def test_bench_keeps_the_figures_measured_before_a_part_fails(monkeypatch, capsys):
    import json
    from pathlib import Path

    from django.core.management.base import CommandError

    from tooling.bench import report

    call_command("loaddemo", verbosity=0)
    monkeypatch.setattr(report, "measure", lambda *a, **k: {"label": "demo report", "ms": 1})

    def broken(*a, **k):
        raise RuntimeError("renderer gone")

    monkeypatch.setattr(report, "measure_large_workplan", broken)

    with pytest.raises(CommandError) as error:
        call_command("bench", "--skip", "pages", "batch", "load")

    assert "report failed" in capsys.readouterr().err
    saved = str(error.value).rsplit(" ", 1)[-1]
    figures = json.loads(Path(saved).read_text())
    assert figures["failed"]["report"] == "RuntimeError: renderer gone"
    assert "machine" in figures
