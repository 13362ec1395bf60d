"""Filters and sorting for the workplan table (django-filter)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from boards.models import Person, Theme
from lscb.fragments import known_query
from lscb.vocab import RAG, Quarter
from workplans.models import Outcome, Workplan
from workplans.selectors import not_updated_in

NO_UPDATE = "none"


class OutcomeFilter(django_filters.FilterSet):
    subgroup = django_filters.ModelChoiceFilter(
        label="Lead subgroup", field_name="lead_subgroups", queryset=None, empty_label="Any"
    )
    lead = django_filters.ModelChoiceFilter(
        label="Named lead", field_name="leads", queryset=None, empty_label="Anyone"
    )
    rag = django_filters.ChoiceFilter(
        label="RAG status",
        choices=[*RAG.choices, (NO_UPDATE, "No update yet")],
        method="filter_rag",
        empty_label="Any",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="themes", queryset=Theme.objects.all(), empty_label="Any"
    )
    not_updated = django_filters.BooleanFilter(
        label="Only outcomes not updated this quarter",
        method="filter_not_updated",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.OrderingFilter(
        label="Sort by",
        fields=(
            ("order", "order"),
            ("title", "title"),
            ("rag_rank", "rag"),
            ("last_update_date", "updated"),
            ("due_date", "due"),
        ),
        field_labels={
            "order": "Plan order",
            "title": "Outcome",
            "rag": "RAG status",
            "updated": "Last update",
            "due": "Due date",
        },
        empty_label="Plan order",
    )

    class Meta:
        model = Outcome
        fields: list[str] = []

    def __init__(self, *args, workplan: Workplan, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarter = Quarter.containing(today or dt.date.today())
        self.filters["subgroup"].queryset = workplan.board.subgroups.all()
        self.filters["lead"].queryset = (
            Person.objects.filter(led_outcomes__workplan=workplan).distinct().order_by("name")
        )
        for name in ("subgroup", "lead", "rag", "theme", "sort"):
            self.form.fields[name].widget.attrs["class"] = "govuk-select"
        self.form.fields["not_updated"].widget.attrs["class"] = "govuk-checkboxes__input"

    def filter_rag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NO_UPDATE:
            return queryset.filter(current_rag="")
        return queryset.filter(current_rag=value)

    def filter_not_updated(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(not_updated_in(self.quarter)) if value else queryset

    @property
    def qs(self) -> QuerySet:
        # Filtering on many-to-many fields can repeat rows; distinct keeps one per outcome.
        return super().qs.distinct()


def filter_key(query: QueryDict) -> str:
    """The filters a query string sets, in a fixed order: one cache key per distinct table."""
    return known_query(query, OutcomeFilter.base_filters)
