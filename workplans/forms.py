"""Forms for recording progress, editing outcomes and importing a workplan."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core import signing

from boards.models import Board, Person, Subgroup, Theme
from lscb import limits
from lscb.limits import TextLimitsMixin
from lscb.vocab import RAG
from lscb.widgets import GovukDateField

_SNAPSHOT_SALT = "workplans.outcome-snapshot"


def _date_field(label: str, help_text: str = "", required: bool = True) -> GovukDateField:
    return GovukDateField(label=label, help_text=help_text, required=required)


class ProgressForm(TextLimitsMixin, forms.Form):
    rag = forms.ChoiceField(
        label="RAG status",
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a RAG status."},
    )
    date = _date_field(
        "Date of this update", "The day the progress describes, for example 15 12 2008."
    )
    narrative = forms.CharField(
        label="What has happened",
        required=False,
        max_length=limits.PROGRESS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Required when the outcome is at risk or off track.",
    )
    evidence = forms.FileField(
        label="Evidence (optional)",
        required=False,
        help_text="A document showing the progress, such as minutes or an audit report.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("rag", legend_size=Size.MEDIUM, small=True),
            Field("date"),
            Field.textarea("narrative"),
            Field("evidence"),
            Submit("submit", "Save progress"),
        )


class OutcomeForm(TextLimitsMixin, forms.Form):
    title = forms.CharField(
        label="Outcome",
        max_length=limits.TITLE,
        help_text="What is to be achieved.",
        error_messages={"required": "Enter what the outcome is to achieve."},
    )
    how = forms.CharField(
        label="How we will do it",
        required=False,
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    who = forms.CharField(
        label="Who",
        required=False,
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As written in the plan, one per line.",
    )
    lead_subgroups = forms.ModelMultipleChoiceField(
        label="Lead subgroups",
        queryset=Subgroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leads = forms.ModelMultipleChoiceField(
        label="Named leads",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = _date_field("Due date", required=False)
    order = forms.IntegerField(label="Position in the workplan", min_value=0)
    version = forms.IntegerField(widget=forms.HiddenInput)
    # The signed snapshot of the outcome as it was loaded: every field at its limit,
    # in a script of two bytes a character, still fits.
    loaded = forms.CharField(widget=forms.HiddenInput, max_length=50_000)

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_subgroups"].queryset = board.subgroups.all()
        self.fields["leads"].queryset = (
            Person.objects.filter(memberships__board=board).distinct().order_by("name")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("how"),
            Field.textarea("who"),
            Field.checkboxes("lead_subgroups", small=True),
            Field.checkboxes("leads", small=True),
            Field.checkboxes("themes", small=True),
            Field("due_date"),
            Field.text("order", field_width=4),
            Field("version"),
            Field("loaded"),
            Submit("submit", "Save outcome"),
        )

    @staticmethod
    def sign_snapshot(snapshot: dict[str, str]) -> str:
        return signing.dumps(snapshot, salt=_SNAPSHOT_SALT, compress=True)

    def loaded_snapshot(self) -> dict[str, str]:
        """What the user saw when they opened the form (signed so it cannot be forged)."""
        try:
            return signing.loads(self.cleaned_data.get("loaded", ""), salt=_SNAPSHOT_SALT)
        except signing.BadSignature:
            return {}


class ImportForm(TextLimitsMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=limits.TITLE, initial="Workplan")
    start = _date_field("Start of the period", "For example 1 4 2008.")
    end = _date_field("End of the period", "For example 31 3 2009.")
    review_date = _date_field(
        "Review date",
        "The day the Review column describes. Each Review becomes the outcome's first "
        "progress update, dated this day.",
        required=False,
    )
    file = forms.FileField(
        label="Workplan spreadsheet (.xlsx)",
        help_text="A table with the columns Outcome, How we will do it, Who and Review.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("title"),
            Field("start"),
            Field("end"),
            Field("review_date"),
            Field("file"),
            Submit("submit", "Check the file"),
        )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
            self.add_error("end", "The period must end after it starts.")
        return data
