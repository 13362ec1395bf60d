from django.contrib import admin

from reporting.models import (
    Indicator,
    IndicatorValue,
    PortfolioItem,
    PortfolioMeeting,
    QuarterlyReport,
    ReportNarrative,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "unit", "aggregation", "parent", "breakdown", "order"]
    list_filter = ["group", "aggregation"]
    search_fields = ["code", "name"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["board", "quarter", "indicator", "value", "entered_by", "entered_at"]
    list_filter = ["board", "quarter", "indicator__group"]
    list_select_related = ["board", "indicator", "entered_by"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change) -> None:
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(admin.ModelAdmin):
    list_display = ["board", "quarter", "subject", "updated_by", "updated_at"]
    list_filter = ["board"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(admin.ModelAdmin):
    """Read-only: reports are made by the render job, never edited by hand."""

    list_display = [
        "board",
        "quarter",
        "version",
        "status",
        "trigger",
        "page_count",
        "size",
        "requested_at",
    ]
    list_filter = ["status", "board", "trigger"]
    list_select_related = ["board"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PortfolioItemInline(admin.TabularInline):
    model = PortfolioItem
    extra = 1


@admin.register(PortfolioMeeting)
class PortfolioMeetingAdmin(admin.ModelAdmin):
    list_display = ["portfolio", "board", "date", "time", "venue"]
    list_filter = ["board"]
    inlines = [PortfolioItemInline]
