"""Django's Redis cache, skipping a Redis that stops answering for a short while.

Without this, a Redis that accepts connections but never replies costs every cache call its
socket timeout: five cached parts on a board page made it 2.5 s slower than no cache at
all. Here the first call that finds Redis silent (a timeout or a refused connection) opens
a breaker: for `break_seconds` every call answers at once as an empty cache would (nothing
found, nothing stored), so pages render their parts themselves at their uncached speed.
After the break, the next call tries Redis again; if it answers, the cache is back, if
not, the break starts over.

The breaker is per process and per Redis location, shared by the process's threads
(Django gives each thread its own cache object). Other Redis errors are not an outage and
are raised as usual.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BREAK_SECONDS = 30.0
_SILENT = (RedisConnectionError, RedisTimeoutError)
# Redis location -> time.monotonic() until which it is skipped.
_skip_until: dict[str, float] = {}


def _nothing(*args: Any) -> None:
    return None


def _false(*args: Any) -> bool:
    return False


class CircuitBreakerRedisCache(RedisCache):
    """RedisCache whose calls answer as an empty cache while Redis is not answering.

    OPTIONS may hold `break_seconds` (default 30); the rest go to redis-py as usual.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.break_seconds = float(options.pop("break_seconds", BREAK_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    def _guard(self, fallback: Callable[..., Any], call: Callable[..., Any], *args, **kwargs):
        until = _skip_until.get(self._location)
        if until is not None and time.monotonic() < until:
            return fallback(*args)
        try:
            result = call(*args, **kwargs)
        except _SILENT as exc:
            _skip_until[self._location] = time.monotonic() + self.break_seconds
            logger.warning(
                "Redis is not answering (%s); the cache is skipped for %g s",
                exc,
                self.break_seconds,
            )
            return fallback(*args)
        if until is not None:
            _skip_until.pop(self._location, None)
            logger.info("Redis answers again; the cache is back")
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(_false, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(lambda *a: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(_nothing, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(_false, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(_false, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard(lambda *a: {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(_false, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing(*args):
            raise ValueError(f"Key '{key}' not found.")  # what any cache says of a missing key

        return self._guard(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda *a: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(_nothing, super().delete_many, keys, version)

    def clear(self):
        return self._guard(_nothing, super().clear)
