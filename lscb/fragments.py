"""Rendered parts of board pages, cached until the board's data or the date changes.

The key holds the board's versions of the areas the part shows (moved on by every write
there, see lscb.freshness; all areas unless the part names fewer), today's date (statutory
clocks, overdue actions and "this quarter" change at midnight), and whatever else the part
depends on: who is looking (their access), the object and the filters. Nothing is ever
deleted: a write makes the old key unreachable.

A part holding a CSRF token is never cached: it would hand one person's token to another.
A cache that is down or slow costs the rendering, never the page.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from lscb.freshness import AREAS

logger = logging.getLogger(__name__)

CSRF_MARKER = "csrfmiddlewaretoken"
# Stands in a cached part for the viewer's own CSRF field (see {% fragment_csrf_token %}).
CSRF_PLACEHOLDER = "<!--lscb:csrf-token-->"


def fragment_key(
    name: str, board, vary: Iterable[object] = (), areas: Iterable[str] | None = None
) -> str:
    """The cache key of one part of a board page; `areas` are what it shows (None: all)."""
    if areas is None:
        versions = str(board.data_version)
    else:
        chosen = sorted(set(areas))
        unknown = set(chosen) - set(AREAS)
        if unknown or not chosen:
            raise ValueError(f"Areas must be some of {', '.join(AREAS)}, not {areas!r}.")
        versions = ".".join(f"{a}{getattr(board, f'{a}_version')}" for a in chosen)
    parts = "\x1f".join(str(v) for v in vary)
    digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
    today = timezone.localdate().isoformat()
    return f"frag:{name}:{board.pk}:{versions}:{today}:{digest}"


def known_query(query: QueryDict, names: Iterable[str]) -> str:
    """The query string of only the parameters a page knows, in a fixed order.

    One cache entry per distinct view of a page; parameters the page ignores can neither
    multiply the entries nor be echoed into links that another viewer is then served.
    """
    pairs = [(n, v) for n in sorted(names) for v in sorted(query.getlist(n))]
    return urlencode(pairs)


def _cache():
    return caches[settings.FRAGMENT_CACHE]


def cached_fragment(
    key: str, render: Callable[[], str], keep: Callable[[], bool] | None = None
) -> str:
    """The part stored under `key`, else `render()`'s, stored unless `keep` (asked after
    rendering) says the part is too short-lived to store."""
    try:
        html = _cache().get(key)
    except Exception:  # noqa: BLE001 - any cache failure falls back to rendering
        logger.warning("Fragment cache unavailable; rendering %s", key, exc_info=True)
        return render()
    if html is not None:
        return html
    html = render()
    if keep is not None and not keep():
        return html
    if CSRF_MARKER in html:
        logger.error("Not caching %s: it holds a CSRF token; move the form out of it", key)
        return html
    try:
        _cache().set(key, html, settings.FRAGMENT_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("Could not store %s in the fragment cache", key, exc_info=True)
    return html


def fill_csrf(html: str, token: str) -> str:
    """A cached part with the viewer's own CSRF field where it holds the placeholder."""
    if CSRF_PLACEHOLDER not in html:
        return html
    field = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
    return html.replace(CSRF_PLACEHOLDER, field)
