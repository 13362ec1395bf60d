"""Minutes print who attended and what interests were declared: a change to either marks a
minutes PDF made before it as out of date, and neither can change once the chair has
approved the minutes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boards.meeting_models import Attendance, Declaration, MeetingStatus, Minute
from boards.models import Person
from boards.services.meetings import declaration_add, meeting_record_attendance
from reporting.pack_models import PackKind
from reporting.services import packs as services
from tests.reporting.pack_factories import meeting_with_papers

STALE = "The minutes have changed since this PDF was prepared."


@pytest.fixture
def held(board):
    meeting = meeting_with_papers(board, status=MeetingStatus.HELD)
    Minute.objects.create(item=meeting.items.get(number=1), discussion="Agreed.")
    return meeting


def _made_afresh(meeting, alice, capture) -> None:
    with capture(execute=True):
        services.pack_request(meeting=meeting, kind=PackKind.PUBLIC_MINUTES, by=alice)


def test_minutes_whose_attendance_or_declarations_change_are_marked_out_of_date(
    client, held, alice, bob, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    alice_person, bob_person = (Person.objects.get(user=u) for u in (alice, bob))
    client.force_login(alice)

    def page() -> str:
        return client.get(held.get_absolute_url()).content.decode()

    _made_afresh(held, alice, capture)
    assert STALE not in page()

    meeting_record_attendance(meeting=held, present=[alice_person], apologies=[], by=alice)
    assert STALE in page()
    _made_afresh(held, alice, capture)
    assert STALE not in page()

    declaration = declaration_add(
        meeting=held, person=bob_person, interest="Governor of a school named.", by=alice
    )
    assert STALE in page()
    _made_afresh(held, alice, capture)
    assert STALE not in page()

    # A row changed outside the services (the admin) moves it on too.
    Declaration.objects.get(pk=declaration.pk).delete()
    assert STALE in page()


def test_minutes_made_before_anything_was_recorded_keep_their_fingerprint(held):
    from reporting.pack_models import minutes_digest

    items = list(held.items.order_by("number"))
    before = minutes_digest(held, items, includes_exempt=True)
    assert held.record_version == 0
    held.refresh_from_db()
    assert minutes_digest(held, items, includes_exempt=True) == before


def test_approved_minutes_lock_the_attendance_and_declarations(client, held, alice, bob, carol):
    bob_person = Person.objects.get(user=bob)
    meeting_record_attendance(meeting=held, present=[bob_person], apologies=[], by=alice)
    held.refresh_from_db()
    version = held.record_version
    held.status = MeetingStatus.MINUTES_APPROVED
    held.signed_off_by, held.signed_off_at = carol, timezone.now()
    held.save(update_fields=["status", "signed_off_by", "signed_off_at"])

    with pytest.raises(ValidationError, match="reopen the minutes"):
        meeting_record_attendance(meeting=held, present=[], apologies=[bob_person], by=alice)
    with pytest.raises(ValidationError, match="reopen the minutes"):
        declaration_add(meeting=held, person=bob_person, interest="A late one.", by=alice)

    client.force_login(alice)
    assert "Record a declaration" not in client.get(held.get_absolute_url()).content.decode()
    url = reverse("boards:declaration_add", args=[held.board.slug, held.pk])
    response = client.post(url, {"person": bob_person.pk, "interest": "A late one."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The chair must reopen the minutes" in page
    assert "A late one." in page  # what was typed is kept

    held.refresh_from_db()
    assert held.record_version == version
    assert list(Attendance.objects.filter(meeting=held).values_list("kind", flat=True)) == [
        "present"
    ]
    assert not Declaration.objects.filter(meeting=held).exists()
