import pytest
from django.core import mail

from reviews.models import ReviewKind
from reviews.services import partner, s11
from tests.factories import AgencyFactory
from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

LEAD = "lead@police.example.org"


@pytest.fixture
def action_link(board, alice):
    """An open action of the board's JTAI plan and alice's link for it to the police lead."""
    action = ActionFactory(
        recommendation=RecommendationFactory(review=ReviewFactory(board=board, title="JTAI")),
        what="Train every response officer",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partner, "_send", lambda *args: None)
        link = partner.action_link_send(action=action, by=alice, sent_to=LEAD)
    return action, link


@pytest.fixture
def audit_return(board, alice, django_capture_on_commit_callbacks):
    """The police's section 11 return, issued to LEAD by alice."""
    alice.email = "alice@example.org"
    alice.save()
    review = ReviewFactory(board=board, kind=ReviewKind.SECTION_11, title="Audit 2026/27")
    s11.standard_add(board=board, by=alice, code="1", title="Leadership")
    with django_capture_on_commit_callbacks(execute=True):
        s11_return, _ = s11.s11_return_issue(
            review=review,
            agency=AgencyFactory(name="Cleveland Police"),
            lead_name="DCI Smith",
            lead_email=LEAD,
            by=alice,
        )
    mail.outbox.clear()
    return s11_return
