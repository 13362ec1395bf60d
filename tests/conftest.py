"""Named users, as healthchecks does: alice is an officer, bob a plain member, charlie an
outsider, carol the chair and pat the portfolio holder of the same board."""

from __future__ import annotations

import datetime as dt

import pytest

from boards.models import Access
from tests.clock import RUN_STARTED_ON, keep_today
from tests.factories import BoardFactory, UserFactory, member

# `s3_server` and `object_store`: a local S3-compatible server for the object-store tests.
pytest_plugins = ["tests.object_store"]


@pytest.fixture
def board(db):
    return BoardFactory(name="Northtown Safeguarding Children Board", slug="northtown")


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Southvale Safeguarding Children Board", slug="southvale")


@pytest.fixture
def alice(board):
    return member(board, "alice", Access.OFFICER)


@pytest.fixture
def bob(board):
    return member(board, "bob", Access.MEMBER)


@pytest.fixture
def carol(board):
    return member(board, "carol", Access.CHAIR)


@pytest.fixture
def pat(board):
    return member(board, "pat", Access.PORTFOLIO)


@pytest.fixture
def charlie(other_board):
    """A member of another board: an outsider to `board`."""
    return member(other_board, "charlie", Access.CHAIR)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached page fragments: primary keys and data versions are
    reused between tests, so a fragment cached by one test could otherwise answer another."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _today_is_the_day_the_test_runs(request):
    keep_today(request.module, RUN_STARTED_ON, dt.date.today())


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(django_db_setup, django_db_blocker):
    """Tests that start servers and workers leave their sessions behind for a moment;
    end them so PostgreSQL lets the test database be dropped at the end of the run."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        # A fresh connection: the last test may have left this one closed by the server.
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()
