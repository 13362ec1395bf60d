"""Load test journeys for `manage.py bench --load`: officers, chairs and portfolio holders.

The bench command starts gunicorn on loopback and passes the targets in LSCB_LOAD_PLAN
(JSON: per board, URL paths and logins per role), so this file never touches the database.
Simulated users are dealt out over the boards in turn, as people of one installation
belong to different partnerships. FastHttpUser keeps the load generator's own CPU small:
it shares the machine's cores with the server it measures.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

import gevent
from locust import FastHttpUser, between, task

PLAN = json.loads(os.environ.get("LSCB_LOAD_PLAN", '{"boards": []}'))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next_board = itertools.count()
# The bench says how many users it starts. When the last of them has signed in, the
# statistics start again, so the figures are the steady state: not the sign-ins (a password
# hash each) and not the requests that queued behind them.
# The steady state then lasts LSCB_LOAD_SECONDS and the run stops.
_USERS = int(os.environ.get("LSCB_LOAD_USERS", "0"))
_SECONDS = float(os.environ.get("LSCB_LOAD_SECONDS", "0"))
_signed_in = itertools.count(1)


def _one_more_signed_in(environment) -> None:
    if next(_signed_in) == _USERS:
        environment.stats.reset_all()
        if _SECONDS and environment.runner is not None:
            gevent.spawn_later(_SECONDS, environment.runner.quit)


class _BoardUser(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    role = ""

    def on_start(self) -> None:
        boards = PLAN["boards"]
        plan = boards[next(_next_board) % len(boards)][self.role]
        self.urls = plan["urls"]
        page = self.client.get("/login/", name="login page")
        token = _CSRF.search(page.text).group(1)
        # A failed sign-in answers 200 with the form again; only the redirect is success,
        # or every later request would measure the login page instead.
        with self.client.post(
            "/login/",
            {
                "username": random.choice(plan["usernames"]),  # nosec B311 - any test login
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token,
            },
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
        _one_more_signed_in(self.environment)

    def _get(self, key: str) -> None:
        self.client.get(self.urls[key], name=key)


class Officer(_BoardUser):
    weight = 3
    role = "officer"

    @task(3)
    def workplan(self) -> None:
        self._get("workplan")

    @task(2)
    def outcome(self) -> None:
        self._get("outcome")

    @task(2)
    def my_updates(self) -> None:
        self._get("my updates due")

    @task(1)
    def record_progress(self) -> None:
        target = random.choice(self.urls["record progress"])  # nosec B311 # noqa: S311
        form = self.client.get(target, name="record progress form")
        match = _CSRF.search(form.text)
        if match is None:
            return
        year, month, day = self.urls["progress date"].split("-")
        # The date is the design system's three-box input, and a form error answers 200:
        # only the redirect to the outcome counts as a recorded update.
        with self.client.post(
            target,
            {
                "csrfmiddlewaretoken": match.group(1),
                "date_0": day,
                "date_1": month,
                "date_2": year,
                "rag": "on_track",
                "narrative": "Load test: steady progress this quarter.",
            },
            name="record progress",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"progress not recorded ({response.status_code})")


class Chair(_BoardUser):
    weight = 1
    role = "chair"

    @task(2)
    def board(self) -> None:
        self._get("board")

    @task(2)
    def reviews(self) -> None:
        self._get("review list")

    @task(2)
    def review(self) -> None:
        self._get("review")

    @task(1)
    def themes(self) -> None:
        self._get("thematic view")


class PortfolioHolder(_BoardUser):
    weight = 1
    role = "portfolio"

    @task(2)
    def reports(self) -> None:
        self._get("reports list")

    @task(1)
    def download(self) -> None:
        if "report download" in self.urls:
            self._get("report download")

    @task(1)
    def board(self) -> None:
        self._get("board")
