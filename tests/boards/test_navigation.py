"""Getting around: one board goes straight to it, subgroup pages sit under the board."""

import re

from django.urls import reverse

from boards.models import Access
from tests.factories import BoardFactory, SubgroupFactory, member


def test_home_sends_someone_with_one_board_straight_to_it(client, bob, board):
    client.force_login(bob)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:detail", args=[board.slug])


def test_home_lists_the_boards_of_someone_on_two(client, bob, board, other_board):
    bob = member(other_board, "bob", Access.MEMBER)
    client.force_login(bob)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert board.name in page and other_board.name in page


def test_home_of_someone_on_no_board_says_so(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "You are not a current member of any board." in response.content.decode()


def test_signing_in_with_one_board_lands_on_the_board(client, bob, board):
    response = client.post(
        reverse("login"), {"username": "bob", "password": "password"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("boards:detail", args=[board.slug])


def test_subgroup_page_has_a_breadcrumb_and_highlights_the_board_tab(client, bob, board):
    subgroup = SubgroupFactory(board=board, name="Training Subgroup")
    client.force_login(bob)
    page = client.get(reverse("boards:subgroup", args=[board.slug, subgroup.pk])).content.decode()
    page = re.sub(r"\s+", " ", page)
    board_url = reverse("boards:detail", args=[board.slug])
    crumbs = re.search(r'<nav class="govuk-breadcrumbs"[^>]*>(.*?)</nav>', page).group(1)
    assert f'href="{board_url}">{board.name}</a>' in crumbs
    assert f'href="{board_url}#subgroups">Subgroups and panels</a>' in crumbs
    assert f'href="{board_url}" aria-current="page">Board</a>' in page


def test_board_page_anchor_the_breadcrumb_points_to_exists(client, bob, board):
    client.force_login(bob)
    page = client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    assert 'id="subgroups"' in page


def test_a_board_nobody_belongs_to_is_not_a_redirect_target(client, bob, board):
    BoardFactory(name="Elsewhere", slug="elsewhere")
    client.force_login(bob)
    assert client.get(reverse("home"))["Location"].endswith(f"/{board.slug}/")
