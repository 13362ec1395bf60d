"""Error pages keep the header, the navigation and the sign-out, and the 500 page works with
no database. Tests run with DEBUG off, so these are the pages the handlers serve."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.reviews.factories import ReviewFactory


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_debug_is_off_so_the_handlers_answer():
    assert settings.DEBUG is False


def test_unknown_address_shows_the_styled_404_with_account_links(client, bob):
    client.force_login(bob)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = _text(response)
    assert "Page not found" in page
    assert "Signed in as" in page
    assert 'action="/logout/"' in page and ">Sign out</button>" in page
    assert "Technical details" not in page and "Using the URLconf" not in page


def test_missing_record_on_a_board_keeps_the_board_navigation_for_its_members(client, bob, board):
    client.force_login(bob)
    response = client.get(reverse("reviews:detail", args=[board.slug, 999_999]))
    assert response.status_code == 404
    page = _text(response)
    assert 'class="app-board-nav"' in page
    assert f'href="{reverse("boards:detail", args=[board.slug])}"' in page
    assert f"Go to {board.name}" in page


def test_a_board_outsider_gets_no_hint_of_the_board(client, charlie, board):
    client.force_login(charlie)
    response = client.get(reverse("boards:detail", args=[board.slug]))
    assert response.status_code == 404
    page = _text(response)
    assert board.name not in page
    assert 'class="app-board-nav"' not in page
    assert ">Sign out</button>" in page


def test_forbidden_action_shows_the_styled_403_with_board_navigation(client, bob, board):
    review = ReviewFactory(board=board)
    client.force_login(bob)
    response = client.get(reverse("reviews:edit", args=[board.slug, review.pk]))
    assert response.status_code == 403
    page = _text(response)
    assert "You do not have permission to do this" in page
    assert 'class="app-board-nav"' in page
    assert ">Sign out</button>" in page


@pytest.mark.urls("tests.lscb.error_urls")
def test_server_error_page_keeps_the_header_and_sign_out_without_the_database(
    bob, django_assert_num_queries
):
    client = Client(raise_request_exception=False)
    client.force_login(bob)
    # 0 queries: neither the session, nor the user, nor anything else is read.
    with django_assert_num_queries(0):
        response = client.get("/fails/")
    assert response.status_code == 500
    page = _text(response)
    assert "Sorry, there is a problem with the service" in page
    assert ">Sign out</button>" in page and 'name="csrfmiddlewaretoken"' in page
    assert 'href="/"' in page


@pytest.mark.urls("tests.lscb.error_urls")
def test_server_error_page_for_someone_not_signed_in_offers_no_sign_out(db):
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert "Sign out" not in response.content.decode()


def test_footer_has_no_link_to_the_machines_health_check(client, bob):
    client.force_login(bob)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("health") not in page
    assert "Service health" not in page
    # Machines still have it.
    assert client.get(reverse("health")).status_code == 200
