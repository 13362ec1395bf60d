"""The Django admin is the admins' tool: it must load, validate, show breaches and audit."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from boards.models import Agency, Board, Constitution, Membership, Person, Subgroup
from lscb.models import AuditEvent


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Board.objects.get(slug="hartlepool")


@pytest.mark.parametrize(
    "model",
    [
        "board",
        "subgroup",
        "person",
        "agency",
        "membership",
        "constitution",
        "meeting",
        "minute",
        "minutesreopening",
        "theme",
    ],
)
def test_every_changelist_loads_and_searches(client, admin_user, demo, model):
    client.force_login(admin_user)
    url = reverse(f"admin:boards_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Hartlepool"}).status_code == 200


def test_change_pages_show_current_and_past_members_and_the_check(client, admin_user, demo):
    client.force_login(admin_user)
    panel = Subgroup.objects.get(name="Adoption Panel")
    page = client.get(reverse("admin:boards_subgroup_change", args=[panel.pk])).content.decode()
    assert "Current members" in page and "Past members" in page
    assert "2 elected members but the rules allow at most 1" in page
    assert "Independent person seat 4 of 4 on Adoption Panel is vacant." in page
    for model, obj in [
        ("board", demo),
        ("person", Person.objects.first()),
        ("constitution", Constitution.objects.first()),
        ("agency", Agency.objects.first()),
    ]:
        url = reverse(f"admin:boards_{model}_change", args=[obj.pk])
        assert client.get(url).status_code == 200


def test_terms_ending_soon_are_highlighted_and_filterable(client, admin_user, demo):
    client.force_login(admin_user)
    url = reverse("admin:boards_membership_changelist")
    page = client.get(url, {"term": "ending"}).content.decode()
    ending = Membership.objects.filter(
        term_end__gte=dt.date.today(), term_end__lte=dt.date.today() + dt.timedelta(days=90)
    )
    assert ending.exists()
    assert ending.first().person.name in page
    assert "(in " in page and " days)" in page


def test_admin_refuses_an_overlapping_term_and_saves_nothing(client, admin_user, demo):
    client.force_login(admin_user)
    existing = Membership.objects.filter(subgroup__isnull=True).select_related("person").first()
    before = Membership.objects.count()
    response = client.post(
        reverse("admin:boards_membership_add"),
        {
            "person": existing.person_id,
            "board": existing.board_id,
            "role": existing.role,
            "access": "member",
            "voting": "on",
            "term_start": existing.term_start + dt.timedelta(days=10),
        },
    )
    assert response.status_code == 200
    assert "cannot overlap" in response.content.decode()
    assert Membership.objects.count() == before


def test_admin_changes_are_audited(client, admin_user, demo):
    client.force_login(admin_user)
    agency_count = AuditEvent.objects.filter(action="agency.added").count()
    response = client.post(
        reverse("admin:boards_agency_add"),
        {"name": "Northtown Youth Offending Service", "sector": "local_authority"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="agency.added").latest("at")
    assert AuditEvent.objects.filter(action="agency.added").count() == agency_count + 1
    assert event.actor == admin_user
    assert "Northtown Youth Offending Service" in event.summary


def test_non_staff_members_cannot_use_the_admin(client, board, bob):
    client.force_login(bob)
    response = client.get(reverse("admin:boards_membership_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_adding_a_membership_that_breaks_a_panel_rule_warns_the_admin(client, admin_user, demo):
    client.force_login(admin_user)
    panel = Subgroup.objects.get(name="Adoption Panel")
    councillor = Person.objects.create(name="Cllr Third Member")
    response = client.post(
        reverse("admin:boards_membership_add"),
        {
            "person": councillor.pk,
            "board": demo.pk,
            "subgroup": panel.pk,
            "role": "elected_member",
            "access": "member",
            "voting": "on",
            "term_start": dt.date.today().isoformat(),
            "term_end": (dt.date.today() + dt.timedelta(days=700)).isoformat(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert (
        "Constitution breach: Adoption Panel has 3 elected members but the rules allow at most 1."
        in page
    )
