"""How long each kind of text may be, and the cleaning every typed or imported text gets.

Every free-text field in the project takes its limit from here, so that a form, the admin,
an import and the database all refuse the same thing with the same words. The numbers are
chosen for what the text is for, and so that the quarterly report still renders in its
normal time with every field full (tests/lscb/test_limits_report.py; figures in
docs/reliability.md).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator, MaxLengthValidator
from django.utils.deconstruct import deconstructible

# A person, board, agency, subgroup, venue, job title or organisation: the longest real
# council or NHS trust names are under 120 characters.
NAME = 200
# What a workplan, outcome, review or agenda item is called: one sentence.
TITLE = 300
# A label or reference typed by hand: a subject reference, a regulation, a decision type.
SHORT_LABEL = 100
# A short list, one entry a line: who leads, who is responsible, background papers,
# a contact's details, notes on a membership.
NOTES = 1_000
# One paragraph stating something to be done: how an outcome is met, a recommendation,
# an action, a reason for reopening a plan.
STATEMENT = 2_000
# One progress statement on an outcome or an action: about 450 words. It is printed in a
# narrow column of the report's appendices, where each 1,000 characters take most of a
# page; anything longer belongs in the evidence document attached to it.
PROGRESS = 3_000
# One section of the quarterly report to the portfolio holder: about a page of A4, the
# most a committee report gives any one heading.
REPORT_NARRATIVE = 4_000
# A summary that is read on its own page and never printed in the report: what a review
# or a finding concluded, a subgroup's remit. About 1,500 words.
NARRATIVE = 10_000


# Long texts may also have only so many lines: one for each 50 characters, plenty for
# paragraphs and lists. It is lines, not characters, that make pages: without this a
# field of one-word lines would print as dozens of pages from a few thousand characters.
CHARACTERS_PER_LINE = 50


def max_lines(limit: int) -> int | None:
    """How many lines a text of this limit may have; None for titles, names and labels,
    which are shown on one line whatever they contain."""
    return limit // CHARACTERS_PER_LINE if limit >= NOTES else None


def line_count(text: str) -> int:
    return len(text.splitlines())


@deconstructible
class MaxLinesValidator(BaseValidator):
    message = "Ensure this value has at most %(limit_value)d lines (it has %(show_value)d)."
    code = "max_lines"

    def compare(self, a: int, b: int) -> bool:
        return a > b

    def clean(self, x: str) -> int:
        return line_count(x)


def model_limit(limit: int) -> dict:
    """Field options for a model TextField, which unlike CharField has no length check of
    its own: the validators make model validation (the admin, imports) refuse it too."""
    return {
        "max_length": limit,
        "validators": [MaxLengthValidator(limit), MaxLinesValidator(max_lines(limit))],
    }


def too_long_message(label: str, limit: int, length: int) -> str:
    return f"{label} must be {limit:,} characters or fewer; you entered {length:,}."


def too_many_lines_message(label: str, limit: int, lines: int) -> str:
    return f"{label} must have {limit:,} lines or fewer; you entered {lines:,}."


# Characters that reorder the text around them: the embeddings and overrides (U+202A to
# U+202E) and the isolates (U+2066 to U+2069). With them "txt.exe" can be shown as
# "exe.txt", and a sentence can be made to read backwards. The marks U+200E, U+200F and
# U+061C are kept: each is a single invisible letter with a direction and reorders nothing
# by itself, and people writing Arabic, Hebrew or Urdu need them to place punctuation and
# numbers correctly. Ordinary right-to-left letters are not touched.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text: str) -> str:
    """The text without characters that can reverse how it is shown."""
    return _BIDI_CONTROLS.sub("", text)


def length_error(label: str, value: str, limit: int) -> str | None:
    """The message for a value over its limit (characters, or lines for long texts), or
    None if it fits."""
    if len(value) > limit:
        return too_long_message(label, limit, len(value))
    lines = max_lines(limit)
    if lines is not None and line_count(value) > lines:
        return too_many_lines_message(label, lines, line_count(value))
    return None


def clean_cells(cells: dict[str, str], limits: dict[str, int]) -> list[str]:
    """Strip reordering characters from an imported row's cells (in place) and return a
    message naming the column for each cell over that column's limit."""
    errors = []
    for column, value in cells.items():
        if isinstance(value, str):
            cells[column] = value = strip_bidi_controls(value)
            if column in limits and (message := length_error(f"“{column}”", value, limits[column])):
                errors.append(message)
    return errors


class _TextLimit:
    """A form field's length check whose message names the field and both numbers."""

    def __init__(self, label: str, limit: int) -> None:
        self.label, self.limit = label, limit

    def __call__(self, value: str) -> None:
        if isinstance(value, str) and (message := length_error(self.label, value, self.limit)):
            raise ValidationError(message, code="max_length")


class TextLimitsMixin:
    """For every form with text fields: a clear message beside any field over its limit,
    and characters that could reverse the displayed text removed before anything is kept.

    Put it before forms.Form or forms.ModelForm in the bases. A text field without a
    max_length of its own gets NARRATIVE, so no field is ever unbounded.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit_texts()

    def limit_texts(self) -> None:
        """Apply the limits to the form's text fields; a form that adds fields after
        initialising calls it again."""
        for field in self.fields.values():
            if not isinstance(field, forms.CharField):
                continue
            if field.max_length is None:
                field.max_length = NARRATIVE
            # No maxlength attribute: a browser silently cuts pasted text at it, which the
            # Design System advises against; the message after submitting says what to do.
            field.widget.attrs.pop("maxlength", None)
            label = str(field.label or "This field")
            field.validators = [
                v
                for v in field.validators
                if not isinstance(v, (MaxLengthValidator, MaxLinesValidator))
            ] + [_TextLimit(label, field.max_length)]

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            field = self.fields.get(name)
            # A password is compared, never displayed: it is kept exactly as typed.
            if (
                isinstance(value, str)
                and isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
            ):
                cleaned[name] = strip_bidi_controls(value)
        return cleaned
