"""Keeps a render's claim alive from a background thread while the render runs.

WeasyPrint lays out a long report in one call that may outlast the lease, so the claim
cannot be renewed between stages alone. The thread stops with the render, or when the
process dies, which is what lets the claim lapse and another worker take the report over.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType

from django.db import connections

logger = logging.getLogger(__name__)


class LeaseHeartbeat:
    """Calls `renew` every `every` seconds until the block ends or `renew` returns False."""

    def __init__(self, renew: Callable[[], bool], every: float, what: str = "") -> None:
        self.renew, self.every, self.what = renew, every, what
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease {what}", daemon=True)
        self.lost = False

    def __enter__(self) -> LeaseHeartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    if not self.renew():
                        # Taken over (the lease lapsed while this process was stalled); the
                        # render's final conditional update will find it gone too.
                        self.lost = True
                        logger.warning("Lost the claim on %s; no longer renewing it", self.what)
                        return
                except Exception:  # noqa: BLE001 - a database blip: try again next beat
                    logger.warning("Could not renew the claim on %s", self.what, exc_info=True)
        finally:
            # This thread's own database connections, opened by `renew`.
            connections.close_all()
