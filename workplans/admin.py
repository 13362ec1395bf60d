from django.contrib import admin
from django.db.models import F

from workplans.models import Outcome, Priority, ProgressUpdate, Workplan


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "board"]
    list_filter = ["board"]


@admin.register(Workplan)
class WorkplanAdmin(admin.ModelAdmin):
    list_display = ["title", "board", "start", "end", "status", "approved_by"]
    list_filter = ["board", "status"]
    # Approval is the chair's act in the app, recorded with who and when; not an admin toggle.
    readonly_fields = ["status", "approved_by", "approved_at"]
    filter_horizontal = ["priorities"]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fields = ["date", "quarter", "rag", "narrative", "author", "evidence", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["title", "workplan", "order", "current_rag", "last_update_date"]
    list_filter = ["workplan__board", "workplan", "current_rag"]
    search_fields = ["title", "how", "who"]
    readonly_fields = ["version", "current_rag", "current_narrative", "last_update_date"]
    filter_horizontal = ["lead_subgroups", "leads", "themes"]
    inlines = [ProgressUpdateInline]

    def save_model(self, request, obj, form, change) -> None:
        # An admin edit is still an edit: bump the version so open app forms see it as stale.
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db(fields=["version"])


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Progress history is append-only: the admin can read it but never change it."""

    list_display = ["outcome", "date", "quarter", "rag", "author", "created_at"]
    list_filter = ["quarter", "rag", "outcome__workplan__board"]
    search_fields = ["narrative", "outcome__title"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
