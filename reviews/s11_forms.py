"""Forms for section 11 audits: issuing a return, an agency's self-assessment, and a
challenge raised from the grid. Rules live in reviews.services.s11."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import escape

from boards.models import Agency
from lscb import limits
from lscb.forms import address_field
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField
from reviews.models import S11Rating, SelfRating, Standard
from reviews.services.s11 import Answer


class IssueForm(TextLimitsMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.order_by("name"),
        empty_label="Choose the agency",
        error_messages={"required": "Choose the agency whose return this is."},
    )
    lead_name = forms.CharField(
        label="Name of the agency's lead for the audit",
        max_length=limits.NAME,
        error_messages={"required": "Enter the name of the agency's lead."},
    )
    lead_email = address_field(
        "Their email address",
        "The link is emailed here. It opens this agency's return and nothing else.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("agency"),
            Field.text("lead_name", field_width=30),
            Field.text("lead_email", field_width=30),
            Button("submit", "Send the link"),
        )


class StandardForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["code", "title", "good_looks_like", "active"]
        error_messages = {
            "code": {"required": "Enter the standard's reference, such as 1 or S3."},
            "title": {"required": "Enter what the standard is about."},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["active"].label = "Ask agencies about this standard in new returns"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("code", field_width=5),
            Field.text("title"),
            Field.textarea("good_looks_like", rows=3),
            Field.checkbox("active") if self.instance.pk else HTML(""),
            Button("submit", "Save the standard" if self.instance.pk else "Add the standard"),
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        taken = Standard.objects.filter(board=self.board, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"The board already has a standard {code}.")
        return code


class ChallengeForm(TextLimitsMixin, forms.Form):
    standard = forms.ModelChoiceField(
        label="Standard",
        queryset=Standard.objects.none(),
        empty_label="Choose the standard",
        error_messages={"required": "Choose the standard the challenge is about."},
    )
    what = forms.CharField(
        label="What is the agency asked to do?",
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the agency is asked to do."},
    )
    responsible = forms.CharField(
        label="Who owns the action",
        required=False,
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Roles or names, one a line.",
    )
    timescale = GovukDateField(
        label="Due date", required=False, help_text="For example, 31 3 2010."
    )

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("standard"),
            Field.textarea("what", rows=4),
            Field.textarea("responsible", rows=2),
            Field("timescale"),
            Button("submit", "Raise the challenge"),
        )


class ReturnForm(TextLimitsMixin, forms.Form):
    """The self-assessment: for each standard a rating, evidence, the agency's own actions
    and an optional document. Saving keeps whatever is filled in; submitting needs it all."""

    def __init__(self, *args, standards: list[Standard], ratings: dict[int, S11Rating], **kwargs):
        initial = kwargs.setdefault("initial", {})
        for pk, rating in ratings.items():
            initial.update(
                {
                    f"rating_{pk}": rating.rating,
                    f"evidence_{pk}": rating.evidence,
                    f"own_actions_{pk}": rating.own_actions,
                }
            )
        super().__init__(*args, **kwargs)
        self.standards = standards
        sections = []
        for standard in standards:
            pk = standard.pk
            self.fields[f"rating_{pk}"] = forms.ChoiceField(
                label=f"How well does your agency meet standard {standard.code}?",
                choices=SelfRating.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{pk}"] = forms.CharField(
                label="Evidence",
                required=False,
                max_length=limits.PROGRESS,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="What shows the rating is right: policies, audits, figures.",
            )
            self.fields[f"own_actions_{pk}"] = forms.CharField(
                label="Your agency's own actions",
                required=False,
                max_length=limits.STATEMENT,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Needed when the rating is red or amber: what you will do, by when.",
            )
            self.fields[f"file_{pk}"] = forms.FileField(
                label="A supporting document (optional)", required=False
            )
            attached = ratings.get(pk)
            note = (
                HTML(
                    '<p class="govuk-body-s">Attached already: '
                    f"{escape(attached.evidence_file.name.rsplit('/', 1)[-1])}</p>"
                )
                if attached and attached.evidence_file
                else HTML("")
            )
            good = (
                HTML(
                    '<div class="govuk-inset-text app-pre-line">What good looks like: '
                    f"{escape(standard.good_looks_like)}</div>"
                )
                if standard.good_looks_like
                else HTML("")
            )
            sections.append(
                Fieldset(
                    good,
                    Field.radios(f"rating_{pk}", small=True, legend_size=Size.SMALL),
                    Field.textarea(f"evidence_{pk}", rows=4),
                    Field.textarea(f"own_actions_{pk}", rows=3),
                    Field(f"file_{pk}"),
                    note,
                    legend=f"Standard {standard.code}: {standard.title}",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            *sections,
            Button.secondary("save", "Save and come back later"),
            Button("submit_return", "Submit the return"),
        )

    def answers(self) -> dict[int, Answer]:
        data = self.cleaned_data
        return {
            s.pk: Answer(
                rating=data.get(f"rating_{s.pk}", ""),
                evidence=data.get(f"evidence_{s.pk}", ""),
                own_actions=data.get(f"own_actions_{s.pk}", ""),
                file=data.get(f"file_{s.pk}"),
            )
            for s in self.standards
        }
