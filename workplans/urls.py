from django.urls import path

from workplans.views import edits, files, pages, spreadsheets

app_name = "workplans"
urlpatterns = [
    path("", pages.workplan_list, name="list"),
    path("my-updates/", pages.my_updates, name="my_updates"),
    path("import/", spreadsheets.import_workplan, name="import"),
    path("import/confirm/", spreadsheets.import_confirm, name="import_confirm"),
    path("<int:pk>/", pages.workplan_detail, name="detail"),
    path("<int:pk>/approve/", edits.approve, name="approve"),
    path("<int:pk>/export/", spreadsheets.export, name="export"),
    path("outcomes/<int:pk>/", pages.outcome_detail, name="outcome"),
    path("outcomes/<int:pk>/progress/", edits.record_progress, name="record_progress"),
    path("outcomes/<int:pk>/edit/", edits.outcome_edit, name="outcome_edit"),
    path("progress/<int:pk>/evidence/", files.evidence, name="evidence"),
]
