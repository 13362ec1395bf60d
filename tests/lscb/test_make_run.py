"""`make run PORT=…` serves where it says, and what it prints and emails names that port."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _dry_run(*args: str) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_serves_on_the_port_it_is_given_and_emails_links_to_it():
    commands = _dry_run("PORT=8300")
    assert "runserver 127.0.0.1:8300" in commands
    # Every command that can send mail or print an address knows where the site is served.
    for line in commands.splitlines():
        if "loaddemo" in line or "runserver" in line:
            assert "SITE_URL=http://127.0.0.1:8300" in line, line
    assert "http://127.0.0.1:8300/" in commands


def test_make_run_host_and_port_both_reach_the_site_url():
    commands = _dry_run("HOST=0.0.0.0", "PORT=8123")
    assert "runserver 0.0.0.0:8123" in commands
    assert "SITE_URL=http://0.0.0.0:8123" in commands


@pytest.mark.django_db
def test_loaddemo_prints_the_address_the_site_is_served_on(settings):
    settings.SITE_URL = "http://127.0.0.1:8300"
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    assert "Sign in at http://127.0.0.1:8300/ " in out.getvalue()
