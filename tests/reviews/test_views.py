"""Access to every reviews page, and what the pages do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from lscb.models import AuditEvent
from reviews.models import ActionPlanReopening, Review
from tests.reviews.factories import ActionProgressFactory

VIEW, EDIT, APPROVE = "view", "edit", "approve"


@pytest.fixture
def evidence_update(action, alice):
    return ActionProgressFactory(
        action=action,
        author=alice,
        rag="complete",
        evidence=SimpleUploadedFile("proof.txt", b"the proof"),
    )


def _pages(board, review, action, update):
    b = board.slug
    return [
        ("get", reverse("reviews:list", args=[b]), VIEW),
        ("get", reverse("reviews:create", args=[b]), EDIT),
        ("get", reverse("reviews:detail", args=[b, review.pk]), VIEW),
        ("get", reverse("reviews:edit", args=[b, review.pk]), EDIT),
        ("get", reverse("reviews:history", args=[b, review.pk]), VIEW),
        ("get", reverse("reviews:sign_off", args=[b, review.pk]), APPROVE),
        ("get", reverse("reviews:reopen", args=[b, review.pk]), APPROVE),
        ("get", reverse("reviews:import", args=[b, review.pk]), EDIT),
        ("post", reverse("reviews:import_confirm", args=[b, review.pk]), EDIT),
        ("get", reverse("reviews:export", args=[b, review.pk]), VIEW),
        ("get", reverse("reviews:record_progress", args=[b, action.pk]), EDIT),
        ("get", reverse("reviews:evidence", args=[b, update.pk]), VIEW),
        ("get", reverse("reviews:themes", args=[b]), VIEW),
        (
            "get",
            reverse("reviews:theme_items", args=[b, "neglect"]) + "?source=inspections&state=open",
            VIEW,
        ),
    ]


GRANTS = {
    "alice": {VIEW, EDIT},
    "bob": {VIEW},
    "pat": {VIEW},
    "carol": {VIEW, EDIT, APPROVE},
}


@pytest.fixture
def neglect(db):
    from tests.factories import ThemeFactory

    return ThemeFactory(slug="neglect", name="Neglect")


@pytest.mark.parametrize("who", ["alice", "bob", "pat", "carol"])
def test_members_get_each_page_by_their_rights(
    client, request, who, board, review, action, evidence_update, neglect
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for method, url, need in _pages(board, review, action, evidence_update):
        response = getattr(client, method)(url)
        if need in GRANTS[who]:
            # import_confirm without a token redirects back to the upload page.
            assert response.status_code in (200, 302), (who, url, response.status_code)
        else:
            assert response.status_code == 403, (who, url, response.status_code)


def test_outsiders_get_404_for_every_page(
    client, charlie, board, review, action, evidence_update, neglect
):
    client.force_login(charlie)
    for method, url, _ in _pages(board, review, action, evidence_update):
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_users_are_sent_to_sign_in(
    client, board, review, action, evidence_update, neglect
):
    for method, url, _ in _pages(board, review, action, evidence_update):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_another_boards_review_is_404_through_this_board(client, alice, board, other_review):
    client.force_login(alice)
    url = reverse("reviews:detail", args=[board.slug, other_review.pk])
    assert client.get(url).status_code == 404


def _review_post(**overrides):
    data = {
        "kind": "scr",
        "title": "Serious case review",
        "subject_reference": "Child A",
        "status": "in_progress",
        "start_date_0": "1",
        "start_date_1": "7",
        "start_date_2": "2008",
        "guidance": "wt2006",
        "criteria_met": ["wt2006-death"],
    }
    data.update(overrides)
    return data


def test_a_child_a_style_reference_saves_without_a_warning(client, alice, board):
    client.force_login(alice)
    response = client.post(reverse("reviews:create", args=[board.slug]), _review_post())
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.subject_reference == "Child A" and review.criteria_met == ["wt2006-death"]


def test_a_real_looking_name_is_held_back_with_a_warning_and_the_input_kept(client, alice, board):
    client.force_login(alice)
    url = reverse("reviews:create", args=[board.slug])
    response = client.post(url, _review_post(subject_reference="Jane Smith"))
    assert response.status_code == 200
    assert not Review.objects.exists()
    body = response.content.decode()
    assert "looks like a real name" in body
    assert 'value="Jane Smith"' in body
    assert "govuk-error-summary" in body


def test_the_warning_can_be_acknowledged(client, alice, board):
    client.force_login(alice)
    url = reverse("reviews:create", args=[board.slug])
    response = client.post(
        url, _review_post(subject_reference="Baby Rose Ward", confirm_subject_reference="on")
    )
    assert response.status_code == 302
    assert Review.objects.get().subject_reference == "Baby Rose Ward"


def test_a_date_of_birth_warns(client, alice, board):
    client.force_login(alice)
    url = reverse("reviews:create", args=[board.slug])
    response = client.post(url, _review_post(subject_reference="Child A, 12/03/2006"))
    assert "date of birth" in response.content.decode()
    assert not Review.objects.exists()


def test_criteria_must_belong_to_the_chosen_guidance(client, alice, board):
    client.force_login(alice)
    url = reverse("reviews:create", args=[board.slug])
    response = client.post(url, _review_post(guidance="wt2018"))
    assert response.status_code == 200
    assert "Tick only criteria from the guidance" in response.content.decode()


def test_chair_signs_off_by_post_and_the_page_says_so(client, carol, board, review, action):
    client.force_login(carol)
    response = client.post(reverse("reviews:sign_off", args=[board.slug, review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.signed_off_by == carol
    page = client.get(reverse("reviews:detail", args=[board.slug, review.pk])).content.decode()
    assert "Signed off" in page and "Reopen the action plan" in page


def test_the_review_page_asks_the_chair_to_check_before_signing_off(
    client, carol, board, review, action
):
    """The review page's button only opens the check page; nothing is signed off by it."""
    client.force_login(carol)
    url = reverse("reviews:sign_off", args=[board.slug, review.pk])
    page = client.get(reverse("reviews:detail", args=[board.slug, review.pk])).content.decode()
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page

    check = client.get(url).content.decode()

    assert "What you are signing off" in check
    assert "Requirements and recommendations" in check
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_sign_off_of_an_empty_plan_shows_the_reason(client, carol, board, review):
    client.force_login(carol)
    response = client.post(reverse("reviews:sign_off", args=[board.slug, review.pk]))
    assert response.status_code == 400
    assert "no recommendations" in response.content.decode()


def test_reopen_records_the_reason(client, carol, board, review, action):
    client.force_login(carol)
    client.post(reverse("reviews:sign_off", args=[board.slug, review.pk]))
    url = reverse("reviews:reopen", args=[board.slug, review.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "A new requirement arrived."})
    assert response.status_code == 302
    assert ActionPlanReopening.objects.get().reason == "A new requirement arrived."
    page = client.get(reverse("reviews:detail", args=[board.slug, review.pk])).content.decode()
    assert "A new requirement arrived." in page
    name = escape(carol.get_full_name())
    signed_off = timezone.localtime(ActionPlanReopening.objects.get().previously_signed_off_at)
    assert f"reopened by {name} (signed off by {name} on {signed_off:%-d %B %Y})" in page


def test_reopenings_name_people_without_a_full_name_by_username(
    client, carol, board, review, action
):
    type(carol).objects.filter(pk=carol.pk).update(first_name="", last_name="")
    carol.refresh_from_db()
    client.force_login(carol)
    client.post(reverse("reviews:sign_off", args=[board.slug, review.pk]))
    client.post(reverse("reviews:reopen", args=[board.slug, review.pk]), {"reason": "Late."})
    page = client.get(reverse("reviews:detail", args=[board.slug, review.pk])).content.decode()
    assert "reopened by carol (signed off by carol on " in page


def test_recording_complete_without_evidence_keeps_the_input_and_explains(
    client, alice, board, action
):
    client.force_login(alice)
    url = reverse("reviews:record_progress", args=[board.slug, action.pk])
    response = client.post(
        url,
        {
            "date_0": "12",
            "date_1": "1",
            "date_2": "2009",
            "rag": "complete",
            "narrative": "All filed.",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Attach evidence to close this as complete." in body
    assert "All filed." in body
    action.refresh_from_db()
    assert action.current_rag == ""


def test_recording_progress_updates_the_action_and_audits(client, alice, board, action):
    client.force_login(alice)
    url = reverse("reviews:record_progress", args=[board.slug, action.pk])
    response = client.post(
        url,
        {
            "date_0": "12",
            "date_1": "1",
            "date_2": "2009",
            "rag": "complete",
            "narrative": "All filed.",
            "evidence": SimpleUploadedFile("proof.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.current_rag == "complete" and action.last_update_date == dt.date(2009, 1, 12)
    assert AuditEvent.objects.filter(action="action.progress", actor=alice).exists()


def test_evidence_downloads_for_a_member(client, bob, board, evidence_update):
    client.force_login(bob)
    response = client.get(reverse("reviews:evidence", args=[board.slug, evidence_update.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"the proof"


def test_list_filters_by_kind_status_and_overdue(client, bob, board):
    from tests.reviews.factories import ActionFactory, RecommendationFactory, ReviewFactory

    late = ReviewFactory(board=board, title="Late inspection", kind="jtai")
    ActionFactory(recommendation=RecommendationFactory(review=late), timescale=dt.date(2009, 1, 1))
    ReviewFactory(board=board, title="Closed near miss", kind="near_miss", status="closed")
    # An inspection report received long ago with no written statement: its clock is overdue.
    ReviewFactory(board=board, title="Clock overdue", kind="ilacs", report_date=dt.date(2010, 1, 4))
    ReviewFactory(board=board, title="Peer review on time", kind="peer_review")
    client.force_login(bob)
    url = reverse("reviews:list", args=[board.slug])

    def titles(query):
        body = client.get(url + query).content.decode()
        names = ["Late inspection", "Closed near miss", "Clock overdue", "Peer review on time"]
        return {t for t in names if t in body}

    assert titles("") == {
        "Late inspection",
        "Closed near miss",
        "Clock overdue",
        "Peer review on time",
    }
    assert titles("?kind=jtai") == {"Late inspection"}
    assert titles("?status=closed") == {"Closed near miss"}
    assert titles("?overdue=on") == {"Late inspection", "Clock overdue"}


def test_review_page_shows_clocks_findings_and_current_rag(client, bob, board, action, alice):
    from reviews.services.progress import action_record_progress
    from tests.reviews.factories import FindingFactory

    review = action.recommendation.review
    review.report_date = dt.date(2008, 11, 14)
    review.save()
    FindingFactory(review=review, area="Organisation", kind="judgement", judgement="satisfactory")
    action_record_progress(
        action=action, by=alice, date=dt.date(2009, 1, 12), rag="at_risk", narrative="Slow going."
    )
    client.force_login(bob)
    body = client.get(reverse("reviews:detail", args=[board.slug, review.pk])).content.decode()
    assert "Written statement of action" in body and "25 Feb 2009" in body
    assert "Organisation" in body and "Satisfactory" in body
    assert "At risk" in body and "Slow going." in body
    assert "Record progress" not in body  # bob only reads


def test_dashboard_panel_shows_overdue_clocks_and_actions(client, bob, board, action):
    review = action.recommendation.review
    review.report_date = dt.date(2010, 1, 4)
    review.save()
    client.force_login(bob)
    body = client.get(reverse("boards:detail", args=[board.slug])).content.decode()
    assert "Reviews and inspections: what needs attention" in body
    assert "written statement of action (70 working days from the report)" in body
    assert action.what in body


def test_action_progress_page_asks_for_day_month_and_year(client, alice, board, action):
    client.force_login(alice)
    url = reverse("reviews:record_progress", args=[board.slug, action.pk])
    page = client.get(url).content.decode()
    assert 'type="date"' not in page
    for name in ("date_0", "date_1", "date_2"):
        assert f'name="{name}"' in page
    response = client.post(url, {"date_0": "12", "date_2": "2009", "rag": "on_track"})
    assert "Date of this update must include a month" in response.content.decode()
    assert 'value="12"' in response.content.decode()  # what was typed is kept
