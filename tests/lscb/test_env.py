import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE = Path(__file__).resolve().parents[2]

# What the test settings (or the machine) may have put in the environment; each test
# starts from none of it.
_OURS = {
    "DATABASE_URL",
    "DEBUG",
    "DEV_TOOLS",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "STATIC_MANIFEST",
    "DJANGO_SETTINGS_MODULE",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _settings(monkeypatch, **env: str) -> dict:
    """The settings module's values for this environment, read in a fresh namespace so
    the running test settings are untouched."""
    for name in _OURS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE / "lscb" / "settings.py"))


_PROD = {"DEBUG": "false", "SECRET_KEY": "k" * 60}


def test_postgres_url_becomes_a_database_entry(monkeypatch):
    url = "postgres://lscb:s%40cret@db.example:6543/lscb?sslmode=require"
    db = _settings(monkeypatch, DATABASE_URL=url, **_PROD)["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("lscb", "lscb", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example", "6543")
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)
    assert db["DISABLE_SERVER_SIDE_CURSORS"]  # form choices: one query, not three trips


def test_sqlite_url_is_relative_to_the_project(monkeypatch):
    db = _settings(monkeypatch, DATABASE_URL="sqlite:///demo.sqlite3", **_PROD)["DATABASES"]
    assert db["default"] == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BASE / "demo.sqlite3"),
    }
    db = _settings(monkeypatch, DATABASE_URL="sqlite:////tmp/x.sqlite3", **_PROD)["DATABASES"]
    assert db["default"]["NAME"] == "/tmp/x.sqlite3"


def test_no_database_url_means_the_demo_sqlite_file_and_debug(monkeypatch):
    values = _settings(monkeypatch)
    assert values["DATABASES"]["default"]["NAME"] == str(BASE / "db.sqlite3")
    assert values["DEBUG"] is True
    assert "tooling" in values["INSTALLED_APPS"]  # DEV_TOOLS defaults to DEBUG
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_a_database_url_turns_debug_and_dev_tools_off(monkeypatch):
    url = "postgres://lscb@127.0.0.1:5432/lscb"
    values = _settings(monkeypatch, DATABASE_URL=url, SECRET_KEY="k" * 60)
    assert values["DEBUG"] is False
    assert "tooling" not in values["INSTALLED_APPS"]
    assert values["SESSION_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]


def test_typed_values_are_read_and_tidied(monkeypatch):
    values = _settings(
        monkeypatch,
        **_PROD,
        ALLOWED_HOSTS=" a.example , b.example,,",
        EMAIL_PORT="25",
        AXES_PROXY_COUNT="",  # blank: the default
        EMAIL_USE_TLS="off",
        DEV_TOOLS="yes",
    )
    assert values["ALLOWED_HOSTS"] == ["a.example", "b.example"]
    assert values["EMAIL_PORT"] == 25
    assert values["AXES_IPWARE_PROXY_COUNT"] is None
    assert values["EMAIL_USE_TLS"] is False
    assert values["INSTALLED_APPS"][-1] == "tooling"


def test_a_value_starting_with_a_dollar_is_itself(monkeypatch):
    # Not a reference to another variable: generated secret keys may begin with "$".
    values = _settings(monkeypatch, DEBUG="false", SECRET_KEY="$" + "k" * 59)
    assert values["SECRET_KEY"] == "$" + "k" * 59


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/lscb", "DATABASE_URL must start with postgres:// or sqlite://"),
        ("postgres://localhost", "DATABASE_URL must name a database"),
        ("postgres://localhost:port/lscb", "DATABASE_URL has a port that is not a number"),
        ("not a url", "DATABASE_URL must start with postgres:// or sqlite://"),
        ("sqlite:///", "DATABASE_URL for SQLite needs a file"),
    ],
)
def test_bad_database_url_fails_with_a_clear_message(monkeypatch, url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _settings(monkeypatch, DATABASE_URL=url, **_PROD)


@pytest.mark.parametrize("value", ["maybe", "2", "ture"])
def test_bad_boolean_names_the_variable(monkeypatch, value):
    # django-environ alone would read any of these as False without a word.
    with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS must be true or false"):
        _settings(monkeypatch, EMAIL_USE_TLS=value)


def test_bad_integer_names_the_variable(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        _settings(monkeypatch, EMAIL_PORT="smtp")


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Start from the machine's environment minus what the test settings put there.
    clean = {k: v for k, v in os.environ.items() if k not in _OURS}
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


def test_app_refuses_to_start_with_a_bad_boolean():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


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
