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
from lscb.widgets import GovukSelect
from workplans.models import Outcome, Workplan
from workplans.selectors import not_updated_in, rag_rank

NO_UPDATE = "none"


class OutcomeOrdering(django_filters.OrderingFilter):
    """Sorting by status sorts by selectors.rag_rank, added only then: building that
    expression costs more than the rest of the outcomes query."""

    def filter(self, qs: QuerySet, value: list[str] | None) -> QuerySet:
        if value and any(v.lstrip("-") == "rag" for v in value):
            qs = qs.annotate(rag_rank=rag_rank())
        return super().filter(qs, value)


class OutcomeFilter(django_filters.FilterSet):
    subgroup = django_filters.ModelChoiceFilter(
        label="Lead subgroup",
        field_name="lead_subgroups",
        queryset=None,
        empty_label="Any",
        widget=GovukSelect,
    )
    lead = django_filters.ModelChoiceFilter(
        label="Named lead",
        field_name="leads",
        queryset=None,
        empty_label="Anyone",
        widget=GovukSelect,
    )
    rag = django_filters.ChoiceFilter(
        label="Delivery",
        choices=[*RAG.choices, (NO_UPDATE, "No update yet")],
        method="filter_rag",
        empty_label="Any",
        widget=GovukSelect,
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any",
        widget=GovukSelect,
    )
    not_updated = django_filters.BooleanFilter(
        label="Only outcomes not updated this quarter",
        method="filter_not_updated",
        widget=forms.CheckboxInput,
    )
    sort = OutcomeOrdering(
        label="Sort by",
        fields=(
            ("order", "order"),
            ("title", "title"),
            ("rag_rank", "rag"),
            ("last_update_date", "updated"),
            ("due_date", "due"),
        ),
        # Keyed by the field sorted on, not the query value (django-filter's convention).
        field_labels={
            "order": "Plan order",
            "title": "Outcome",
            "rag_rank": "Delivery",
            "last_update_date": "Last update",
            "due_date": "Due date",
        },
        empty_label="Plan order",
        widget=GovukSelect,
    )

    class Meta:
        model = Outcome
        fields: list[str] = []

    def __init__(self, *args, workplan: Workplan, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarter = Quarter.containing(today or dt.date.today())
        # Meta.ordering within one board, without its join to the board.
        self.filters["subgroup"].queryset = workplan.board.subgroups.order_by("kind", "name")
        self.filters["lead"].queryset = (
            Person.objects.filter(led_outcomes__workplan=workplan).distinct().order_by("name")
        )
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
