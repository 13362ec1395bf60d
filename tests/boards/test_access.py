"""Access to board pages: outsiders 404, members 200, anonymous to login, rights by access."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from boards.access import Need, board_access, boards_for, require
from boards.models import Access
from tests.factories import BoardFactory, MembershipFactory, SubgroupFactory, UserFactory, member


def _board_url(board):
    return reverse("boards:detail", args=[board.slug])


def test_member_sees_their_board_page(client, board, bob):
    client.force_login(bob)
    response = client.get(_board_url(board))
    assert response.status_code == 200
    assert board.name in response.content.decode()


def test_outsider_gets_404_for_a_board_they_do_not_belong_to(client, board, charlie):
    client.force_login(charlie)
    assert client.get(_board_url(board)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, board):
    response = client.get(_board_url(board))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_unknown_board_is_404(client, bob):
    client.force_login(bob)
    assert client.get("/boards/no-such-board/").status_code == 404


def test_subgroup_page_access(client, board, bob, charlie, other_board):
    subgroup = SubgroupFactory(board=board, name="Training")
    foreign = SubgroupFactory(board=other_board, name="Elsewhere")
    url = reverse("boards:subgroup", args=[board.slug, subgroup.pk])
    client.force_login(bob)
    assert client.get(url).status_code == 200
    # A real subgroup of another board, asked for under this board's address.
    assert client.get(reverse("boards:subgroup", args=[board.slug, foreign.pk])).status_code == 404
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_past_membership_gives_no_access(client, board):
    user = UserFactory(username="former")
    MembershipFactory(
        person__user=user,
        board=board,
        term_start=dt.date(2001, 1, 1),
        term_end=dt.date(2004, 1, 1),
    )
    client.force_login(user)
    assert client.get(_board_url(board)).status_code == 404
    assert boards_for(user) == []


@pytest.mark.parametrize(
    ("access", "need", "allowed"),
    [
        (Access.MEMBER, Need.VIEW, True),
        (Access.MEMBER, Need.EDIT, False),
        (Access.PORTFOLIO, Need.REPORTS, True),
        (Access.PORTFOLIO, Need.EDIT, False),
        (Access.OFFICER, Need.EDIT, True),
        (Access.OFFICER, Need.APPROVE, False),
        (Access.CHAIR, Need.APPROVE, True),
    ],
)
def test_rights_follow_access(board, access, need, allowed):
    user = member(board, f"user-{access}", access)
    if allowed:
        require(user, board, need)
    else:
        with pytest.raises(PermissionDenied):
            require(user, board, need)


def test_outsider_is_refused_with_404_whatever_the_need(board, charlie):
    for need in Need:
        with pytest.raises(Http404):
            require(charlie, board, need)


def test_subgroup_officer_edits_only_their_subgroup(board):
    training = SubgroupFactory(board=board, name="Training")
    policy = SubgroupFactory(board=board, name="Policy")
    user = UserFactory(username="sgchair")
    MembershipFactory(person__user=user, board=board, subgroup=training, access=Access.OFFICER)
    access = board_access(user, board)
    assert access.can(Need.VIEW)
    assert not access.can(Need.EDIT)
    assert access.can_edit_for({training.pk})
    assert not access.can_edit_for({policy.pk})


def test_home_lists_only_the_users_boards(client, board, other_board, bob):
    third = BoardFactory(name="Eastmoor Safeguarding Children Board", slug="eastmoor")
    bob = member(third, "bob")  # two boards, so home lists them rather than redirecting
    client.force_login(bob)
    page = client.get("/").content.decode()
    assert board.name in page and third.name in page
    assert other_board.name not in page
