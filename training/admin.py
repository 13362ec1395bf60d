"""Admin for training: the programme, level schemes, courses, the needs analysis, sessions
with their bookings, and evaluations."""

from __future__ import annotations

from django.contrib import admin

from boards.admin import AuditedAdmin
from training import models as m


class _TrainingAdmin(AuditedAdmin):
    """Rows reach their board through a course, a session or a booking."""

    board_path: tuple[str, ...] = ()

    def _board_of(self, obj):
        for name in self.board_path:
            obj = getattr(obj, name, None)
        return getattr(obj, "board", None)


@admin.register(m.Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["board", "lead_subgroup"]


class LevelInline(admin.TabularInline):
    model = m.Level
    extra = 0


@admin.register(m.LevelScheme)
class LevelSchemeAdmin(AuditedAdmin):
    list_display = ["name", "board"]
    list_filter = ["board"]
    inlines = [LevelInline]


class QuestionInline(admin.TabularInline):
    model = m.Question
    extra = 0


@admin.register(m.Course)
class CourseAdmin(AuditedAdmin):
    list_display = ["title", "board", "level", "refresh_months", "results_indicator"]
    list_filter = ["board"]
    search_fields = ["title"]
    inlines = [QuestionInline]


@admin.register(m.Need)
class NeedAdmin(AuditedAdmin):
    list_display = ["agency", "role_group", "level", "headcount", "refresh_months", "board"]
    list_filter = ["board", "agency"]
    search_fields = ["role_group"]
    filter_horizontal = ["courses"]
    raw_id_fields = ["outcome", "recommendation"]


class BookingInline(admin.TabularInline):
    model = m.Booking
    extra = 0
    fields = ["attendee_name", "agency", "status", "attendance"]


@admin.register(m.Session)
class SessionAdmin(_TrainingAdmin):
    board_path = ("course",)
    list_display = ["course", "date", "trainer", "venue", "capacity"]
    list_filter = ["course__board", "course"]
    date_hierarchy = "date"
    inlines = [BookingInline]


class ReactionInline(admin.StackedInline):
    model = m.Reaction
    extra = 0


class AnswerInline(admin.TabularInline):
    model = m.Answer
    extra = 0


class FollowUpInline(admin.StackedInline):
    model = m.FollowUp
    extra = 0
    raw_id_fields = ["recorded_by", "amended_by"]


@admin.register(m.Booking)
class BookingAdmin(_TrainingAdmin):
    board_path = ("session", "course")
    list_display = ["display_name", "agency", "session", "status", "attendance"]
    list_filter = ["session__course__board", "status", "attendance"]
    search_fields = ["attendee_name"]
    inlines = [ReactionInline, AnswerInline, FollowUpInline]
