"""The admins' tool: boards, agencies, people, subgroups, memberships, panels and their rules."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from boards import models as m
from boards.compliance import check_constitution
from boards.selectors import TERM_END_WARNING_DAYS
from boards.services import meeting_record_attendance
from boards.services.minutes import lock_for_minutes
from lscb import audit


class AuditedAdmin(admin.ModelAdmin):
    """Every change made in the admin lands in the audit trail with who made it."""

    def _board_of(self, obj):
        return getattr(obj, "board", None) if not isinstance(obj, m.Board) else obj

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = form.changed_data if change else []
        audit.record(
            actor=request.user,
            action=f"{obj._meta.model_name}.{'changed' if change else 'added'}",
            obj=obj,
            board=self._board_of(obj),
            summary=f"{'Changed' if change else 'Added'} {obj._meta.verbose_name} {obj}"
            + (f" ({', '.join(changed)})" if changed else ""),
        )

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user,
            action=f"{obj._meta.model_name}.deleted",
            obj=obj,
            board=self._board_of(obj),
            summary=f"Deleted {obj._meta.verbose_name} {obj}",
        )
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(
                actor=request.user,
                action=f"{obj._meta.model_name}.deleted",
                obj=obj,
                board=self._board_of(obj),
                summary=f"Deleted {obj._meta.verbose_name} {obj}",
            )
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            audit.record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'added' if is_new else 'changed'}",
                obj=obj,
                board=self._board_of(obj),
                summary=f"{'Added' if is_new else 'Changed'} {obj._meta.verbose_name} {obj}",
            )
        formset.save_m2m()
        warn_breaches(request, [o for o in instances if isinstance(o, m.Membership)])


def warn_breaches(request, memberships: list[m.Membership]) -> None:
    """After membership changes, say at once which rules the body now breaks."""
    bodies = {(ms.board_id, ms.subgroup_id) for ms in memberships}
    for board_id, subgroup_id in bodies:
        constitution = m.Constitution.objects.filter(
            board_id=board_id, subgroup_id=subgroup_id
        ).first()
        if constitution is None:
            continue
        for finding in check_constitution(constitution):
            if finding.is_breach:
                messages.warning(request, f"Constitution breach: {finding.message}")


def _term_end_cell(membership: m.Membership) -> str:
    if membership.term_end is None:
        return "No end date"
    days = (membership.term_end - dt.date.today()).days
    if 0 <= days <= TERM_END_WARNING_DAYS:
        return format_html(
            "<mark><strong>{} (in {} days)</strong></mark>",
            membership.term_end.strftime("%d %b %Y"),
            days,
        )
    return membership.term_end.strftime("%d %b %Y")


class _MembershipInline(admin.TabularInline):
    model = m.Membership
    extra = 0
    autocomplete_fields = ["person", "agency", "buddy"]
    fields = [
        "person",
        "subgroup",
        "role",
        "title",
        "agency",
        "voting",
        "access",
        "term_start",
        "term_end",
        "term_ends",
        "induction_completed",
        "buddy",
    ]
    readonly_fields = ["term_ends"]

    @admin.display(description="Term ends")
    def term_ends(self, obj):
        return _term_end_cell(obj) if obj.pk else "—"


class CurrentMembershipInline(_MembershipInline):
    verbose_name_plural = "Current members"

    def get_queryset(self, request):
        today = dt.date.today()
        return (
            super()
            .get_queryset(request)
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
            .select_related("person", "agency", "subgroup", "buddy")
        )


class PastMembershipInline(_MembershipInline):
    verbose_name_plural = "Past members"
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(term_end__lt=dt.date.today())
            .select_related("person", "agency", "subgroup", "buddy")
        )


class ConstitutionCheckMixin:
    @admin.display(description="Constitution check")
    def constitution_check(self, obj):
        constitution = self._constitution(obj)
        if constitution is None:
            return "No constitution rules recorded."
        findings = check_constitution(constitution)
        if not findings:
            return "Compliant: membership meets every rule."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> {}</li>",
                (("Breach:" if f.is_breach else "Vacancy:", f.message) for f in findings),
            ),
        )

    @admin.display(description="Vacancies")
    def vacancies(self, obj):
        constitution = self._constitution(obj)
        if constitution is None:
            return "—"
        return sum(1 for f in check_constitution(constitution) if f.kind == "vacancy")


@admin.register(m.Board)
class BoardAdmin(ConstitutionCheckMixin, AuditedAdmin):
    list_display = ["name", "area", "slug", "vacancies"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["constitution_check"]
    inlines = [CurrentMembershipInline, PastMembershipInline]

    def _constitution(self, obj):
        return obj.constitutions.filter(subgroup__isnull=True).first() if obj.pk else None


@admin.register(m.Subgroup)
class SubgroupAdmin(ConstitutionCheckMixin, AuditedAdmin):
    list_display = ["name", "board", "kind", "active", "vacancies"]
    list_filter = ["board", "kind", "active"]
    search_fields = ["name", "remit", "board__name"]
    readonly_fields = ["constitution_check"]
    inlines = [CurrentMembershipInline, PastMembershipInline]

    def _constitution(self, obj):
        return getattr(obj, "constitution", None) if obj.pk else None


class EmploymentInline(admin.TabularInline):
    model = m.Employment
    extra = 0
    autocomplete_fields = ["agency"]


class PersonMembershipInline(CurrentMembershipInline):
    fk_name = "person"
    autocomplete_fields = ["agency", "buddy"]
    fields = [
        "board",
        "subgroup",
        "role",
        "title",
        "agency",
        "voting",
        "access",
        "term_start",
        "term_end",
        "term_ends",
        "induction_completed",
        "buddy",
    ]


class PersonPastMembershipInline(PastMembershipInline):
    fk_name = "person"
    autocomplete_fields = ["agency", "buddy"]
    fields = PersonMembershipInline.fields


@admin.register(m.Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "job_title", "agency", "email", "user"]
    list_filter = ["agency__sector", "agency"]
    search_fields = ["name", "email", "job_title", "agency__name"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["user"]
    inlines = [PersonMembershipInline, PersonPastMembershipInline, EmploymentInline]


@admin.register(m.Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    search_fields = ["name"]


class TermEndingFilter(admin.SimpleListFilter):
    title = "term"
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [
            ("current", "Current"),
            ("ending", f"Ending in the next {TERM_END_WARNING_DAYS} days"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        today = dt.date.today()
        if self.value() == "current":
            return queryset.current(today)
        if self.value() == "ending":
            return queryset.current(today).filter(
                term_end__lte=today + dt.timedelta(days=TERM_END_WARNING_DAYS)
            )
        if self.value() == "past":
            return queryset.past(today)
        return queryset


@admin.register(m.Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = [
        "person",
        "board",
        "subgroup",
        "role",
        "access",
        "voting",
        "term_start",
        "term_ends",
        "induction_completed",
    ]
    list_filter = [TermEndingFilter, "board", "role", "access", "voting", "subgroup"]
    search_fields = ["person__name", "title", "board__name", "subgroup__name", "agency__name"]
    autocomplete_fields = ["person", "agency", "buddy"]
    list_select_related = ["person", "board", "subgroup"]
    date_hierarchy = "term_start"

    @admin.display(description="Term ends", ordering="term_end")
    def term_ends(self, obj):
        return _term_end_cell(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_breaches(request, [obj])


class RoleRuleInline(admin.TabularInline):
    model = m.RoleRule
    extra = 0


class ExclusionInline(admin.StackedInline):
    model = m.EligibilityExclusion
    extra = 0
    autocomplete_fields = ["agency"]


class SupersededQuorumInline(admin.TabularInline):
    model = m.SupersededQuorum
    extra = 0
    verbose_name_plural = "earlier quorums (meetings up to each date are judged by it)"


@admin.register(m.Constitution)
class ConstitutionAdmin(ConstitutionCheckMixin, AuditedAdmin):
    list_display = ["__str__", "board", "max_size", "max_term_months", "max_terms", "vacancies"]
    list_filter = ["board"]
    readonly_fields = ["constitution_check"]
    inlines = [RoleRuleInline, ExclusionInline, SupersededQuorumInline]

    def _constitution(self, obj):
        return obj if obj.pk else None

    def save_model(self, request, obj, form, change):
        # Meetings already held are judged by the quorum of their day: keep the old one.
        if change and "quorum" in form.changed_data:
            m.SupersededQuorum.objects.get_or_create(
                constitution=obj,
                until=dt.date.today() - dt.timedelta(days=1),
                defaults={"quorum": form.initial.get("quorum")},
            )
        super().save_model(request, obj, form, change)


def _minutes_locked(meeting: m.Meeting) -> bool:
    return meeting.status == m.MeetingStatus.MINUTES_APPROVED


class AttendanceInline(admin.TabularInline):
    """Who came, read only once the minutes that record it are approved (as the meeting
    page and the attendance service refuse changes then too)."""

    model = m.Attendance
    fk_name = "meeting"
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]

    def has_add_permission(self, request, obj=None):
        return not (obj and _minutes_locked(obj)) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and _minutes_locked(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and _minutes_locked(obj)) and super().has_delete_permission(request, obj)


@admin.register(m.Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["__str__", "board", "subgroup", "date", "status", "venue", "quorum_met"]
    list_filter = ["board", "subgroup", "status", "quorum_met"]
    date_hierarchy = "date"
    search_fields = ["venue", "board__name", "subgroup__name"]
    readonly_fields = ["quorum_met", "agenda_published_on", "late_reason"]
    inlines = [AttendanceInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Quorum is judged by the service from who attended, never typed in. Approved
        # minutes hold the attendance as it was: nothing to judge again.
        meeting = form.instance
        if _minutes_locked(meeting):
            return
        rows = list(meeting.attendance.select_related("person", "substitute_for"))

        def kind(k):
            return [a.person for a in rows if a.kind == k]

        meeting_record_attendance(
            meeting=meeting,
            present=kind(m.AttendanceKind.PRESENT),
            apologies=kind(m.AttendanceKind.APOLOGIES),
            absent=kind(m.AttendanceKind.ABSENT),
            substitutes=[
                (a.person, a.substitute_for) for a in rows if a.kind == m.AttendanceKind.SUBSTITUTE
            ],
            by=request.user,
        )


@admin.register(m.Minute)
class MinuteAdmin(AuditedAdmin):
    """An item's minute. Minutes are written on the meeting's page; here an admin may only
    correct the text of open minutes. Once the chair has approved them they are read-only,
    as on the site, so the admin is no way round the lock: the chair reopens them first,
    with a reason that stays on record."""

    list_display = ["item", "meeting", "written_by", "written_at", "approved"]
    list_filter = ["item__meeting__board"]
    search_fields = ["discussion", "item__title", "item__meeting__board__name"]
    list_select_related = ["item__meeting__board", "item__meeting__subgroup", "written_by"]
    fields = ["meeting", "item", "discussion", "written_by", "written_at"]
    readonly_fields = ["meeting", "item", "written_by", "written_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def _board_of(self, obj):
        return obj.item.meeting.board

    @admin.display(description="Meeting", ordering="item__meeting__date")
    def meeting(self, obj):
        return obj.item.meeting

    @admin.display(description="Approved", boolean=True)
    def approved(self, obj):
        return _minutes_locked(obj.item.meeting)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return not (obj and _minutes_locked(obj.item.meeting)) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not (obj and _minutes_locked(obj.item.meeting)) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        # The chair may have approved them since the form was drawn: check under the lock.
        try:
            lock_for_minutes(obj.item.meeting)
        except ValidationError as exc:
            raise PermissionDenied(" ".join(exc.messages)) from exc
        obj.written_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(m.MinutesReopening)
class MinutesReopeningAdmin(admin.ModelAdmin):
    """The chair reopening approved minutes: a record of what happened, read-only."""

    list_display = ["meeting", "at", "by", "reason"]
    list_filter = ["meeting__board"]
    search_fields = ["reason", "meeting__board__name", "meeting__subgroup__name"]
    list_select_related = ["meeting__board", "meeting__subgroup", "by"]
    date_hierarchy = "at"
    fields = [
        "meeting",
        "at",
        "by",
        "reason",
        "previously_signed_off_by",
        "previously_signed_off_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related, "previously_signed_off_by")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
