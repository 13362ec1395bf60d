from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from reminders.models import Frequency


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often do you want the email of what is waiting for you?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text="It lists your updates due this quarter, your overdue actions, meetings whose "
        "papers are out and section 11 audits awaiting you, board by board. Nothing is sent "
        "when nothing is waiting.",
        error_messages={"required": "Choose how often you want the email."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("frequency", legend_size=Size.MEDIUM, legend_tag="h1"),
            Submit("submit", "Save"),
        )
