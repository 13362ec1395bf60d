"""Factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from boards.models import Access, Agency, Board, Membership, Person, Role, Sector, Subgroup, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save(update_fields=["password"])


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Sector.LOCAL_AUTHORITY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    agency = factory.SubFactory(AgencyFactory)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    area = "Somewhere"


class SubgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subgroup

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Subgroup {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    board = factory.SubFactory(BoardFactory)
    role = Role.AGENCY_REPRESENTATIVE
    access = Access.MEMBER
    voting = True
    term_start = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=365))
    term_end = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=730))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


def member(board: Board, username: str, access: str = Access.MEMBER, **fields):
    """A login with a current membership of `board` giving `access`; returns the user."""
    user = UserFactory(username=username)
    person = Person.objects.filter(user=user).first() or PersonFactory(user=user, name=username)
    role = fields.pop(
        "role", Role.OFFICER if access == Access.OFFICER else Role.AGENCY_REPRESENTATIVE
    )
    MembershipFactory(
        person=person,
        board=board,
        access=access,
        role=role,
        voting=role not in {Role.OFFICER, Role.OBSERVER, Role.ADVISER},
        **fields,
    )
    return user
