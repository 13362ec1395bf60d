import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lscb.env import env_bool, env_int, parse_database_url

BASE = Path(__file__).resolve().parents[2]


def test_postgres_url_becomes_a_database_entry():
    db = parse_database_url("postgres://lscb:s%40cret@db.example:6543/lscb", base_dir=BASE)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("lscb", "lscb", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example", "6543")
    assert db["DISABLE_SERVER_SIDE_CURSORS"]  # form choices: one query, not three trips


def test_sqlite_url_is_relative_to_the_project():
    db = parse_database_url("sqlite:///demo.sqlite3", base_dir=BASE)
    assert db["NAME"] == str(BASE / "demo.sqlite3")
    assert parse_database_url("sqlite:////tmp/x.sqlite3", base_dir=BASE)["NAME"] == "/tmp/x.sqlite3"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/lscb", "must start with postgres:// or sqlite://"),
        ("postgres://localhost", "must name a database"),
        ("postgres://localhost:port/lscb", "port that is not a number"),
        ("not a url", "must start with postgres:// or sqlite://"),
    ],
)
def test_bad_database_url_fails_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_database_url(url, base_dir=BASE)


def test_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_bad_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "smtp")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Start from the machine's environment minus what the test settings put there.
    ours = {
        "DATABASE_URL",
        "DEBUG",
        "SECRET_KEY",
        "SECURE_SSL_REDIRECT",
        "STATIC_MANIFEST",
        "DJANGO_SETTINGS_MODULE",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_app_refuses_to_start_with_a_bad_database_url():
    result = _manage(
        "check", DATABASE_URL="mysql://root@localhost/x", SECRET_KEY="k" * 60, DEBUG="false"
    )
    assert result.returncode != 0
    assert "DATABASE_URL must start with postgres:// or sqlite://" in result.stderr


def test_app_refuses_to_start_without_a_secret_key_in_production():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-real-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ",
        ALLOWED_HOSTS="safeguarding.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_with_no_environment_the_app_runs_as_the_local_demo():
    result = _manage("check")
    assert result.returncode == 0, result.stderr


def test_a_deployment_with_a_database_but_no_secret_key_refuses_to_start():
    result = _manage("check", DATABASE_URL="postgres://lscb@127.0.0.1:5432/lscb")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr
