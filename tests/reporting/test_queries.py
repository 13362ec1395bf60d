"""The report download runs the same queries however many reports a board has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reporting.test_views import ready_report


@pytest.mark.parametrize("count", [5, 50])
def test_download_queries_do_not_grow_with_reports(client, board, pat, count):
    reports = [
        ready_report(board, version=v, quarter=["2008Q1", "2008Q2", "2008Q3"][v % 3])
        for v in range(1, count + 1)
    ]
    client.force_login(pat)
    url = reverse("reporting:download", args=[board.slug, reports[-1].pk])
    # session, user, board, memberships (access), the report
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert body.startswith(b"%PDF")
    assert len(ctx.captured_queries) == 5, [q["sql"] for q in ctx.captured_queries]
