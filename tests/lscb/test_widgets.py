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


def normalised(html: str) -> str:
    """Markup without the whitespace the templates leave between tags and attributes."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*>\s*", ">", html)
    return re.sub(r"\s*<\s*", "<", html).strip()


class _Pick(forms.Form):
    things = forms.MultipleChoiceField(
        label="Things <b>bold</b>",
        choices=[("1", "One & two"), ("b", "<Bee>"), (3, "Three")],
        required=True,
        help_text="Pick <i>some</i>.",
        widget=forms.CheckboxSelectMultiple,
    )


def _rendered(form, layout_object, legend_size=None) -> str:
    from crispy_forms_gds.helper import FormHelper
    from crispy_forms_gds.layout import Layout
    from django.template import Context, Template

    form.helper = FormHelper()
    form.helper.form_tag = False
    if legend_size:
        form.helper.legend_size = legend_size
    form.helper.layout = Layout(layout_object)
    template = Template("{% load crispy_forms_tags %}{% crispy form %}")
    return normalised(template.render(Context({"form": form})))


@pytest.mark.parametrize(
    "data, initial, small, legend_size",
    [
        (None, None, True, None),
        (None, {"things": ["b", 3]}, False, "s"),
        ({"things": ["1", "3"]}, None, True, None),
        ({}, None, True, "m"),  # required: an error beside the field
    ],
)
def test_checkboxes_give_the_gds_templates_markup(data, initial, small, legend_size):
    from crispy_forms_gds.layout import Field

    from lscb.widgets import Checkboxes

    def form():
        f = _Pick(data, initial=initial)
        f.is_bound and f.is_valid()
        return f

    expected = _rendered(form(), Field.checkboxes("things", small=small), legend_size)
    ours = _rendered(form(), Checkboxes("things", small=small), legend_size)
    assert ours == expected
    assert ("govuk-form-group--error" in ours) == (data == {})
