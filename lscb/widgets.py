"""Form widgets shared by the apps' pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
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
