"""Every cached part of a page is keyed on the areas of everything it reads.

A part names the areas of the board's work it shows (`{% boardcache … areas="…" %}`), and
a write moves on only the areas its model is watched with (lscb.freshness). A part that
reads a model from an area it does not name would keep showing the old rows after a write
there. This test renders every main page of the demo board with each part's queries
captured, and checks each table a part reads against the areas in the part's key.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards.models import Board
from lscb import freshness
from lscb.templatetags import fragments as fragment_tags
from lscb.vocab import Quarter
from tooling.bench.pages import ensure_ready_report, officer_for, page_urls

TABLES = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')
NAMED_AREAS = re.compile(r"([a-z]+)\d+")


def part_areas(key: str) -> set[str]:
    """The areas a part's key holds (lscb.fragments.fragment_key): all of them when the key
    holds only the board's overall version."""
    versions = key.split(":")[3]
    return set(freshness.AREAS) if versions.isdigit() else set(NAMED_AREAS.findall(versions))


def table_areas() -> dict[str, set[str] | None]:
    """Each watched table's areas; None for rows every board shows (any write moves all)."""
    return {
        model._meta.db_table: None if areas is None else set(areas.split())
        for model, areas in freshness.watched_areas().items()
    }


def unnamed_reads(key: str, queries: list[str], areas_of: dict) -> set[str]:
    named = part_areas(key)
    found = set()
    for sql in queries:
        for table in TABLES.findall(sql):
            areas = areas_of.get(table)
            if areas is not None and not areas & named:
                found.add(f"{table} ({' '.join(sorted(areas))})")
    return found


@pytest.fixture
def parts(monkeypatch):
    """(key, queries) of every part rendered (not served from the cache)."""
    seen: list[tuple[str, list[str]]] = []
    real = fragment_tags.cached_fragment

    def capturing(key, render, keep=None):
        def counted():
            with CaptureQueriesContext(connection) as queries:
                html = render()
            seen.append((key, [q["sql"] for q in queries.captured_queries]))
            return html

        return real(key, counted, keep)

    monkeypatch.setattr(fragment_tags, "cached_fragment", capturing)
    return seen


@pytest.mark.django_db
def test_every_cached_part_names_the_areas_of_the_tables_it_reads(client, parts):
    call_command("loaddemo", verbosity=0)
    board = Board.objects.get(slug="hartlepool")
    ensure_ready_report(board, Quarter.parse("2008Q3"))
    areas_of = table_areas()

    pages = [(name, url) for name, url in page_urls(board) if name != "floor"]
    problems = []
    # The chair sees parts an officer does not: what waits for their approval.
    for viewer in (officer_for(board), User.objects.get(username="chair")):
        client.force_login(viewer)
        for name, url in pages:
            before = len(parts)
            assert client.get(url, follow=True).status_code == 200, name
            for key, queries in parts[before:]:
                if missing := unnamed_reads(key, queries, areas_of):
                    part = key.split(":")[1]
                    problems.append(
                        f"{viewer}: {name}, part {part!r}: reads {', '.join(sorted(missing))}"
                    )

    assert len(parts) > len(pages)  # the parts were rendered and their queries seen
    assert not problems, "Parts not keyed on an area they read:\n" + "\n".join(problems)


def test_a_part_that_reads_outside_its_areas_is_found():
    areas_of = {"workplans_progressupdate": {"workplans"}, "boards_agency": None}
    key = "frag:yearly-section:1:reporting4:2026-12-07:abc"
    sql = 'SELECT * FROM "workplans_progressupdate" INNER JOIN "boards_agency" ON …'

    assert unnamed_reads(key, [sql], areas_of) == {"workplans_progressupdate (workplans)"}
    assert not unnamed_reads(key.replace("reporting4", "reporting4.workplans2"), [sql], areas_of)
    assert not unnamed_reads("frag:board:1:17:2026-12-07:abc", [sql], areas_of)
