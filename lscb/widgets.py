"""Form widgets shared by the apps' pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from crispy_forms.layout import LayoutObject
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


class GovukSelect(forms.Select):
    """A GOV.UK <select> whose options are joined in Python.

    Django's Select renders two templates per <option> (the option and its attributes):
    about 15% of the workplan page's first render, for its filter form's 40 options. The
    markup is what Django's templates give, but for the blank lines between options.
    """

    def __init__(self, attrs: Mapping[str, object] | None = None, choices=()) -> None:
        super().__init__({"class": "govuk-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            html.extend(
                f'\n  <option value="{conditional_escape(_text(o["value"]))}"{_attrs(o["attrs"])}>'
                f"{conditional_escape(o['label'])}</option>"
                for o in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        # Every piece of text above is escaped, as the templates' autoescaping would.
        return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


class Checkboxes(LayoutObject):
    """A list of GOV.UK checkboxes in a form's layout, in place of crispy_forms_gds's
    `Field.checkboxes`: the same markup (fieldset, legend, hint, errors, one item a
    choice), written in Python.

    The template renders each choice through a dozen template lookups and counts the
    choices first (one more query): most of an authoring form's rendering when it lists
    the board's people or every theme.
    """

    def __init__(self, name: str, *, small: bool = False, legend_size: str | None = None):
        self.fields = [name]
        self.small = small
        self.legend_size = Size.for_legend(legend_size) if legend_size else ""

    def render(self, form, context, template_pack=None, **kwargs) -> SafeString:
        field = form[self.fields[0]]
        auto_id = conditional_escape(field.auto_id)
        errors = list(field.errors) if context.get("form_show_errors", True) else []
        described = [f"{auto_id}_hint"] if field.help_text else []
        described += [f"{auto_id}_{n}_error" for n in range(1, len(field.errors) + 1)]
        html = [
            f'<div id="div_{auto_id}" class="govuk-form-group'
            f'{" govuk-form-group--error" if errors else ""}">',
            '<fieldset class="govuk-fieldset"'
            + (f' aria-describedby="{" ".join(described)}"' if described else "")
            + ">",
        ]
        if field.label:
            # Its own size, else the one the form's helper sets for every legend.
            legend_size = self.legend_size or context.get("legend_size") or ""
            size = f" {legend_size}" if legend_size else ""
            # The label is the form's own text, marked safe as the template's |safe does.
            html.append(f'<legend class="govuk-fieldset__legend{size}">{field.label}</legend>')
        if field.help_text:
            html.append(f'<div id="{auto_id}_hint" class="govuk-hint">{field.help_text}</div>')
        html.extend(
            f'<span id="{auto_id}_{n}_error" class="govuk-error-message">'
            f'<span class="govuk-visually-hidden">Error:</span> {conditional_escape(error)}</span>'
            for n, error in enumerate(errors, start=1)
        )
        small = " govuk-checkboxes--small" if self.small else ""
        html.append(f'<div class="govuk-checkboxes{small}">')
        name = conditional_escape(field.html_name)
        chosen = {str(v) for v in (field.value() or [])}
        for n, (value, label) in enumerate(field.field.choices, start=1):
            item_id = f"id_{name}_{n}"
            checked = ' checked="checked"' if str(value) in chosen else ""
            html.append(
                f'<div class="govuk-checkboxes__item"><input type="checkbox" name="{name}" '
                f'class="govuk-checkboxes__input" id="{item_id}" '
                f'value="{conditional_escape(_text(value))}"{checked}>'
                f'<label class="govuk-label govuk-checkboxes__label" for="{item_id}">'
                f"{conditional_escape(label)}</label></div>"
            )
        html.append("</div></fieldset></div>")
        # Every value and label above is escaped; label and hint are the form's own text.
        return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


def _attrs(attrs: Mapping[str, object]) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them, escaped: in order, True
    as a bare name, False left out, anything else as text."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(_text(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value: object) -> str:
    """The value as the templates' `stringformat:'s'` gives it."""
    return "%s" % (value,)  # noqa: UP031 - the same %-formatting as the filter


class GovukDateField(DateInputField):
    """A date typed as day, month and year (the GOV.UK date input), with the Design
    System's error messages: "Enter the report date", "Report date must include a month",
    "Report date must be a real date", "Year must include 4 numbers"."""

    is_date_input = True  # templates that lay fields out by hand give it a fieldset

    def __init__(self, *, label: str, required: bool = True, help_text: str = "", **kwargs):
        super().__init__(label=label, required=required, help_text=help_text, **kwargs)
        self.require_all_fields = False

    def clean(self, value):
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        parts = [
            str(v).strip() if v is not None else "" for v in (list(value or []) + [""] * 3)[:3]
        ]
        name = str(self.label or "Date")
        missing = [
            part for part, text in zip(("day", "month", "year"), parts, strict=True) if not text
        ]
        if len(missing) == 3:
            if self.required:
                raise ValidationError(f"Enter the {name[0].lower()}{name[1:]}", code="required")
            return None
        self._mark(missing or ["day", "month", "year"])
        if missing:
            raise ValidationError(
                f"{name} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not all(text.isdigit() for text in parts):
            raise ValidationError(f"{name} must be a real date", code="invalid")
        if len(parts[2]) != 4:
            self._mark(["year"])
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise ValidationError(f"{name} must be a real date", code="invalid") from None
        self._mark([])
        self.validate(day)
        self.run_validators(day)
        return day

    def _mark(self, wrong: list[str]) -> None:
        """Outline in red the parts that are wrong, as the date input pattern asks."""
        for part, widget in zip(("day", "month", "year"), self.widget.widgets, strict=True):
            classes = [c for c in widget.attrs["class"].split() if c != "govuk-input--error"]
            if part in wrong:
                classes.append("govuk-input--error")
            widget.attrs["class"] = " ".join(classes)
