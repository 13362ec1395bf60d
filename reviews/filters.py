"""The review list's filters: kind, status and overdue."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms

from lscb.widgets import GovukSelect
from reviews.models import Review, ReviewKind, ReviewStatus
from reviews.selectors.review_list import overdue_review_ids


class ReviewFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=ReviewKind.choices, empty_label="All kinds", label="Kind", widget=GovukSelect
    )
    status = django_filters.ChoiceFilter(
        choices=ReviewStatus.choices, empty_label="Any status", label="Status", widget=GovukSelect
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Only reviews with something overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Review
        fields = ["kind", "status", "overdue"]

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or dt.date.today()
        self.form.fields["overdue"].widget.attrs["class"] = "govuk-checkboxes__input"

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        # Clock deadlines depend on bank holidays, so they are worked out in Python over
        # the board's reviews (one query), not in SQL.
        return queryset.filter(pk__in=overdue_review_ids(queryset, self.today))
