"""The activity log's filters."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from boards.activity import ActivityFilters, kind_choices, person_label
from lscb.fragments import known_query
from lscb.widgets import GovukSelect


def _date(label: str) -> DateInputField:
    field = DateInputField(label=label, required=False)
    field.require_all_fields = False
    return field


class ActivityFilterForm(forms.Form):
    person = forms.TypedChoiceField(
        label="Who", required=False, coerce=int, empty_value=None, widget=GovukSelect
    )
    kind = forms.ChoiceField(label="Kind of object", required=False, widget=GovukSelect)
    since = _date("From")
    until = _date("To")

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Anyone")] + [
            (user.pk, person_label(user)) for user in people
        ]
        self.fields["kind"].choices = [("", "Any kind"), *kind_choices()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Fieldset(
                Field("person"),
                Field("kind"),
                Field("since"),
                Field("until"),
                legend="Filter the changes",
                legend_size=Size.MEDIUM,
            ),
            Submit("filter", "Apply filters", css_class="govuk-button--secondary"),
        )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if isinstance(since, dt.date) and isinstance(until, dt.date) and until < since:
            self.add_error("until", "The end date must be the same as or after the start date.")
        return cleaned

    def filters(self) -> ActivityFilters:
        """The chosen filters; none while the form has errors."""
        if not self.is_bound or not self.is_valid():
            return ActivityFilters()
        data = self.cleaned_data
        return ActivityFilters(
            actor_id=data.get("person"),
            kind=data.get("kind") or "",
            since=data.get("since"),
            until=data.get("until"),
        )

    def shown(self) -> str:
        """Everything the form shows, as text: the people offered and the values typed (its
        errors follow from them). The cache key of the form's part of the page."""
        names = [
            f"{name}{suffix}"
            for name, field in self.fields.items()
            for suffix in getattr(field.widget, "widgets_names", [""])
        ]
        typed = known_query(self.data, names) if self.is_bound else "unbound"
        return f"{typed}\x1f{self.fields['person'].choices!r}"
