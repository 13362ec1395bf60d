"""GovukSelect joins its options in Python and gives the markup Django's Select gives."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe

from lscb.widgets import GovukSelect


def between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize(
    "choices, value, attrs",
    [
        ([("", "Any"), ("a&b", "A <b>"), (3, mark_safe("<i>x</i>")), ("z", "Zed")], "a&b", {}),
        ([("", "Any"), ("Group", [(1, "one"), (2, "two")]), ("Other", [("x", "ex")])], 2, {}),
        ([("", "Any"), (1, "one")], None, {"disabled": True, "data-x": 'q"', "hidden": False}),
    ],
)
def test_govuk_select_gives_djangos_markup(choices, value, attrs):
    django_select = forms.Select(attrs={"class": "govuk-select", **attrs}, choices=choices)
    ours = GovukSelect(attrs=attrs, choices=choices)
    expected = django_select.render("name", value, attrs={"id": "id_name"})
    assert between_tags(ours.render("name", value, attrs={"id": "id_name"})) == between_tags(
        expected
    )
