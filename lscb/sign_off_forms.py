"""The chair's reason for reopening something signed off (lscb.sign_off)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from lscb import limits
from lscb.limits import TextLimitsMixin


class ReopenForm(TextLimitsMixin, forms.Form):
    reason = forms.CharField(max_length=limits.STATEMENT, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, what: str, shown_on: str, **kwargs):
        """`what` is reopened ("the action plan"), and the reason is shown on `shown_on`
        ("the review")."""
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = f"Why {'are' if what.endswith('s') else 'is'} {what} being reopened?"
        reason.help_text = f"This is recorded with your name and the date, and shown on {shown_on}."
        self.limit_texts()
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("reason", rows=4),
            Button("submit", f"Reopen {what}", css_class="govuk-button--warning"),
        )
