"""The single RAG status recorded before impact was rated apart becomes delivery, with nothing
lost: every old statement keeps its rating, narrative and date, and has no impact rating."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workplans", "0004_reason_limits"), ("reviews", "0004_reason_limits")]
AFTER = [("workplans", "0005_impact_ratings"), ("reviews", "0005_impact_ratings")]
RAGS = ["not_started", "on_track", "at_risk", "off_track", "complete"]


def _migrate(targets):
    """Migrate the two apps to `targets`; the models as they were then, with the boards
    app (which they build on) as it is now."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, ("boards", _latest("boards"))]).apps


def _one_of_each_rag(model, author, **owner) -> None:
    for i, rag in enumerate(RAGS):
        model.objects.create(
            author=author,
            date=dt.date(2008, 5 + i, 1),
            quarter="2008Q1",
            rag=rag,
            narrative=f"Said {rag}",
            **owner,
        )


@pytest.mark.django_db(transaction=True)
def test_every_old_rag_is_kept_as_delivery_with_no_impact():
    old = _migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="alice")
    board = old.get_model("boards", "Board").objects.create(
        name="Northshire", slug="northshire", area="Northshire"
    )
    workplan = old.get_model("workplans", "Workplan").objects.create(
        board=board, title="Plan", start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )
    outcome = old.get_model("workplans", "Outcome").objects.create(
        workplan=workplan, title="Outcome", current_rag="at_risk"
    )
    Update = old.get_model("workplans", "ProgressUpdate")
    _one_of_each_rag(Update, user, outcome=outcome)
    review = old.get_model("reviews", "Review").objects.create(
        board=board, title="Review", kind="scr", start_date=dt.date(2008, 4, 1)
    )
    recommendation = old.get_model("reviews", "Recommendation").objects.create(
        review=review, number=1, kind="statutory_requirement", text="Do it"
    )
    action = old.get_model("reviews", "Action").objects.create(
        recommendation=recommendation, what="Act", current_rag="off_track"
    )
    _one_of_each_rag(old.get_model("reviews", "ActionProgress"), user, action=action)

    new = _migrate(AFTER)

    kept = new.get_model("workplans", "ProgressUpdate").objects.order_by("date")
    assert [(u.rag, u.narrative, u.impact, u.impact_narrative) for u in kept] == [
        (rag, f"Said {rag}", "", "") for rag in RAGS
    ]
    moved = new.get_model("workplans", "Outcome").objects.get()
    assert (moved.current_rag, moved.current_impact) == ("at_risk", "")
    kept = new.get_model("reviews", "ActionProgress").objects.order_by("date")
    assert [(u.rag, u.narrative, u.impact) for u in kept] == [
        (rag, f"Said {rag}", "") for rag in RAGS
    ]
    moved = new.get_model("reviews", "Action").objects.get()
    assert (moved.current_rag, moved.current_impact) == ("off_track", "")

    # Back again, the delivery ratings are the RAG statuses they were.
    _migrate(BEFORE)
    assert list(Update.objects.order_by("date").values_list("rag", flat=True)) == RAGS
    # Every app forward again: going back also unapplied the migrations of the apps built
    # on these two (reporting's outcome indicators), which later tests need.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _latest(app: str) -> str:
    executor = MigrationExecutor(connection)
    return max(name for label, name in executor.loader.graph.leaf_nodes() if label == app)
