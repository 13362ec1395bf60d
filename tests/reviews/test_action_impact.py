"""Review actions rate delivery and impact apart, as workplan outcomes do."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from lscb.vocab import RAG, Impact
from reviews.models import ActionProgress
from reviews.services.progress import action_record_progress
from tests.workplans.test_impact_ratings import progress_post

D = dt.date


def test_action_progress_keeps_both_ratings(action, alice):
    action_record_progress(
        action=action,
        by=alice,
        date=D(2008, 11, 1),
        rag=RAG.ON_TRACK,
        narrative="Training booked",
        impact=Impact.GREEN,
        impact_narrative="Referrals from schools now name the worry.",
    )
    action_record_progress(
        action=action, by=alice, date=D(2008, 12, 1), rag=RAG.ON_TRACK, narrative="More"
    )
    action.refresh_from_db()
    assert (action.current_rag, action.current_impact) == ("on_track", "green")
    first = ActionProgress.objects.order_by("date").first()
    assert first.impact_narrative == "Referrals from schools now name the worry."


def test_the_action_form_records_both_and_the_page_shows_them(client, alice, board, action):
    client.force_login(alice)
    url = reverse("reviews:record_progress", args=[board.slug, action.pk])
    page = client.get(url).content.decode()
    assert "Delivery: are we doing what we said we would?" in page
    assert "Evidence of impact" in page
    response = client.post(
        url, progress_post(impact="green", impact_narrative="Children's plans name their wishes.")
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Making a difference" in page
    assert "Children&#x27;s plans name their wishes." in page
