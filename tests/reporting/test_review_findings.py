"""The officer chooses reviews when writing the quarter's narrative; each one chosen gets its
own section of the report: its findings, and its recommendations with their progress."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lscb.models import AuditEvent
from reporting import services
from reporting.demo import NARRATIVE_2008Q3
from reporting.models import ReportNarrative
from reporting.pdf import render_pdf
from reporting.report import report_context, report_html
from reviews.selectors.report import review_findings_for_report
from tests.reporting.conftest import Q3
from tests.reviews.factories import (
    ActionFactory,
    ActionProgressFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _words(text: str) -> str:
    """The PDF's text with its line breaks and hyphenation undone, for phrase matching."""
    for hyphen in ("-\n", "\u2010\n"):
        text = text.replace(hyphen, "")
    return " ".join(text.split())


@pytest.fixture
def peer_review(board, alice):
    review = ReviewFactory(
        board=board,
        kind="peer_review",
        title="Peer review of safeguarding",
        lead_reviewer="A director from another council",
        start_date=dt.date(2008, 9, 10),
    )
    FindingFactory(
        review=review,
        kind="strength",
        area="Partnership working",
        summary="Partners prepared together.",
        position=1,
    )
    FindingFactory(
        review=review,
        kind="area_for_improvement",
        area="Care planning",
        summary="Plans rarely say what should change.",
        position=2,
    )
    FindingFactory(
        review=review,
        kind="judgement",
        judgement="good",
        area="Leadership",
        summary="Leaders know their services.",
        position=3,
    )
    FindingFactory(
        review=review,
        kind="strength",
        area="Withdrawn strength",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Misread the letter.",
    )
    rec = RecommendationFactory(
        review=review, kind="recommendation", number=1, text="Audit care plans each quarter."
    )
    action = ActionFactory(
        recommendation=rec, what="Run the first care plan audit", timescale=dt.date(2009, 3, 31)
    )
    ActionProgressFactory(
        action=action,
        author=alice,
        date=dt.date(2008, 12, 1),
        rag="on_track",
        narrative="Twenty plans sampled so far.",
    )
    # Recorded after the quarter ended: the report shows the status on 31 December.
    ActionProgressFactory(
        action=action,
        author=alice,
        date=dt.date(2009, 2, 1),
        rag="at_risk",
        narrative="Auditors off sick.",
    )
    ActionFactory(
        recommendation=rec,
        what="A withdrawn action",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Done by another.",
    )
    RecommendationFactory(
        review=review,
        kind="recommendation",
        number=2,
        text="A withdrawn recommendation.",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Merged into 1.",
    )
    return review


@pytest.fixture
def other_review(board):
    review = ReviewFactory(board=board, kind="jtai", title="Joint inspection not chosen")
    FindingFactory(review=review, kind="strength", summary="Not for this report.")
    return review


def _post_data(**extra) -> dict:
    data = {k: v for k, v in NARRATIVE_2008Q3.items() if k != "report_date"}
    data.update({"report_date_0": "29", "report_date_1": "1", "report_date_2": "2009"})
    data.update(extra)
    return data


def test_the_narrative_form_offers_the_boards_reviews_and_keeps_the_choice(
    client, board, alice, peer_review, other_review, other_board
):
    ReviewFactory(board=other_board, title="Another board's review")
    ReviewFactory(board=board, title="Started after the quarter", start_date=dt.date(2009, 2, 1))
    url = reverse("reporting:narrative", args=[board.slug, Q3.code])
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Reviews whose findings go in the report" in page
    assert "Peer review of safeguarding (Peer review, started September 2008)" in page
    assert "Joint inspection not chosen" in page
    assert "Another board" not in page and "Started after the quarter" not in page

    response = client.post(url, _post_data(reported_reviews=[peer_review.pk]))
    assert response.status_code == 302
    narrative = ReportNarrative.objects.get(board=board, quarter=Q3.code)
    assert list(narrative.reported_reviews.all()) == [peer_review]
    event = AuditEvent.objects.get(action="reporting.narrative_saved")
    assert event.actor == alice
    assert event.changes["reported_reviews"] == ["", "Peer review of safeguarding"]
    page = client.get(url).content.decode()
    assert f'value="{peer_review.pk}" class="govuk-checkboxes__input"' in page
    assert "checked" in page


def test_a_review_of_another_board_is_refused_beside_the_field(client, board, alice, other_board):
    theirs = ReviewFactory(board=other_board, title="Their review")
    url = reverse("reporting:narrative", args=[board.slug, Q3.code])
    client.force_login(alice)
    response = client.post(url, _post_data(reported_reviews=[theirs.pk], purpose="Kept purpose"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and 'href="#id_reported_reviews_0"' in page
    assert "Kept purpose" in page
    assert not ReportNarrative.objects.exists()


def test_the_service_refuses_another_boards_review(board, alice, other_board):
    theirs = ReviewFactory(board=other_board)
    with pytest.raises(ValidationError):
        services.narrative_save(
            board=board, quarter=Q3, data={"reported_reviews": [theirs]}, by=alice
        )
    assert not ReportNarrative.objects.exists()


def test_each_chosen_review_has_its_section_in_the_pdf(
    figures, narrative, board, peer_review, other_review
):
    narrative.reported_reviews.set([peer_review])
    text = _words(_text(render_pdf(report_html(board, Q3)).data))
    assert "Findings of Peer review of safeguarding" in text
    strength = text.index("Partnership working: Partners prepared together.")
    area = text.index("Care planning: Plans rarely say what should change.")
    assert text.index("Strengths") < strength < text.index("Areas for development") < area
    assert "Leadership: Good. Leaders know their services." in text
    assert "Audit care plans each quarter." in text
    assert "Run the first care plan audit" in text
    # The status as it stood at the quarter's end, not the later update.
    assert "Twenty plans sampled so far." in text and "Auditors off sick." not in text
    # Withdrawn items, and reviews not chosen, are left out.
    for absent in (
        "Withdrawn strength",
        "A withdrawn action",
        "A withdrawn recommendation.",
        "Findings of Joint inspection not chosen",
        "Not for this report.",
    ):
        assert absent not in text, absent
    assert "The findings of Peer review of safeguarding, with the progress of its" in text


def test_a_report_with_no_review_chosen_has_no_findings_section(
    figures, narrative, board, peer_review
):
    text = _words(_text(render_pdf(report_html(board, Q3)).data))
    assert "Findings of" not in text


def test_the_sections_run_the_same_queries_for_one_review_or_five(board, alice):
    def grow(n):
        ids = []
        for _ in range(n):
            review = ReviewFactory(board=board)
            FindingFactory(review=review, kind="strength")
            for number in (1, 2):
                ActionFactory(recommendation=RecommendationFactory(review=review, number=number))
            ids.append(review.pk)
        return ids

    def count(ids):
        with CaptureQueriesContext(connection) as ctx:
            sections = review_findings_for_report(board, ids, Q3.end)
        assert len(sections) == len(ids)
        return len(ctx.captured_queries)

    # reviews, findings, recommendations, actions as of the date, their people.
    assert count(grow(1)) == count(grow(5)) == 5


def test_the_report_context_reads_the_chosen_reviews_in_one_query(board, alice, peer_review):
    services.narrative_save(
        board=board, quarter=Q3, data={"reported_reviews": [peer_review]}, by=alice
    )
    sections = report_context(board, Q3)["review_findings"]
    assert [s.title for s in sections] == ["Peer review of safeguarding"]
    assert [r.number for r in sections[0].recommendations] == [1]
    assert [a.what for a in sections[0].recommendations[0].actions] == [
        "Run the first care plan audit"
    ]
