import pytest

from reviews.services import partner
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory


@pytest.fixture
def action_link(board, alice):
    """An open action of the board's JTAI plan and alice's link for it to the police lead."""
    action = ActionFactory(
        recommendation=RecommendationFactory(review=ReviewFactory(board=board, title="JTAI")),
        what="Train every response officer",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partner, "_send", lambda *args: None)
        link = partner.action_link_send(action=action, by=alice, sent_to="lead@police.example.org")
    return action, link
