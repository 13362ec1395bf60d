"""The form for a voice record; the rules that span fields live in voice.services."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from boards.models import Board
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField
from reviews.anonymity import subject_reference_warnings
from reviews.models import Review
from voice.models import VoiceRecord
from workplans.models import Outcome


class VoiceRecordForm(TextLimitsMixin, forms.ModelForm):
    """Who was heard, what they said and what changed. Words that look like a child's name
    or date of birth are held back once with a warning; ticking the box lets them through."""

    date = GovukDateField(label="When were they heard?", help_text="For example 14 3 2026.")
    confirm_anonymised = forms.BooleanField(
        label="I confirm these words are anonymised and identify no child",
        required=False,
    )

    class Meta:
        model = VoiceRecord
        fields = [
            "title",
            "date",
            "who",
            "number_heard",
            "age_from",
            "age_to",
            "method",
            "you_said",
            "we_did",
            "outcomes",
            "reviews",
            "public",
        ]
        labels = {"age_from": "Youngest age", "age_to": "Oldest age"}
        widgets = {
            "outcomes": forms.CheckboxSelectMultiple,
            "reviews": forms.CheckboxSelectMultiple,
            "method": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": "Enter a title, such as the name of the event or survey."},
            "who": {"required": "Enter who was heard, as a group."},
            "number_heard": {
                "required": "Enter how many children, young people or family members were heard.",
                "invalid": "Enter how many were heard as a number, like 24.",
            },
            "method": {"required": "Choose how they were heard."},
            "you_said": {"required": "Enter what they said."},
        }

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = (
            Outcome.objects.filter(workplan__board=board, retired_on__isnull=True)
            .select_related("workplan")
            .order_by("-workplan__start", "order", "pk")[:60]
        )
        self.fields["outcomes"].label_from_instance = lambda o: f"{o.title} ({o.workplan.title})"
        self.fields["outcomes"].required = False
        self.fields["reviews"].queryset = Review.objects.filter(board=board).order_by(
            "-start_date", "-pk"
        )[:40]
        self.fields["reviews"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                Field.text("title"),
                Field("date"),
                Field.text("who"),
                Field.text("number_heard", field_width=4),
                Field.text("age_from", field_width=2),
                Field.text("age_to", field_width=2),
                Field.radios("method", small=True),
                legend="Who was heard",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("you_said", rows=6),
                "confirm_anonymised",
                Field.textarea("we_did", rows=6),
                legend="You said, we did",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("outcomes", small=True),
                Field.checkboxes("reviews", small=True),
                legend="What it relates to",
                legend_size=Size.MEDIUM,
            ),
            Field.checkbox("public"),
            Submit("submit", "Save the record"),
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("who", "you_said", "we_did"):
            warnings = subject_reference_warnings(cleaned.get(name, ""))
            if warnings and not cleaned.get("confirm_anonymised"):
                self.add_error(
                    name,
                    "Check these words: "
                    + " and ".join(warnings)
                    + ". Remove anything that could identify a child, or tick the confirmation "
                    "if they are already anonymised.",
                )
        return cleaned

    def record_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"outcomes", "reviews"}}
