"""Actions recorded before they named their board take it from their recommendation's
review, and then every action must name one."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reviews", "0006_partner_progress")]
AFTER = [("reviews", "0008_actions_from_minutes")]


def _with_boards_as_now(targets):
    """The targets, with boards at its latest migration: going back in reviews leaves the
    boards tables as they are, so the historical Board must know all their columns."""
    graph = MigrationExecutor(connection).loader.graph
    return targets + [node for node in graph.leaf_nodes() if node[0] == "boards"]


def _migrate(targets):
    targets = _with_boards_as_now(targets)
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_action_takes_the_board_of_its_review():
    old = _migrate(BEFORE)
    Board = old.get_model("boards", "Board")
    Review = old.get_model("reviews", "Review")
    Recommendation = old.get_model("reviews", "Recommendation")
    Action = old.get_model("reviews", "Action")
    north = Board.objects.create(name="Northshire", slug="northshire", area="North")
    south = Board.objects.create(name="Southvale", slug="southvale", area="South")
    made = {}
    for board in (north, south):
        review = Review.objects.create(
            board=board, title=f"{board.name} review", kind="scr", start_date="2008-04-01"
        )
        rec = Recommendation.objects.create(
            review=review, number=1, kind="statutory_requirement", text="Do it"
        )
        made[board.pk] = [
            Action.objects.create(recommendation=rec, what=f"Act {i}").pk for i in range(2)
        ]

    new = _migrate(AFTER)
    Action = new.get_model("reviews", "Action")
    for board_id, ids in made.items():
        assert set(Action.objects.filter(board_id=board_id).values_list("pk", flat=True)) == set(
            ids
        )
    # An action with no source, or with two, is refused by the database itself.
    rec = new.get_model("reviews", "Recommendation").objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(board_id=north.pk, what="From nowhere")
    assert Action.objects.filter(recommendation=rec).count() == 2

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
