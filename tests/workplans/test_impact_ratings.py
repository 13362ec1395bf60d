"""Delivery and impact, rated apart on every progress statement: the services keep both,
the forms ask for both and put each error beside its field, the pages show both."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lscb.models import AuditEvent
from lscb.vocab import RAG, Impact
from workplans import services
from workplans.exports import HEADERS, export_rows
from workplans.models import ProgressUpdate

D = dt.date
NOV_1 = D(2008, 11, 1)


def record(outcome, by, *, date=NOV_1, rag=RAG.ON_TRACK, **kw):
    kw.setdefault("narrative", "Sessions are running")
    return services.outcome_record_progress(outcome=outcome, by=by, rag=rag, date=date, **kw)


class TestOutcomeService:
    def test_both_ratings_are_kept_with_their_narratives_and_audited(self, outcome_2008, alice):
        update = record(
            outcome_2008,
            alice,
            impact=Impact.AMBER,
            impact_narrative="  Audit found plans better written, not yet acted on.  ",
        )
        update.refresh_from_db()
        assert (update.rag, update.impact) == (RAG.ON_TRACK, Impact.AMBER)
        assert update.impact_narrative == "Audit found plans better written, not yet acted on."
        outcome_2008.refresh_from_db()
        assert (outcome_2008.current_rag, outcome_2008.current_impact) == ("on_track", "amber")
        event = AuditEvent.objects.get(action="workplans.progress_recorded")
        assert event.summary.startswith("Recorded delivery on track, impact some difference")
        assert event.changes["impact"] == "amber"

    def test_impact_may_be_left_unrated_and_the_last_rating_stands(self, outcome_2008, alice):
        record(outcome_2008, alice, impact=Impact.RED, impact_narrative="No change in audits")
        record(outcome_2008, alice, date=D(2008, 12, 1), rag=RAG.AT_RISK, narrative="Late")
        outcome_2008.refresh_from_db()
        assert (outcome_2008.current_rag, outcome_2008.current_impact) == ("at_risk", "red")
        assert outcome_2008.current_update.impact == ""

    @pytest.mark.parametrize(
        ("impact", "evidence", "field"),
        [
            (Impact.GREEN, "  ", "impact_narrative"),
            (Impact.RED, "", "impact_narrative"),
            ("", "Children told us so", "impact"),
            ("purple", "Something", "impact"),
        ],
    )
    def test_impact_needs_its_evidence_and_evidence_its_rating(
        self, outcome_2008, alice, impact, evidence, field
    ):
        with pytest.raises(ValidationError) as exc:
            record(outcome_2008, alice, impact=impact, impact_narrative=evidence)
        assert list(exc.value.message_dict) == [field]
        assert not ProgressUpdate.objects.exists()


def progress_post(rag="on_track", narrative="Done", impact="", impact_narrative="", day=None):
    day = day or dt.date.today()
    return {
        "rag": rag,
        "narrative": narrative,
        "impact": impact,
        "impact_narrative": impact_narrative,
        "date_0": str(day.day),
        "date_1": str(day.month),
        "date_2": str(day.year),
    }


class TestOutcomeForm:
    def url(self, outcome, name="record_progress"):
        return reverse(f"workplans:{name}", args=[outcome.workplan.board.slug, outcome.pk])

    def test_asks_for_delivery_and_impact_in_plain_words(self, client, alice, outcome):
        client.force_login(alice)
        page = client.get(self.url(outcome)).content.decode()
        assert "Delivery: are we doing what we said we would?" in page
        assert "Impact: is it making a difference for children and families?" in page
        for label in ("Too early to say", "Making a difference", "No difference yet"):
            assert label in page
        assert "Evidence of impact" in page

    def test_impact_without_evidence_is_refused_beside_the_field_keeping_the_typing(
        self, client, alice, outcome
    ):
        client.force_login(alice)
        response = client.post(
            self.url(outcome), progress_post(narrative="Typed delivery words", impact="red")
        )
        page = response.content.decode()
        assert response.status_code == 200
        message = "Say what shows the difference for children: impact evidence is required."
        assert page.count(message) == 2  # the error summary and beside the field
        assert "Typed delivery words" in page
        assert re.search(r'<input[^>]*value="red"[^>]*checked', page), "the rating is kept"
        assert not ProgressUpdate.objects.exists()

    def test_a_delivery_update_on_an_outcome_rated_for_impact_keeps_that_rating(
        self, client, alice, outcome
    ):
        record(
            outcome,
            alice,
            date=dt.date.today() - dt.timedelta(days=1),
            impact=Impact.AMBER,
            impact_narrative="Audit: plans clearer, not yet acted on.",
        )
        client.force_login(alice)
        page = client.get(self.url(outcome)).content.decode()
        assert re.search(r'<input[^>]*value="on_track"[^>]*checked', page), "delivery as it is"
        assert not re.search(r'<input[^>]*value="amber"[^>]*checked', page), (
            "a new impact rating is not offered without its own evidence"
        )
        response = client.post(self.url(outcome), progress_post(rag="at_risk", narrative="Late"))
        assert response.status_code == 302
        outcome.refresh_from_db()
        assert (outcome.current_rag, outcome.current_impact) == ("at_risk", "amber")

    def test_recorded_ratings_show_on_the_outcome_page_with_history(self, client, alice, outcome):
        client.force_login(alice)
        response = client.post(
            self.url(outcome),
            progress_post(impact="amber", impact_narrative="Parents say meetings are clearer."),
        )
        assert response.status_code == 302
        page = client.get(self.url(outcome, "outcome")).content.decode()
        assert "Some difference" in page and "Parents say meetings are clearer." in page
        assert "Impact evidence" in page and "On track" in page

    def test_export_has_delivery_and_impact_columns(self, alice, outcome):
        record(
            outcome,
            alice,
            date=dt.date.today(),
            impact=Impact.GREEN,
            impact_narrative="Fewer repeat referrals",
        )
        row = export_rows(outcome.workplan)[0]
        assert row[HEADERS.index("Delivery")] == "On track"
        assert row[HEADERS.index("Impact")] == "Making a difference"
