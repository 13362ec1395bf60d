"""Forms for writing a review's findings, recommendations and actions. They collect and
check what was typed; the rules that need the database (the lock, a number already taken,
an edit made meanwhile) live in services.authoring."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from boards.models import Agency, Board, Person, Theme
from lscb.limits import TextLimitsMixin
from lscb.widgets import Checkboxes, GovukSelect
from reviews.models import Finding, FindingKind, Judgement, Recommendation, RecommendationKind
from reviews.timescales import TimescaleError, format_timescale, parse_timescale

# Long enough for any paragraph of an inspection letter; a pasted document is refused
# beside its field instead of being stored.
LONG_TEXT = 5000


def _long(label: str, *, required: bool = True, help_text: str = "", rows: int = 5):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": f"{label} must be {LONG_TEXT:,} characters or fewer "
            "(it has %(show_value)d): shorten it, or split it into several items."
        },
    )


def _themes():
    return forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class _ItemForm(TextLimitsMixin, forms.Form):
    """Shared by the three: the version the form was opened at, and the GOV.UK helper."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    submit_label = "Save"

    def _helper(self, *fields) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page's <form> carries the token; the fields are then the same for every
        # viewer, so an empty form can be a cached part of the page.
        self.helper.disable_csrf = True
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*fields, Field("version"), Button("submit", self.submit_label))

    def show_stored(self, stored: dict[str, str]) -> None:
        """Put what someone else saved beside each field they changed, keeping the input."""
        for name, value in stored.items():
            if name in self.fields:
                self.add_error(name, f"Someone else saved this as: “{value or 'nothing'}”.")


class FindingForm(_ItemForm):
    area = forms.CharField(
        label="Area",
        max_length=200,
        help_text="The area judged or reviewed, for example Staying safe.",
    )
    kind = forms.ChoiceField(
        label="Kind of finding", choices=FindingKind.choices, widget=forms.RadioSelect
    )
    judgement = forms.ChoiceField(
        label="Judgement",
        required=False,
        choices=[("", "No judgement"), *Judgement.choices],
        help_text="The grade on the inspectorate's scale. Needed for a judgement.",
    )
    summary = _long("What was found", required=False, help_text="Strengths or what to improve.")
    themes = _themes()

    submit_label = "Save finding"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper(
            Field.text("area"),
            Field.radios("kind", small=True),
            Field.select("judgement"),
            Field.textarea("summary", rows=5),
            Checkboxes("themes", small=True),
        )

    @staticmethod
    def initial_for(finding: Finding) -> dict:
        return {
            "area": finding.area,
            "kind": finding.kind,
            "judgement": finding.judgement,
            "summary": finding.summary,
            "themes": list(finding.themes.all()),
            "version": finding.version,
        }

    def values(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("area", "kind", "judgement", "summary", "themes")}


class RecommendationForm(_ItemForm):
    kind = forms.ChoiceField(
        label="Kind", choices=RecommendationKind.choices, widget=forms.RadioSelect
    )
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        max_value=999,
        help_text="As the inspectorate's letter or the review's report numbers it.",
    )
    standard_reference = forms.CharField(
        label="Standard reference", max_length=50, required=False, help_text="For example NMS 5."
    )
    regulation_reference = forms.CharField(
        label="Regulation reference",
        max_length=100,
        required=False,
        help_text="For example Regulation 16(2).",
    )
    text = _long("What is required or recommended")
    themes = _themes()

    submit_label = "Save recommendation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper(
            Field.radios("kind", small=True),
            Field.text("number", field_width=4),
            Field.text("standard_reference", field_width=10),
            Field.text("regulation_reference", field_width=20),
            Field.textarea("text", rows=5),
            Checkboxes("themes", small=True),
        )

    @staticmethod
    def initial_for(rec: Recommendation) -> dict:
        return {
            "kind": rec.kind,
            "number": rec.number,
            "standard_reference": rec.standard_reference,
            "regulation_reference": rec.regulation_reference,
            "text": rec.text,
            "themes": list(rec.themes.all()),
            "version": rec.version,
        }

    def values(self) -> dict:
        names = ("kind", "number", "standard_reference", "regulation_reference", "text", "themes")
        return {k: self.cleaned_data[k] for k in names}


class ActionForm(_ItemForm):
    what = _long("What will be done")
    responsible_people = forms.ModelMultipleChoiceField(
        label="Owners from the board",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People who hold a place on this board.",
    )
    responsible = forms.CharField(
        label="Named contacts at partner agencies",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Names or roles, one a line, for owners who are not on the board.",
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label="No agency",
        # Every agency of every board: options joined in Python, not a template each.
        widget=GovukSelect,
    )
    timescale = forms.CharField(
        label="Timescale",
        max_length=50,
        required=False,
        help_text="A date such as 01/12/2008, or a month such as December 2008 "
        "(meaning the end of that month).",
    )

    submit_label = "Save action"

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_people"].queryset = (
            Person.objects.filter(memberships__board=board).distinct().order_by("name")
        )
        self._helper(
            Field.textarea("what", rows=4),
            Checkboxes("responsible_people", small=True),
            Field.textarea("responsible", rows=2),
            Field.select("agency"),
            Field.text("timescale", field_width=10),
        )

    def clean_timescale(self):
        try:
            return parse_timescale(self.cleaned_data.get("timescale", ""))
        except TimescaleError as exc:
            raise forms.ValidationError(str(exc)) from None

    @staticmethod
    def initial_for(action) -> dict:
        return {
            "what": action.what,
            "responsible_people": list(action.responsible_people.all()),
            "responsible": action.responsible,
            "agency": action.agency,
            "timescale": format_timescale(action.timescale, action.timescale_is_month),
            "version": action.version,
        }

    def values(self) -> dict:
        day, is_month = self.cleaned_data["timescale"]
        names = ("what", "responsible_people", "responsible", "agency")
        return {k: self.cleaned_data[k] for k in names} | {
            "timescale": day,
            "timescale_is_month": is_month,
        }


class WithdrawForm(TextLimitsMixin, forms.Form):
    """The reason, then a check-your-answers page that posts it again with `confirm`."""

    reason = forms.CharField(
        label="Why is it being withdrawn?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown beside the item from now on, with its number.",
        error_messages={"required": "Say why it is being withdrawn."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.textarea("reason", rows=3), Button("submit", "Continue"))
