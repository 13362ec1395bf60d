"""The database goes away while the app is serving: requests fail cleanly, then recover.

A real server process talks to PostgreSQL through a TCP proxy that the test can cut, the
same as a database restart or a network blip looks from the app's side.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from boards.models import Access
from tests.factories import BoardFactory, member

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL behind a proxy"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CuttableProxy:
    """Forwards 127.0.0.1:port to the database until cut; while cut, refuses everything."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = _free_port()
        self.up = True
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.close()

    def cut(self) -> None:
        self.up = False
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self._sockets.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self._listener.close()


def _get(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 - loopback http only
        url, headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.mark.django_db(transaction=True)
def test_requests_fail_cleanly_while_the_database_is_down_and_recover_after():
    board = BoardFactory(slug="northtown", name="Northtown Board")
    user = member(board, "alice", Access.OFFICER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    cookie = f"sessionid={session.session_key}"

    s = connection.settings_dict
    proxy = CuttableProxy((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{s['USER']}@127.0.0.1:{proxy.port}/{s['NAME']}",
        "REDIS_URL": "",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        assert _get(f"{base}/boards/northtown/", cookie)[0] == 200

        proxy.cut()
        status, body = _get(f"{base}/boards/northtown/", cookie)
        assert status == 503
        assert "service is unavailable" in body and "Traceback" not in body
        assert _get(f"{base}/health/")[0] == 503

        proxy.restore()
        status, body = _get(f"{base}/boards/northtown/", cookie)
        assert status == 200 and "Northtown Board" in body
        assert _get(f"{base}/health/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        proxy.close()
        _end_server_backends(s["NAME"])


def _end_server_backends(name: str) -> None:
    """End the stopped server's database sessions so the test database can be dropped."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
