"""The form that records a decision of a meeting as an action: what, who owns it, for
which agency, and by when. The rules live in reviews.services.minute_actions."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from boards.models import Agency
from lscb import limits
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField, GovukSelect


class MinuteActionForm(TextLimitsMixin, forms.Form):
    what = forms.CharField(
        label="What was decided, and what will be done",
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was decided and what will be done."},
    )
    owner = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        widget=GovukSelect,
        help_text="Someone with a place on the board, or who was at the meeting.",
        error_messages={"required": "Choose who owns the action."},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label="The owner's own agency",
        widget=GovukSelect,
    )
    due = GovukDateField(label="Due date", help_text="For example 31 3 2027.")

    def __init__(self, *args, owners, submit: str = "Record the decision", **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {p.pk: p for p in owners}
        self.fields["owner"].choices = [("", "Choose an owner")] + [
            (p.pk, f"{p.name}, {p.agency.name}" if p.agency_id else p.name) for p in owners
        ]
        helper = FormHelper()
        helper.form_tag = False
        helper.label_size = Size.SMALL
        helper.legend_size = Size.SMALL
        helper.layout = Layout(
            Field.textarea("what", rows=4),
            Field("owner"),
            Field("agency"),
            Field("due"),
            Submit("submit", submit),
        )
        self.helper = helper

    @staticmethod
    def initial_for(action) -> dict:
        owner = next(iter(action.responsible_people.all()), None)
        return {
            "what": action.what,
            "owner": owner.pk if owner else "",
            "agency": action.agency,
            "due": action.timescale,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "what": data["what"],
            "owner": self.owners[data["owner"]],
            "agency": data["agency"],
            "due": data["due"],
        }


class WithdrawDecisionForm(TextLimitsMixin, forms.Form):
    """Why a decision recorded in error is withdrawn; posting it withdraws the decision."""

    reason = forms.CharField(
        label="Why is this decision being withdrawn?",
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, it was recorded against the wrong item, or recorded twice. "
        "The reason is shown with the decision in the minutes.",
        error_messages={"required": "Say why the decision is being withdrawn."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = FormHelper()
        helper.form_tag = False
        helper.label_size = Size.SMALL
        helper.layout = Layout(
            Field.textarea("reason", rows=3),
            Submit("submit", "Withdraw the decision", css_class="govuk-button--warning"),
        )
        self.helper = helper
