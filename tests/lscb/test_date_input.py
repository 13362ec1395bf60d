"""Dates are typed one way everywhere: day, month and year, with GOV.UK's error messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from lscb.vocab import Quarter
from lscb.widgets import GovukDateField
from reporting.forms import NarrativeForm
from reviews.forms import DATE_FIELDS, ProgressForm, ReviewForm
from workplans.forms import ProgressForm as OutcomeProgressForm


class DateForm(forms.Form):
    when = GovukDateField(label="Report date")


def _errors(day, month, year):
    form = DateForm({"when_0": day, "when_1": month, "when_2": year})
    assert not form.is_valid()
    return form.errors["when"]


def test_a_whole_date_is_read():
    form = DateForm({"when_0": "29", "when_1": "1", "when_2": "2009"})
    assert form.is_valid() and form.cleaned_data["when"] == dt.date(2009, 1, 29)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the report date"),
        (("29", "", "2009"), "Report date must include a month"),
        (("", "", "2009"), "Report date must include a day and month"),
        (("29", "1", ""), "Report date must include a year"),
        (("31", "2", "2009"), "Report date must be a real date"),
        (("x", "1", "2009"), "Report date must be a real date"),
        (("29", "1", "09"), "Year must include 4 numbers"),
    ],
)
def test_errors_are_the_design_systems(parts, message):
    assert _errors(*parts) == [message]


def test_the_parts_in_error_are_outlined():
    form = DateForm({"when_0": "29", "when_1": "", "when_2": "2009"})
    html = str(form["when"])
    inputs = html.split("<input")[1:]
    assert ["govuk-input--error" in i for i in inputs] == [False, True, False]


def test_every_date_in_the_products_forms_is_a_date_input(board):
    fields = [
        ProgressForm().fields["date"],
        OutcomeProgressForm().fields["date"],
        NarrativeForm(board=board, quarter=Quarter.parse("2008Q3")).fields["report_date"],
        *(ReviewForm().fields[name] for name in DATE_FIELDS),
    ]
    assert all(isinstance(f, GovukDateField) for f in fields)
