from django.urls import path

from workplans.views import authoring, edits, files, links, pages, spreadsheets, start

app_name = "workplans"
urlpatterns = [
    path("", pages.workplan_list, name="list"),
    path("my-updates/", pages.my_updates, name="my_updates"),
    path("import/", spreadsheets.import_workplan, name="import"),
    path("import/confirm/", spreadsheets.import_confirm, name="import_confirm"),
    # Starting a year's plan, one question a page (workplans.views.start).
    path("new/", start.start, name="start"),
    path("new/carry-forward/", start.start_carry, name="start_carry"),
    path("new/check/", start.start_check, name="start_check"),
    path("<int:pk>/", pages.workplan_detail, name="detail"),
    path("<int:pk>/approve/", edits.approve, name="approve"),
    path("<int:pk>/export/", spreadsheets.export, name="export"),
    path("<int:pk>/outcomes/new/", authoring.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/", pages.outcome_detail, name="outcome"),
    path("outcomes/<int:pk>/progress/", edits.record_progress, name="record_progress"),
    path("outcomes/<int:pk>/edit/", edits.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/move/", authoring.outcome_move, name="outcome_move"),
    path("outcomes/<int:pk>/retire/", authoring.outcome_retire, name="outcome_retire"),
    # Leads without a login or a seat record progress through a secure link.
    path("outcomes/<int:pk>/links/", links.outcome_links, name="outcome_links"),
    path("outcomes/links/<int:pk>/revoke/", links.outcome_link_revoke, name="outcome_link_revoke"),
    path("progress/<int:pk>/evidence/", files.evidence, name="evidence"),
]
