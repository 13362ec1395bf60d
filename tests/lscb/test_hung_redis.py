"""A Redis that accepts connections and never answers costs one timeout, not one per
cached part: the cache is then skipped for a while (lscb.cache), and tried again after.

The silent Redis is a real socket server on its own thread; the pages are rendered with
the project's Redis cache backend pointed at it.
"""

from __future__ import annotations

import datetime as dt
import socket
import statistics
import threading
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from lscb import cache as breaker
from lscb.vocab import RAG
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory
from tests.workplans.factories import WorkplanFactory, make_outcomes
from workplans import services as workplans_services

TIMEOUT = 0.5  # the socket timeouts in lscb/settings.py
BREAK = 4.0
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


class SilentRedis:
    """Accepts connections and reads whatever is sent, but never replies."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.received = 0
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.received += len(data)

    def close(self) -> None:
        self._listener.close()
        for conn in self._sockets:
            conn.close()


@pytest.fixture
def silent_redis():
    server = SilentRedis()
    yield server
    server.close()
    breaker._skip_until.pop(f"redis://127.0.0.1:{server.port}/0", None)


def _redis_cache(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "lscb.cache.CircuitBreakerRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {
                "socket_timeout": TIMEOUT,
                "socket_connect_timeout": TIMEOUT,
                "break_seconds": BREAK,
            },
        }
    }


def _timed_get(client, url: str, caches: dict) -> float:
    with override_settings(CACHES=caches):
        started = time.perf_counter()
        response = client.get(url)
        took = time.perf_counter() - started
    assert response.status_code == 200
    return took


@pytest.mark.django_db
def test_a_silent_redis_costs_one_timeout_then_pages_take_their_uncached_time(
    client, board, alice, silent_redis
):
    workplan = WorkplanFactory(board=board)
    for outcome in make_outcomes(workplan, 5):
        workplans_services.outcome_record_progress(
            outcome=outcome, by=alice, rag=RAG.ON_TRACK, narrative="Begun", date=dt.date.today()
        )
    for i in range(3):
        rec = RecommendationFactory(review=ReviewFactory(board=board, title=f"Review {i}"))
        ActionFactory(recommendation=rec)
    client.force_login(alice)
    url = reverse("boards:detail", args=[board.slug])
    redis = _redis_cache(silent_redis.port)
    _timed_get(client, url, NO_CACHE)  # warm up templates and queries

    first = _timed_get(client, url, redis)
    opened = time.monotonic()
    asked = silent_redis.received
    assert asked > 0  # it did try Redis

    plain, skipping = [], []
    for _ in range(5):  # alternated, so that a busy machine slows both alike
        plain.append(_timed_get(client, url, NO_CACHE))
        skipping.append(_timed_get(client, url, redis))
    assert time.monotonic() - opened < BREAK, "measured past the break; lengthen BREAK"
    assert silent_redis.received == asked  # skipped: not asked again during the break
    no_cache, with_silent_redis = statistics.median(plain), statistics.median(skipping)
    print(
        f"board page: no cache {no_cache * 1000:.0f} ms; silent Redis: first {first * 1000:.0f}"
        f" ms, then {with_silent_redis * 1000:.0f} ms"
    )
    # One timeout on the first request, not one for each cached part...
    assert first < 2 * TIMEOUT + 2 * no_cache
    # ...then the page takes its uncached time.
    assert with_silent_redis < 1.5 * no_cache

    # After the break, Redis is asked again (and, still silent, costs one more timeout).
    time.sleep(max(0.0, opened + BREAK - time.monotonic()) + 0.1)
    again = _timed_get(client, url, redis)
    assert silent_redis.received > asked
    assert again >= TIMEOUT
    asked = silent_redis.received
    _timed_get(client, url, redis)
    assert silent_redis.received == asked


@pytest.mark.django_db
def test_while_redis_is_skipped_the_cache_answers_as_an_empty_one(silent_redis):
    with override_settings(CACHES=_redis_cache(silent_redis.port)):
        assert cache.get("k", "default") == "default"  # the one timeout
        started = time.perf_counter()
        assert cache.get("k") is None
        assert cache.add("k", 1) is False
        assert cache.set("k", 1) is None
        assert cache.get_many(["k"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        with pytest.raises(ValueError):
            cache.incr("k")
        assert time.perf_counter() - started < TIMEOUT
