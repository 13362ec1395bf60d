"""Admin for reviews. A signed-off action plan is read-only here too: recommendations and
actions cannot be added, changed or deleted until the chair reopens the plan on the site."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from boards.admin import AuditedAdmin
from reviews import models as m
from reviews.services.sign_off import PlanLocked, ensure_plan_open


def _locked(review: m.Review | None) -> bool:
    return review is not None and review.pk is not None and review.is_signed_off


class _LockedInline(admin.TabularInline):
    extra = 0

    def _review(self, obj):
        return obj

    def has_add_permission(self, request, obj=None):
        return not _locked(self._review(obj)) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(self._review(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(self._review(obj)) and super().has_delete_permission(request, obj)


class FindingInline(admin.StackedInline):
    model = m.Finding
    extra = 0
    filter_horizontal = ["themes"]


class RecommendationInline(_LockedInline):
    model = m.Recommendation
    fields = ["kind", "number", "standard_reference", "regulation_reference", "text"]
    show_change_link = True


class ReopeningInline(admin.TabularInline):
    model = m.ActionPlanReopening
    extra = 0
    can_delete = False
    fields = ["at", "by", "reason", "previously_signed_off_by", "previously_signed_off_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Review)
class ReviewAdmin(AuditedAdmin):
    list_display = ["title", "board", "kind", "status", "start_date", "signed_off_at"]
    list_filter = ["board", "kind", "status"]
    search_fields = ["title", "subject_reference", "lead_reviewer"]
    date_hierarchy = "start_date"
    readonly_fields = ["signed_off_by", "signed_off_at"]
    inlines = [FindingInline, RecommendationInline, ReopeningInline]


class ActionInline(_LockedInline):
    model = m.Action
    fields = ["position", "what", "responsible", "agency", "timescale", "timescale_is_month"]
    autocomplete_fields = ["agency"]

    def _review(self, obj):
        return obj.review if obj is not None else None


class _PlanPartAdmin(AuditedAdmin):
    """Recommendations and actions: refused when their review's plan is signed off."""

    def _review_of(self, obj):
        raise NotImplementedError

    def _board_of(self, obj):
        review = self._review_of(obj)
        return review.board if review else None

    def has_change_permission(self, request, obj=None):
        return not (obj and _locked(self._review_of(obj))) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not (obj and _locked(self._review_of(obj))) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        # Adding to a locked plan through the add form is refused here; the form cannot
        # know the review until it is chosen.
        review = self._review_of(obj)
        if review is None:  # an action from the minutes: no plan to lock it
            super().save_model(request, obj, form, change)
            return
        try:
            ensure_plan_open(m.Review.objects.get(pk=review.pk))
        except PlanLocked as exc:
            raise PermissionDenied(" ".join(exc.messages)) from exc
        super().save_model(request, obj, form, change)


@admin.register(m.Recommendation)
class RecommendationAdmin(_PlanPartAdmin):
    list_display = ["__str__", "review", "standard_reference", "regulation_reference"]
    list_filter = ["kind", "review__board"]
    search_fields = ["text", "review__title"]
    filter_horizontal = ["themes"]
    inlines = [ActionInline]

    def _review_of(self, obj):
        return obj.review

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "review" in form.base_fields:
            form.base_fields["review"].queryset = m.Review.objects.filter(
                signed_off_at__isnull=True
            )
        return form


class ProgressInline(admin.TabularInline):
    model = m.ActionProgress
    extra = 0
    fields = ["date", "rag", "narrative", "author", "evidence"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Action)
class ActionAdmin(_PlanPartAdmin):
    list_display = ["__str__", "recommendation", "minute", "timescale", "current_rag"]
    list_filter = ["current_rag", "board"]
    search_fields = ["what", "responsible"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["responsible_people"]
    readonly_fields = ["board", "minute", "current_rag", "current_narrative", "last_update_date"]
    inlines = [ProgressInline]

    def _review_of(self, obj):
        return obj.recommendation.review if obj.recommendation_id else None

    def _board_of(self, obj):
        return obj.board if obj.board_id else super()._board_of(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "recommendation" in form.base_fields:
            form.base_fields["recommendation"].queryset = m.Recommendation.objects.filter(
                review__signed_off_at__isnull=True
            ).select_related("review")
        return form


@admin.register(m.Standard)
class StandardAdmin(AuditedAdmin):
    """A board's section 11 standards: what every agency's return is rated against."""

    list_display = ["code", "title", "board", "position", "active"]
    list_filter = ["board", "active"]
    search_fields = ["code", "title"]
    ordering = ["board", "position", "id"]
