"""Recording what children and families said and what the board did: the form's anonymity
warning, the service's checks, access, query counts, the yearly report and the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lscb.models import AuditEvent
from reporting import yearly
from reporting.models import YearlyReport
from tests.reviews.factories import ReviewFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory
from voice.models import VoiceRecord
from voice.services import voice_record_save

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Care leavers' forum",
    "date": dt.date(2008, 11, 5),
    "who": "care leavers",
    "number_heard": 9,
    "age_from": 16,
    "age_to": 21,
    "method": "forum",
    "you_said": "You said the move to your own flat came too quickly.",
    "we_did": "Leaving care workers now start planning a year earlier.",
    "public": True,
}


def _post_data(**changes) -> dict:
    data = {**DATA, **changes}
    day = data.pop("date")
    return {
        **{k: v for k, v in data.items() if v not in (None, False)},
        "date_0": day.day,
        "date_1": day.month,
        "date_2": day.year,
    }


def test_a_record_is_saved_with_its_links_and_an_audit_entry(board, alice):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    review = ReviewFactory(board=board)

    record = voice_record_save(
        board=board, data=DATA, outcomes=[outcome], reviews=[review], by=alice
    )

    assert list(record.outcomes.all()) == [outcome] and list(record.reviews.all()) == [review]
    assert record.ages == "aged 16 to 21"
    assert AuditEvent.objects.filter(action="voice.recorded", board=board).count() == 1


def test_links_to_another_boards_outcomes_or_reviews_are_refused(board, other_board, alice):
    elsewhere = ReviewFactory(board=other_board)

    with pytest.raises(ValidationError) as refused:
        voice_record_save(board=board, data=DATA, reviews=[elsewhere], by=alice)

    assert "reviews" in refused.value.message_dict
    assert not VoiceRecord.objects.exists()


def test_ages_the_wrong_way_round_are_refused(board, alice):
    with pytest.raises(ValidationError) as refused:
        voice_record_save(board=board, data={**DATA, "age_from": 15, "age_to": 9}, by=alice)

    assert "age_to" in refused.value.message_dict


def test_words_that_look_like_a_childs_name_are_held_back_until_confirmed(client, alice, board):
    client.force_login(alice)
    url = reverse("voice:add", args=[board.slug])
    words = "Jamie Smith said the move came too quickly."

    held = client.post(url, _post_data(you_said=words))
    confirmed = client.post(url, _post_data(you_said=words, confirm_anonymised="on"))

    assert held.status_code == 200
    assert "Check these words: it looks like a real name" in held.content.decode()
    assert words in held.content.decode()  # nothing typed is lost
    assert confirmed.status_code == 302
    assert VoiceRecord.objects.get().you_said == words


def test_a_date_of_birth_is_held_back_too(client, alice, board):
    client.force_login(alice)

    page = client.post(
        reverse("voice:add", args=[board.slug]), _post_data(who="a girl born 3/4/2001")
    )

    assert "looks like it contains a date of birth" in page.content.decode()
    assert not VoiceRecord.objects.exists()


def test_an_officer_changes_a_record_and_members_read_it(client, alice, bob, board):
    record = voice_record_save(board=board, data=DATA, by=alice)
    client.force_login(alice)

    changed = client.post(
        reverse("voice:edit", args=[board.slug, record.pk]), _post_data(we_did="Plans start early.")
    )
    client.force_login(bob)
    page = client.get(reverse("voice:list", args=[board.slug]))

    assert changed.status_code == 302
    assert "Plans start early." in page.content.decode()
    assert "Record what they said" not in page.content.decode()  # members read only


@pytest.mark.parametrize("count", [2, 25])
def test_the_list_runs_the_same_queries_for_few_or_many_records(
    client, alice, board, count, django_assert_num_queries
):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=board))
    review = ReviewFactory(board=board)
    for i in range(count):
        voice_record_save(
            board=board,
            data={**DATA, "title": f"Forum {i}"},
            outcomes=[outcome],
            reviews=[review],
            by=alice,
        )
    client.force_login(alice)
    # session, user, board, the user's memberships, records, their outcomes, their reviews
    with django_assert_num_queries(7):
        client.get(reverse("voice:list", args=[board.slug]))


def test_the_yearly_report_sets_out_the_years_records(board, alice):
    voice_record_save(board=board, data=DATA, by=alice)
    voice_record_save(board=board, data={**DATA, "date": dt.date(2010, 1, 1)}, by=alice)

    section = next(
        s for s in yearly.sections(YearlyReport(board=board, year=2008)) if s.key == "voice"
    )

    assert [r.date for r in section.facts["records"]] == [dt.date(2008, 11, 5)]
    assert section.gaps == []


def test_only_records_marked_public_reach_the_public_page(client, board, alice):
    voice_record_save(board=board, data=DATA, by=alice)
    voice_record_save(
        board=board, data={**DATA, "title": "Closed session", "public": False}, by=alice
    )

    body = client.get(reverse("public:board", args=[board.slug])).content.decode()

    assert "Care leavers&#x27; forum" in body and "Closed session" not in body
