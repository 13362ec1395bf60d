"""Forms for reviews pages. Rules live in services; forms only collect and check input."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms

from lscb import progress_fields
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField
from reviews import criteria
from reviews.anonymity import subject_reference_warnings
from reviews.models import Review

DATE_FIELDS = [
    "start_date",
    "incident_known_date",
    "notification_date",
    "decision_date",
    "report_date",
    "action_statement_date",
    "published_date",
    "closed_date",
]


class ReviewForm(TextLimitsMixin, forms.ModelForm):
    """A review's details. A subject reference that looks like a real name or date of birth
    is held back once with a warning; ticking the confirmation box lets it through."""

    criteria_met = forms.MultipleChoiceField(
        label="Statutory criteria met",
        required=False,
        choices=criteria.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the criteria of the guidance in force that the case met.",
    )
    confirm_subject_reference = forms.BooleanField(
        label="I confirm the subject reference is anonymised and identifies no one",
        required=False,
    )

    class Meta:
        model = Review
        fields = [
            "kind",
            "title",
            "subject_reference",
            "guidance",
            "criteria_met",
            "lead_reviewer",
            "inspectorate",
            "summary",
            "status",
            *DATE_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject_warning: list[str] = []
        for name in DATE_FIELDS:
            model_field = self.fields[name]
            self.fields[name] = GovukDateField(
                label=str(model_field.label),
                required=model_field.required,
                help_text=model_field.help_text,
            )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Fieldset(
                Field.select("kind"),
                Field.text("title"),
                Field.text("subject_reference", field_width="one-half"),
                "confirm_subject_reference",
                Field.select("status"),
                Field.text("lead_reviewer"),
                Field.text("inspectorate"),
                Field.textarea("summary", rows=4),
                legend="About the review",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("guidance"),
                Field.checkboxes("criteria_met", small=True),
                legend="Statutory criteria",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *(Field(name) for name in DATE_FIELDS),
                legend="Key dates",
                legend_size=Size.MEDIUM,
            ),
            Button("submit", "Save review"),
        )

    def clean_subject_reference(self) -> str:
        value = self.cleaned_data.get("subject_reference", "").strip()
        self.subject_warning = subject_reference_warnings(value)
        return value

    def clean(self):
        cleaned = super().clean()
        if self.subject_warning and not cleaned.get("confirm_subject_reference"):
            self.add_error(
                "subject_reference",
                "Check the subject reference: "
                + " and ".join(self.subject_warning)
                + ". Use an anonymised reference such as Child A, or tick the confirmation "
                "below if it is already anonymised.",
            )
        guidance = cleaned.get("guidance")
        chosen = cleaned.get("criteria_met") or []
        if chosen:
            allowed = {code for code, _ in criteria.CRITERIA.get(guidance or "", [])}
            if not guidance:
                self.add_error("guidance", "Choose the guidance whose criteria were met.")
            elif set(chosen) - allowed:
                self.add_error(
                    "criteria_met",
                    "Tick only criteria from the guidance chosen above.",
                )
        return cleaned

    def review_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgressForm(TextLimitsMixin, forms.Form):
    """Progress on one action; completing it needs evidence (checked by the service)."""

    date = GovukDateField(
        label="Date of this update",
        help_text="The day the progress describes, for example 12 1 2009.",
    )
    rag = progress_fields.delivery_field()
    narrative = progress_fields.delivery_narrative_field("action")
    impact = progress_fields.impact_field()
    impact_narrative = progress_fields.impact_narrative_field()
    evidence = forms.FileField(
        label="Evidence",
        required=False,
        help_text="Required to close the action as complete: a document showing it is done.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", dt.date.today())
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field("date"),
            Field.radios("rag", small=True),
            Field.textarea("narrative", rows=5),
            Field.radios("impact", small=True),
            Field.textarea("impact_narrative", rows=4),
            Field("evidence"),
            Button("submit", "Record progress"),
        )


class ImportForm(TextLimitsMixin, forms.Form):
    file = forms.FileField(
        label="Action plan workbook (.xlsx)",
        help_text="The statutory requirements and recommendations tables in the usual layout.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field("file"), Button("submit", "Check the file"))


class ImportDateForm(TextLimitsMixin, forms.Form):
    """The day that progress in an imported plan describes, when the file does not say."""

    progress_date = GovukDateField(
        label="Date of the progress",
        help_text="Progress in the file with no date of its own is recorded as describing "
        "this day, for example 31 1 2009.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.legend_size = Size.MEDIUM
        self.helper.layout = Layout(Field("progress_date"))

    def clean_progress_date(self) -> dt.date:
        day = self.cleaned_data["progress_date"]
        if day > dt.date.today():
            raise forms.ValidationError("The date of the progress cannot be in the future")
        return day
