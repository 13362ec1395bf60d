from django.urls import path

from reviews.views import files, pages, plan, themes

app_name = "reviews"
urlpatterns = [
    path("", pages.review_list, name="list"),
    path("new/", pages.review_create, name="create"),
    path("themes/", themes.themes, name="themes"),
    path("themes/<slug:theme_slug>/", themes.theme_items, name="theme_items"),
    path("<int:pk>/", pages.review_detail, name="detail"),
    path("<int:pk>/edit/", pages.review_edit, name="edit"),
    path("<int:pk>/history/", pages.review_history, name="history"),
    path("<int:pk>/sign-off/", plan.sign_off, name="sign_off"),
    path("<int:pk>/reopen/", plan.reopen, name="reopen"),
    path("<int:pk>/import/", files.import_plan, name="import"),
    path("<int:pk>/import/confirm/", files.import_confirm, name="import_confirm"),
    path("<int:pk>/export.xlsx", files.export_plan, name="export"),
    path("actions/<int:pk>/progress/", plan.record_progress, name="record_progress"),
    path("progress/<int:pk>/evidence/", plan.evidence, name="evidence"),
]
