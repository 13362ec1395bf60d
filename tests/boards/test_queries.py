"""Query counts on board list pages do not grow with the number of boards or members."""

import pytest

from tests.factories import BoardFactory, MembershipFactory, SubgroupFactory, UserFactory


def _user_on_boards(count: int):
    user = UserFactory(username=f"busy{count}")
    person = None
    for i in range(count):
        board = BoardFactory(name=f"Board {count}-{i}", slug=f"b{count}-{i}")
        m = (
            MembershipFactory(board=board, person__user=user)
            if person is None
            else (MembershipFactory(board=board, person=person))
        )
        person = m.person
        for _ in range(3):
            SubgroupFactory(board=board)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("boards", [2, 20])
def test_home_page_queries_are_flat(client, django_assert_num_queries, boards):
    user = _user_on_boards(boards)
    client.force_login(user)
    # 1 session, 2 user, 3 the user's boards (membership subquery inside)
    with django_assert_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('app-card"') == boards
