"""The rating fields every progress form asks for, defined once so workplan outcomes and
review actions ask the same questions in the same words."""

from __future__ import annotations

from django import forms

from lscb import limits
from lscb.vocab import RAG, Impact

DELIVERY_LABEL = "Delivery: are we doing what we said we would?"
IMPACT_LABEL = "Impact: is it making a difference for children and families?"
# Impact may lag delivery; saying so is a choice, so it is an option rather than a blank.
NOT_YET = ("", "Too early to say")


def delivery_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=DELIVERY_LABEL,
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a delivery rating."},
    )


def delivery_narrative_field(what: str) -> forms.CharField:
    return forms.CharField(
        label="What has happened",
        required=False,
        max_length=limits.PROGRESS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Required when delivery of the {what} is at risk or off track.",
    )


def impact_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=IMPACT_LABEL,
        choices=[NOT_YET, *Impact.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text="Rate the difference for children, not the work done. Left unrated, the "
        "last impact rating stands.",
    )


def impact_narrative_field() -> forms.CharField:
    return forms.CharField(
        label="Evidence of impact",
        required=False,
        max_length=limits.PROGRESS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows the difference, or its absence: audit findings, what children "
        "and families said, figures. Required when you rate impact.",
    )
