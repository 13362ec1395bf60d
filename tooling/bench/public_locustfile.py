"""Public visitors for `manage.py bench` (the load part): anonymous readers of boards'
public pages, one request after another with no pause, so the figure is the most requests
a second the site serves for a cached public page.

The bench passes the boards in LSCB_LOAD_PLAN and the number of visitors in LSCB_LOAD_USERS;
statistics start again once every visitor has made a first request (a worker's first
request renders the page; later ones are served from the cache) and the run stops
LSCB_LOAD_SECONDS later.
"""

from __future__ import annotations

import itertools
import json
import os

import gevent
from locust import FastHttpUser, constant, task

PLAN = json.loads(os.environ.get("LSCB_LOAD_PLAN", '{"boards": []}'))
_USERS = int(os.environ.get("LSCB_LOAD_USERS", "0"))
_SECONDS = float(os.environ.get("LSCB_LOAD_SECONDS", "0"))
_started = itertools.count(1)
_next_board = itertools.count()


class PublicVisitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        boards = PLAN["boards"]
        self.url = boards[next(_next_board) % len(boards)]["public"]
        self.client.get(self.url, name="public board page (first)")
        if next(_started) == _USERS:
            self.environment.stats.reset_all()
            if _SECONDS and self.environment.runner is not None:
                gevent.spawn_later(_SECONDS, self.environment.runner.quit)

    @task
    def board_page(self) -> None:
        self.client.get(self.url, name="public board page")
