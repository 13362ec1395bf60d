"""The subject-reference check and timescale reading."""

from __future__ import annotations

import datetime as dt

import pytest

from reviews.anonymity import subject_reference_warnings
from reviews.timescales import TimescaleError, format_timescale, parse_timescale


@pytest.mark.parametrize(
    "text",
    ["Child A", "Child B and sibling", "Baby C", "Young Person D", "Family E", "", "SCR 2008/01"],
)
def test_anonymised_references_raise_no_warning(text):
    assert subject_reference_warnings(text) == []


@pytest.mark.parametrize("text", ["Jane Smith", "Mrs Smith", "Tom O'Neill", "Child A (Jane Smith)"])
def test_names_warn(text):
    assert subject_reference_warnings(text) == ["it looks like a real name"]


@pytest.mark.parametrize(
    "text", ["Child A 12/03/2006", "Child A born 2006", "DOB 2006-03-12", "Child A, 12th March"]
)
def test_dates_of_birth_warn(text):
    assert "it looks like it contains a date of birth" in subject_reference_warnings(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/12/2008", (dt.date(2008, 12, 1), False)),
        ("2008-12-01", (dt.date(2008, 12, 1), False)),
        ("1 December 2008", (dt.date(2008, 12, 1), False)),
        ("December 2008", (dt.date(2008, 12, 31), True)),
        ("Feb 2009", (dt.date(2009, 2, 28), True)),
        ("february 2008", (dt.date(2008, 2, 29), True)),
        ("", (None, False)),
    ],
)
def test_timescales_read_as_dates_and_months_as_their_last_day(text, expected):
    assert parse_timescale(text) == expected


@pytest.mark.parametrize("text", ["soon", "31/02/2009", "Smarch 2009", "2009"])
def test_bad_timescales_are_refused_with_an_example(text):
    with pytest.raises(TimescaleError, match="December 2008"):
        parse_timescale(text)


def test_timescales_are_written_back_as_they_were_given():
    assert format_timescale(dt.date(2008, 12, 31), True) == "December 2008"
    assert format_timescale(dt.date(2008, 12, 1), False) == "01/12/2008"
