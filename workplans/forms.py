"""Forms for recording progress, adding and editing outcomes, starting a year's workplan,
retiring an outcome and importing a workplan."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core import signing

from boards.models import Board, Membership, Person, Subgroup, Theme
from lscb import limits, progress_fields
from lscb.forms import address_field
from lscb.limits import TextLimitsMixin
from lscb.widgets import Checkboxes, GovukDateField
from workplans.models import Outcome

_SNAPSHOT_SALT = "workplans.outcome-snapshot"


def _date_field(label: str, help_text: str = "", required: bool = True) -> GovukDateField:
    return GovukDateField(label=label, help_text=help_text, required=required)


class ProgressForm(TextLimitsMixin, forms.Form):
    rag = progress_fields.delivery_field()
    date = _date_field(
        "Date of this update", "The day the progress describes, for example 15 12 2008."
    )
    narrative = progress_fields.delivery_narrative_field("outcome")
    impact = progress_fields.impact_field()
    impact_narrative = progress_fields.impact_narrative_field()
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
            Field.radios("impact", legend_size=Size.MEDIUM, small=True),
            Field.textarea("impact_narrative"),
            Field("evidence"),
            Submit("submit", "Save progress"),
        )


class SendLinkForm(TextLimitsMixin, forms.Form):
    """The address an officer sends an outcome's progress link to."""

    sent_to = address_field(
        "Lead's email address",
        "The link is emailed here. It works for this outcome only.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("sent_to", field_width=30), Submit("submit", "Send the link")
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

    def __init__(
        self,
        *args,
        board: Board,
        outcome=None,
        adding: bool = False,
        only_subgroups: frozenset[int] | None = None,
        **kwargs,
    ) -> None:
        """Lead subgroups are the board's active ones and leads its current members, with
        those the outcome already names, so saving never drops them unseen. adding=True
        leaves out the position (a new outcome goes last) and the concurrency check, and
        its buttons are the page's own. only_subgroups (for an officer of some subgroups
        only) offers just those, and asks for one of them."""
        super().__init__(*args, **kwargs)
        subgroups = board.subgroups.filter(active=True)
        if only_subgroups is not None:
            subgroups = subgroups.filter(pk__in=only_subgroups)
            field = self.fields["lead_subgroups"]
            field.required = True
            field.help_text = "You may add outcomes that your subgroup leads."
            field.error_messages["required"] = "Choose the subgroup that leads this outcome."
        in_post = Membership.objects.current().filter(board=board).values("person_id")
        people = Person.objects.filter(pk__in=in_post)
        if outcome is not None:
            subgroups |= board.subgroups.filter(outcomes=outcome)
            people |= Person.objects.filter(led_outcomes=outcome)
        self.fields["lead_subgroups"].queryset = subgroups.distinct()
        self.fields["leads"].queryset = people.distinct().order_by("name")
        fields = ["order", "version", "loaded"]
        if adding:
            for name in fields:
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The pages' <form> carries the token; the fields are then the same for every
        # viewer, so an empty form can be a cached part of the page.
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("how"),
            Field.textarea("who"),
            Checkboxes("lead_subgroups", small=True),
            Checkboxes("leads", small=True),
            Checkboxes("themes", small=True),
            Field("due_date"),
            *(
                []
                if adding
                else [
                    Field.text("order", field_width=4),
                    "version",
                    "loaded",
                    Submit("submit", "Save outcome"),
                ]
            ),
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
    workplan = forms.TypedChoiceField(
        label="Import into",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="A file exported from a workplan, edited and imported into it again "
        "updates the outcomes it matches by title and adds the rest.",
    )
    title = forms.CharField(
        label="Title of a new workplan", max_length=limits.TITLE, initial="Workplan", required=False
    )
    start = _date_field("Start of the period", "For a new workplan, for example 1 4 2008.", False)
    end = _date_field("End of the period", "For a new workplan, for example 31 3 2009.", False)
    review_date = _date_field(
        "Review date",
        "The day the Review column describes, for rows with no review date of their own. "
        "Each Review becomes a progress update on its outcome, dated this day.",
        required=False,
    )
    file = forms.FileField(
        label="Workplan spreadsheet (.xlsx)",
        help_text="A table with the columns Outcome, How we will do it, Who and Review.",
    )

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workplans = {w.pk: w for w in board.workplans.order_by("-start")}
        self.fields["workplan"].choices = [("", "A new draft workplan")] + [
            (pk, str(w)) for pk, w in self.workplans.items()
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("workplan"),
            Field.text("title"),
            Field("start"),
            Field("end"),
            Field("review_date"),
            Field("file"),
            Submit("submit", "Check the file"),
        )

    def clean_workplan(self):
        pk = self.cleaned_data.get("workplan")
        if pk is not None and pk not in self.workplans:
            raise forms.ValidationError("Choose one of this board's workplans.")
        return self.workplans.get(pk) if pk is not None else None

    def clean(self) -> dict:
        data = super().clean()
        target = data.get("workplan")
        if target is not None:
            # An existing workplan keeps its own title and period.
            data["title"], data["start"], data["end"] = target.title, target.start, target.end
            return data
        if "title" in data and not data["title"].strip():
            self.add_error("title", "Enter a title for the new workplan.")
        for name, label in (("start", "start"), ("end", "end")):
            if name in data and data[name] is None:
                self.add_error(name, f"Enter the {label} of the period")
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
            self.add_error("end", "The period must end after it starts.")
        return data


class StartYearForm(TextLimitsMixin, forms.Form):
    """The first question when starting a year's workplan: which year, and how."""

    BLANK, CARRY = "blank", "carry"

    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        help_text="Workplans run from April to March.",
        error_messages={"required": "Choose the year the workplan covers."},
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=limits.TITLE,
        help_text="Leave blank for “Workplan” and the year, for example Workplan 2009/10.",
    )
    way = forms.ChoiceField(
        label="How do you want to start?",
        choices=[
            (BLANK, "A blank workplan"),
            (CARRY, "Carry forward outcomes from the year before"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a blank workplan or to carry outcomes forward."},
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Choose a year")] + [
            (y, f"{y}/{(y + 1) % 100:02d}") for y in years
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page holds the form's token, outside the cached form (lscb.fragments).
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.select("year"),
            Field.text("title"),
            Field.radios("way", legend_size=Size.MEDIUM),
            Submit("submit", "Continue"),
        )


class CarryForwardForm(forms.Form):
    """Which of last year's open outcomes the new plan keeps."""

    outcomes = forms.ModelMultipleChoiceField(
        label="Outcomes to carry forward",
        queryset=Outcome.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Completed and retired outcomes stay behind.",
        error_messages={
            "required": "Choose at least one outcome, or go back and start blank.",
            "invalid_choice": "An outcome you chose was completed or retired after this page "
            "was opened. Check the list and choose again.",
        },
    )

    def __init__(self, *args, candidates: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcomes"]
        ids = [o.pk for o in candidates]
        field.queryset = Outcome.objects.filter(pk__in=ids).select_related("workplan")
        # Labels from the outcomes already read, in plan order.
        field.choices = [(o.pk, o.title) for o in candidates]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.checkboxes("outcomes", legend_size=Size.MEDIUM, small=True),
            Submit("submit", "Continue"),
        )


class RetireForm(TextLimitsMixin, forms.Form):
    reason = forms.CharField(
        label="Why is this outcome being retired?",
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: merged into another outcome, or no longer a priority. "
        "The reason is kept with the outcome's history.",
        error_messages={"required": "Enter why the outcome is being retired."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page holds the form's token, outside the cached blank form (lscb.fragments).
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.textarea("reason"), Submit("submit", "Continue"))
