"""Measuring a workplan outcome by an indicator of the quarterly dataset: the page where
those who may change the outcome choose the indicator, its target and direction, or remove
it. The outcome is loaded through workplans.access with the right to change it."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lscb import limits
from lscb.form_errors import add_service_errors
from lscb.limits import TextLimitsMixin
from reporting.models import Indicator
from reporting.outcome_link_models import Direction, OutcomeIndicator
from reporting.services import outcome_indicators
from workplans.access import get_outcome_for_user


class OutcomeIndicatorForm(TextLimitsMixin, forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=Indicator.objects.order_by("order", "name"),
        empty_label="Choose an indicator",
        error_messages={"required": "Choose the indicator that measures the outcome."},
    )
    target = forms.DecimalField(
        label="Target",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="The figure the board aims for, in the indicator's own unit.",
        error_messages={
            "required": "Enter the figure the board aims for, 0 or more.",
            "invalid": "Enter the target as a number, like 120 or 7.5.",
            "min_value": "Enter the figure the board aims for, 0 or more.",
        },
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether a higher or a lower figure is better."},
    )
    note = forms.CharField(
        label="Why this indicator (optional)",
        required=False,
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("indicator"),
            Field.text("target", field_width=10),
            Field.radios("direction", legend_size=Size.SMALL, inline=True),
            Field.textarea("note"),
            Submit("submit", "Save the indicator"),
        )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_indicator(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(request.user, board_slug, pk, author=True)
    board = outcome.workplan.board
    link = OutcomeIndicator.objects.filter(outcome=outcome).first()
    if request.method == "POST" and "remove" in request.POST:
        outcome_indicators.outcome_indicator_remove(outcome=outcome, by=request.user)
        messages.success(request, f"“{outcome.title}” is no longer measured by an indicator.")
        return redirect("workplans:outcome", board.slug, outcome.pk)
    initial = {}
    if link is not None:
        initial = {
            "indicator": link.indicator_id,
            "target": link.target.normalize(),
            "direction": link.direction,
            "note": link.note,
        }
    form = OutcomeIndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_indicators.outcome_indicator_set(
                outcome=outcome, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{outcome.title}” is measured by its indicator.")
            return redirect("workplans:outcome", board.slug, outcome.pk)
    return render(
        request,
        "reporting/outcome_indicator_form.html",
        {
            "board": board,
            "nav": "workplans",
            "outcome": outcome,
            "workplan": outcome.workplan,
            "form": form,
            "link": link,
        },
    )
