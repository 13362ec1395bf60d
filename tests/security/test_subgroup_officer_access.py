"""Officers of a subgroup, asking for the authoring pages: those of the outcome's
lead subgroup may change, move and retire it; those of another subgroup may not. Either may
add an outcome (for their own subgroup only, which the form and the service both hold to);
neither may start a year's plan or approve one.

The permission matrix (test_permission_matrix.py) has no subgroup officer among its
visitors; this is its row for them, for every workplan URL that writes or shapes a plan.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from boards.models import Access
from tests.factories import SubgroupFactory, member
from tests.security.test_permission_matrix import _request

# URL name, object in the URL, method, POST data, (status for an officer of the lead
# subgroup, status for an officer of another subgroup).
CASES = [
    ("workplans:detail", "workplan", "GET", {}, (200, 200)),
    ("workplans:outcome", "outcome", "GET", {}, (200, 200)),
    ("workplans:start", "board", "GET", {}, (403, 403)),
    ("workplans:start", "board", "POST", {}, (403, 403)),
    ("workplans:start_carry", "board", "GET", {}, (403, 403)),
    ("workplans:start_check", "board", "POST", {}, (403, 403)),
    ("workplans:outcome_add", "workplan", "GET", {}, (200, 200)),
    ("workplans:outcome_add", "workplan", "POST", {}, (200, 200)),
    # The only outcome cannot go up: the lead's officer is told so on the plan page.
    ("workplans:outcome_move", "outcome", "POST", {"direction": "up"}, (302, 403)),
    ("workplans:outcome_retire", "outcome", "GET", {}, (200, 403)),
    ("workplans:outcome_retire", "outcome", "POST", {}, (200, 403)),
    ("workplans:outcome_edit", "outcome", "GET", {}, (200, 403)),
    ("workplans:record_progress", "outcome", "GET", {}, (200, 403)),
    ("workplans:approve", "workplan", "GET", {}, (403, 403)),
    ("workplans:approve", "workplan", "POST", {}, (403, 403)),
    ("workplans:import", "board", "GET", {}, (403, 403)),
    # Reviews, their plans and the board's activity belong to the board, not to a subgroup:
    # an officer of any subgroup reads the review but writes none of its plan.
    ("reviews:detail", "review", "GET", {}, (200, 200)),
    ("reviews:finding_add", "review", "GET", {}, (403, 403)),
    ("reviews:finding_add", "review", "POST", {}, (403, 403)),
    ("reviews:finding_edit", "finding", "GET", {}, (403, 403)),
    ("reviews:finding_move", "finding", "POST", {"direction": "up"}, (403, 403)),
    ("reviews:finding_withdraw", "finding", "GET", {}, (403, 403)),
    ("reviews:recommendation_add", "review", "GET", {}, (403, 403)),
    ("reviews:recommendation_edit", "recommendation", "POST", {}, (403, 403)),
    ("reviews:recommendation_move", "recommendation", "POST", {"direction": "up"}, (403, 403)),
    ("reviews:recommendation_withdraw", "recommendation", "POST", {}, (403, 403)),
    ("reviews:action_add", "recommendation", "GET", {}, (403, 403)),
    ("reviews:action_edit", "action", "GET", {}, (403, 403)),
    ("reviews:action_move", "action", "POST", {"direction": "up"}, (403, 403)),
    ("reviews:action_withdraw", "action", "GET", {}, (403, 403)),
    ("reviews:links", "board", "GET", {}, (403, 403)),
    ("reviews:action_links", "action", "GET", {}, (403, 403)),
    ("reviews:action_links", "action", "POST", {"sent_to": "a@b.org"}, (403, 403)),
    ("reviews:link_revoke", "secure_link", "POST", {}, (403, 403)),
    ("reviews:sign_off", "review", "GET", {}, (403, 403)),
    ("reviews:reopen", "review", "GET", {}, (403, 403)),
    # A subgroup's meetings are written by its own officers; every member reads them. The
    # plan page opens for an officer of any subgroup, offering only their own.
    ("boards:meetings", "board", "GET", {}, (200, 200)),
    ("boards:meeting", "board_meeting", "GET", {}, (200, 200)),
    ("boards:meeting_plan", "board", "GET", {}, (200, 200)),
    ("boards:meeting_plan", "board", "POST", {}, (200, 200)),
    ("boards:meeting_edit", "board_meeting", "GET", {}, (200, 403)),
    ("boards:agenda_item_add", "board_meeting", "GET", {}, (200, 403)),
    ("boards:agenda_item_add", "board_meeting", "POST", {}, (200, 403)),
    ("boards:agenda_item_edit", "agenda_item", "POST", {}, (200, 403)),
    ("boards:agenda_item_move", "agenda_item", "POST", {"direction": "up"}, (302, 403)),
    ("boards:agenda_paper_add", "agenda_item", "GET", {}, (200, 403)),
    ("boards:agenda_publish", "board_meeting", "GET", {}, (200, 403)),
    ("boards:meeting_attendance", "board_meeting", "GET", {}, (200, 403)),
    ("boards:declaration_add", "board_meeting", "GET", {}, (200, 403)),
    ("boards:meeting_held", "board_meeting", "GET", {}, (200, 403)),
    # Its minutes and the decisions recorded in them: the same officers. Approving them is
    # the board chair's.
    ("boards:minutes_edit", "board_meeting", "GET", {}, (200, 403)),
    ("boards:minutes_edit", "board_meeting", "POST", {}, (200, 403)),
    ("reviews:minute_action_add", "agenda_item", "GET", {}, (200, 403)),
    ("reviews:minute_action_add", "agenda_item", "POST", {}, (200, 403)),
    ("reviews:minute_action_edit", "decision", "GET", {}, (200, 403)),
    ("reviews:minute_action_edit", "decision", "POST", {}, (200, 403)),
    ("reviews:minute_action_withdraw", "decision", "GET", {}, (200, 403)),
    ("reviews:minute_action_withdraw", "decision", "POST", {}, (200, 403)),
    ("boards:minutes_approve", "board_meeting", "GET", {}, (403, 403)),
    ("boards:minutes_reopen", "board_meeting", "GET", {}, (403, 403)),
    ("reviews:open_actions", "board", "GET", {}, (200, 200)),
    ("boards:activity", "board", "GET", {}, (403, 403)),
    ("boards:activity_csv", "board", "GET", {}, (403, 403)),
    # The subgroup that leads the board's training (here the one leading the outcome)
    # manages it; officers of another subgroup read it.
    ("training:home", "board", "GET", {}, (200, 200)),
    ("training:session", "training_session", "GET", {}, (200, 200)),
    ("training:book", "training_session", "GET", {}, (200, 403)),
    ("training:book", "training_session", "POST", {}, (200, 403)),
    ("training:attendance", "training_session", "POST", {}, (200, 403)),
    ("training:send_follow_ups", "training_session", "POST", {}, (302, 403)),
    ("training:cancel", "booking", "POST", {}, (200, 403)),
    ("training:evaluate", "booking", "GET", {}, (200, 403)),
    ("training:follow_up", "booking", "POST", {}, (200, 403)),
    ("training:withdraw_follow_up_link", "booking", "POST", {}, (302, 403)),
]


@pytest.fixture
def subgroup_officers(board, board_data):
    """(an officer of the outcome's lead subgroup, an officer of another subgroup)."""
    other = SubgroupFactory(board=board, name="Quality and Performance")
    return (
        member(board, "sam", Access.OFFICER, subgroup=board_data.subgroup),
        member(board, "sue", Access.OFFICER, subgroup=other),
    )


@pytest.mark.parametrize("which", ["lead subgroup", "other subgroup"])
@pytest.mark.parametrize(
    "name, target, method, data, expected", CASES, ids=[f"{c[2]} {c[0]}" for c in CASES]
)
def test_subgroup_officers_get_what_their_subgroup_allows(
    board, board_data, subgroup_officers, which, name, target, method, data, expected
):
    lead, other = subgroup_officers
    user, status = (lead, expected[0]) if which == "lead subgroup" else (other, expected[1])
    args = [board.slug] if target == "board" else [board.slug, getattr(board_data, target).pk]
    response = _request(user, method, reverse(name, args=args), data)
    assert response.status_code == status
