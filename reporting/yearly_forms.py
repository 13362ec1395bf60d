"""Forms for the yearly report; the rules live in reporting.services.yearly."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from boards.models import Agency
from lscb.limits import TextLimitsMixin
from reporting.models import FundingContribution, YearlyReport, YearlySection


def _helper(*fields) -> FormHelper:
    """A GOV.UK layout of `fields` without a form tag; the last argument is the button."""
    *fields, label = fields
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Submit("submit", label))
    return helper


class SectionForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = YearlySection
        fields = ["narrative", "missing_reason"]
        labels = {"narrative": "What the board wants to say"}
        help_texts = {
            "narrative": "Say what the figures mean, what changed for children and families, "
            "and what the partners will do next.",
            "missing_reason": "Only if the report must be published before this section is "
            "complete. Readers see this reason where the section would be.",
        }
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 10}),
            "missing_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("narrative"), Field.textarea("missing_reason"), "Save the section"
        )


class SummaryForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = YearlyReport
        fields = ["summary"]
        help_texts = {
            "summary": "Plain words, short sentences, no acronyms: what the partners did this "
            "year and what changed for children and families. It is published beside the report."
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("summary"), "Save the summary")


class ContributionForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = FundingContribution
        fields = ["agency", "amount", "in_kind"]
        error_messages = {
            "agency": {"required": "Choose the agency that contributed."},
            "amount": {
                "required": "Enter the amount the agency contributed, like 25000.",
                "invalid": "Enter the amount as a number of pounds, like 25000.",
                "min_value": "The amount cannot be less than £0.",
                "max_digits": "The amount is too large.",
                "max_decimal_places": "Enter the amount in pounds and pence, like 25000.50.",
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["amount"].min_value = Decimal(0)
        self.fields["amount"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.helper = _helper(
            Field("agency"),
            Field.text("amount", field_width=10),
            Field("in_kind"),
            "Save the contribution",
        )
