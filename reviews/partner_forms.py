"""Forms for partner links: the officer's choice of address. The partner's own form is the
officers' progress form (reviews.forms.ProgressForm), so both record progress alike."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from lscb.forms import address_field
from lscb.limits import TextLimitsMixin


class SendLinkForm(TextLimitsMixin, forms.Form):
    sent_to = address_field(
        "Partner contact's email address",
        "The link is emailed here. It works for this action only.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("sent_to", field_width=30),
            Button("submit", "Send the link"),
        )
