"""Whole public pages kept in the cache, keyed on the board's data version.

Every write to a board moves its `data_version` in the same transaction (lscb.freshness), so
a page cached under the old version is never served after a publication; nothing is
deleted. A hit costs one query (the board and its version) and one cache read.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from boards.models import Board

# Browsers and proxies may keep a page this long without asking again; after it they ask
# with the ETag, and an unchanged board gets a 304.
MAX_AGE = 60


def cached_page(
    request: HttpRequest, board: Board, name: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    etag = f'"{board.pk}-{board.data_version}-{name}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        key = f"public:{board.pk}:{board.data_version}:{name}"
        stored = cache.get(key)
        if stored is None:
            fresh = render()
            if fresh.status_code != 200:
                return fresh
            stored = (fresh.content, fresh["Content-Type"])
            cache.set(key, stored, timeout=24 * 3600)
        content, content_type = stored
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
