"""Every service that writes makes its change visible on the next page view, cached parts
and all.

Cached fragments are keyed on board versions (lscb.freshness); a write that moves no version
would leave the old parts on the page. Each scenario (tests/lscb/freshness_scenarios.py)
names the page a write changes; the test views it (storing its cached parts), calls the
service, views it again and checks the change shows. The services are discovered, so a new
one fails `test_every_writing_service_has_a_freshness_scenario` until it has a scenario or
is listed here as writing nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from types import ModuleType

import pytest

from boards.models import Board
from reporting import services as reporting_services
from tests.lscb.freshness_scenarios import SCENARIOS, World
from tests.lscb.test_fragments import without_tokens

APPS = ("boards", "workplans", "reviews", "training", "voice", "reporting")

# Public functions of the services that write nothing a page shows.
NON_WRITES = {
    "workplans.services.outcome_snapshot",  # reads an outcome for comparison
    "workplans.services.snapshot_differences",  # compares two snapshots
    "reviews.services.sign_off.ensure_plan_open",  # refuses a signed-off plan
    "reviews.services.sign_off.lock_review",  # SELECT ... FOR UPDATE
    "reporting.services.claim_timeout",  # a setting
    "reporting.services.reports_needing_a_push",  # a query for the sweep
    "reporting.services.renders_to_resume",  # a query for a starting worker
    "reporting.services.yearly.yearly_reports_needing_a_pdf",  # a query for the sweep
    "reporting.services.lease_length",  # a setting
    "reporting.services.portfolio_holder_emails",  # a query for the notice
    "reporting.services.packs.packs_needing_a_push",  # a query for the sweep
    "boards.services.meetings.is_late",  # the publishing rule, for the check page
    "boards.services.minutes.lock_for_minutes",  # SELECT ... FOR UPDATE, and the refusal
}

# Writes no page shows yet (no template shows when the portfolio holders were told of a
# report): their scenarios check that the board still moves on, so a page that starts
# showing them is fresh from the first day.
SHOWN_NOWHERE = {
    "reporting.services.report_notify",
}


def _service_modules(app: str) -> list[ModuleType]:
    """`<app>.services`, and its submodules when it is a package."""
    root = importlib.import_module(f"{app}.services")
    modules = [root]
    if hasattr(root, "__path__"):
        for info in pkgutil.walk_packages(root.__path__, f"{root.__name__}."):
            modules.append(importlib.import_module(info.name))
    return modules


def discovered_services() -> dict[str, Callable]:
    found = {}
    for app in APPS:
        for module in _service_modules(app):
            for name, fn in inspect.getmembers(module, inspect.isfunction):
                if not name.startswith("_") and fn.__module__ == module.__name__:
                    found[f"{module.__name__}.{name}"] = fn
    return found


def test_every_writing_service_has_a_freshness_scenario():
    discovered = set(discovered_services())
    missing = discovered - set(SCENARIOS) - NON_WRITES
    stale = (set(SCENARIOS) | NON_WRITES) - discovered
    assert not missing, "Services with no scenario here (or in NON_WRITES): " + ", ".join(
        sorted(missing)
    )
    assert not stale, "Listed here but no longer a service: " + ", ".join(sorted(stale))


@pytest.fixture
def no_pdf(monkeypatch, settings, tmp_path):
    """report_render and report_notify without WeasyPrint or a mail server."""
    from reporting.pdf import RenderedPDF

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(
        "reporting.report.report_html", lambda board, quarter, **kw: "<html></html>"
    )
    monkeypatch.setattr(
        "reporting.pdf.render_pdf", lambda html, **kw: RenderedPDF(b"%PDF-1.7 test", 1)
    )
    monkeypatch.setattr(reporting_services, "_send_notify", lambda report_id: None)


def _data_version(board: Board) -> int:
    return Board.objects.values_list("data_version", flat=True).get(pk=board.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("service", sorted(SCENARIOS))
def test_a_write_shows_on_the_next_view(
    service, client, board, alice, carol, no_pdf, django_capture_on_commit_callbacks
):
    world = World(board=board, officer=alice, chair=carol, today=dt.date.today())
    url, write, added = SCENARIOS[service](world)
    client.force_login(alice)
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)  # served from the cached parts the first view stored
    assert without_tokens(again) == without_tokens(first)
    before = _data_version(board)

    with django_capture_on_commit_callbacks(execute=False):
        write()

    after = client.get(url)
    assert after.status_code == 200, url
    assert _data_version(board) != before, f"{service} moved no version of its board"
    if service in SHOWN_NOWHERE:
        return
    assert without_tokens(after) != without_tokens(first), f"{service}: {url} did not change"
    if added is not None:
        assert added not in without_tokens(first)
        assert added in without_tokens(after), f"{service}: {added!r} not on {url}"
