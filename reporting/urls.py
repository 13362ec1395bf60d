from django.urls import path

from reporting import views
from reporting.views.outcome_indicator import outcome_indicator

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("request/", views.report_request, name="request"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("figures/import/", views.figures_import, name="figures_import"),
    path("outcomes/<int:pk>/indicator/", outcome_indicator, name="outcome_indicator"),
    path("exports/", views.exports, name="exports"),
    path(
        "exports/<str:period>/dataset.csv",
        views.dataset_export,
        {"fmt": "csv"},
        name="dataset_csv",
    ),
    path(
        "exports/<str:period>/dataset.xlsx",
        views.dataset_export,
        {"fmt": "xlsx"},
        name="dataset_xlsx",
    ),
    path(
        "exports/<str:period>/practice-reviews.csv",
        views.review_records_export,
        {"fmt": "csv"},
        name="review_records_csv",
    ),
    path(
        "exports/<str:period>/practice-reviews.xlsx",
        views.review_records_export,
        {"fmt": "xlsx"},
        name="review_records_xlsx",
    ),
    path("<str:quarter>/figures/", views.figures, name="figures"),
    path("<str:quarter>/narrative/", views.narrative, name="narrative"),
    path("<str:quarter>/preview/", views.report_preview, name="preview"),
    path("yearly/<int:year>/", views.yearly_report, name="yearly"),
    path("yearly/<int:year>/preview/", views.yearly_preview, name="yearly_preview"),
    path("yearly/<int:year>/summary/", views.yearly_summary, name="yearly_summary"),
    path("yearly/<int:year>/funding/", views.yearly_funding, name="yearly_funding"),
    path(
        "yearly/<int:year>/funding/<int:pk>/remove/",
        views.yearly_funding_delete,
        name="yearly_funding_delete",
    ),
    path("yearly/<int:year>/publish/", views.yearly_publish, name="yearly_publish"),
    path("yearly/<int:year>/published/", views.yearly_published, name="yearly_published"),
    path("yearly/<int:year>/report.pdf", views.yearly_pdf, name="yearly_pdf"),
    path("yearly/<int:year>/sections/<slug:key>/", views.yearly_section, name="yearly_section"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/schedule.pdf", views.meeting_pdf, name="meeting_pdf"),
    # Agenda packs of the board's own meetings (boards.Meeting, not the portfolio's).
    path("board-meetings/<int:pk>/packs/<str:kind>/", views.pack_request, name="pack_request"),
    path("board-meetings/<int:pk>/packs/<str:kind>.pdf", views.pack_download, name="pack_download"),
]
