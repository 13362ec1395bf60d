"""The admin respects a signed-off plan, and the demo loads once with what it promises."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from reviews.models import Action, ActionProgress, Recommendation, Review
from reviews.selectors.themes import theme_matrix
from reviews.services.sign_off import review_sign_off


def test_admin_cannot_change_or_delete_a_signed_off_plans_recommendations(
    client, admin_user, review, recommendation, action, carol
):
    review_sign_off(review=review, by=carol)
    client.force_login(admin_user)
    change = reverse("admin:reviews_recommendation_change", args=[recommendation.pk])
    response = client.post(
        change,
        {
            "review": review.pk,
            "number": 1,
            "kind": "statutory_requirement",
            "text": "Changed in the admin",
            "actions-TOTAL_FORMS": 0,
            "actions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code in (200, 403)
    recommendation.refresh_from_db()
    assert recommendation.text != "Changed in the admin"
    delete = reverse("admin:reviews_recommendation_delete", args=[recommendation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    action_delete = reverse("admin:reviews_action_delete", args=[action.pk])
    assert client.post(action_delete, {"post": "yes"}).status_code == 403
    # Signed-off reviews are not offered when adding a recommendation.
    add = client.get(reverse("admin:reviews_recommendation_add"))
    assert f'value="{review.pk}"' not in add.content.decode()


def test_admin_can_edit_an_open_plan(client, admin_user, review, recommendation):
    client.force_login(admin_user)
    change = reverse("admin:reviews_recommendation_change", args=[recommendation.pk])
    response = client.post(
        change,
        {
            "review": review.pk,
            "number": 1,
            "kind": "statutory_requirement",
            "text": "Changed in the admin",
            "actions-TOTAL_FORMS": 0,
            "actions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.text == "Changed in the admin"


@pytest.mark.django_db
def test_demo_loads_once_with_the_adoption_plan_and_a_repeated_hotspot():
    call_command("loaddemo", verbosity=0)
    counts = (Review.objects.count(), Action.objects.count(), ActionProgress.objects.count())
    call_command("loaddemo", verbosity=0)
    assert (
        Review.objects.count(),
        Action.objects.count(),
        ActionProgress.objects.count(),
    ) == counts
    adoption = Review.objects.get(kind="single_agency_inspection")
    kinds = list(adoption.recommendations.values_list("kind", flat=True))
    assert kinds.count("statutory_requirement") == 7 and kinds.count("recommendation") == 5
    assert adoption.findings.filter(judgement="good").count() == 2
    scr = Review.objects.get(kind="scr")
    assert scr.is_signed_off and scr.signed_off_by.username == "chair"
    assert Review.objects.filter(kind="near_miss").exists()
    assert (
        Review.objects.get(kind="jtai").recommendations.filter(kind="area_for_improvement").count()
        == 5
    )
    assert "feedback letter" in Review.objects.get(kind="peer_review").summary.lower()
    assert all(
        u.author.username == "officer" for u in ActionProgress.objects.select_related("author")
    )
    matrix = theme_matrix(adoption.board, dt.date.today())
    assert any(row.raised_by >= 3 for row in matrix.hotspots)
