"""Every text the project keeps has a length limit, from lscb/limits.py, and loses the
characters that could make it display reversed."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import PurePath

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from lscb import limits
from lscb.progress import evidence_path
from workplans.models import ProgressUpdate

PROJECT_APPS = (
    "lscb",
    "boards",
    "workplans",
    "reviews",
    "training",
    "voice",
    "reporting",
    "public",
)

# Text the app writes itself and no one types, so a limit would only lose information.
WRITTEN_BY_THE_APP = {
    "lscb.AuditEvent.summary",  # says who changed what, quoting before and after
    "reporting.QuarterlyReport.error",  # the reason a render failed
    "reporting.MeetingPack.error",  # the reason a render failed
    "reporting.YearlyReport.published_html",  # the report's own document, as published
}

RTL_SAMPLES = [
    "تقرير الحماية للربع الثالث",  # Arabic
    "דוח הגנה על ילדים",  # Hebrew
    "بچوں کے تحفظ کی رپورٹ",  # Urdu
    "Meeting with ‏الأسرة‎ on 5 May",  # mixed, with the marks that place punctuation
]


def _project_forms() -> list[type[forms.BaseForm]]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in info.name and not info.name.endswith(("wsgi", "asgi")):
                importlib.import_module(info.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.split(".")[0] in PROJECT_APPS:
                found.append(cls)
    return found


def test_every_model_text_field_has_a_limit_that_model_validation_applies():
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField):
                continue
            name = f"{model._meta.label}.{field.name}"
            if name in WRITTEN_BY_THE_APP:
                continue
            if field.max_length is None:
                missing.append(f"{name} has no max_length")
            elif isinstance(field, models.TextField) and not any(
                isinstance(v, MaxLengthValidator) for v in field.validators
            ):
                missing.append(f"{name} is a TextField without limits.model_limit()")
    assert not missing, "\n".join(missing)


def test_every_form_with_text_fields_checks_their_length_and_direction_characters():
    project_forms = _project_forms()
    assert len(project_forms) >= 10  # the walk found the forms
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in project_forms
        if any(isinstance(f, forms.CharField) for f in cls.base_fields.values())
        and not issubclass(cls, limits.TextLimitsMixin)
    ]
    assert not missing, "add lscb.limits.TextLimitsMixin to: " + ", ".join(missing)


def test_the_message_gives_both_numbers_with_thousands_separators():
    assert limits.length_error("Narrative", "x" * 1_048_576, 10_000) == (
        "Narrative must be 10,000 characters or fewer; you entered 1,048,576."
    )
    assert limits.length_error("Narrative", "x" * 10_000, 10_000) is None


def test_long_texts_are_also_limited_in_lines_and_short_ones_are_not():
    lines = limits.max_lines(limits.PROGRESS)
    assert limits.length_error("Narrative", "a\n" * lines, limits.PROGRESS) is None
    assert limits.length_error("Narrative", "a\n" * (lines + 1), limits.PROGRESS) == (
        f"Narrative must have {lines} lines or fewer; you entered {lines + 1}."
    )
    assert limits.max_lines(limits.TITLE) is None


def test_model_validation_refuses_an_over_long_progress_narrative():
    update = ProgressUpdate(narrative="x" * (limits.PROGRESS + 1))
    with pytest.raises(ValidationError) as caught:
        update.clean_fields(exclude=["outcome", "author", "date", "rag", "quarter"])
    assert "narrative" in caught.value.message_dict


@pytest.mark.parametrize(
    "control",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_direction_overrides_and_isolates_are_removed(control):
    assert limits.strip_bidi_controls(f"invoice{control}fdp.exe") == "invoicefdp.exe"


@pytest.mark.parametrize("text", RTL_SAMPLES)
def test_right_to_left_writing_is_kept_unchanged(text):
    assert limits.strip_bidi_controls(text) == text


def test_a_long_evidence_file_name_keeps_its_extension():
    name = "a" * 196 + ".pdf"
    stored = PurePath(evidence_path(ProgressUpdate(), name)).name
    assert stored.endswith(".pdf")
    assert len(stored) == 80


def test_a_short_evidence_file_name_is_kept_whole():
    assert PurePath(evidence_path(ProgressUpdate(), "Minutes May.docx")).name == (
        "Minutes_May.docx"
    )


def test_an_evidence_file_name_loses_direction_overrides():
    stored = PurePath(evidence_path(ProgressUpdate(), "report\u202excod.pdf")).name
    assert stored == "reportxcod.pdf"
