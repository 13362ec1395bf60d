from django.urls import path

from public import feeds, views

app_name = "public"
urlpatterns = [
    path("<slug:board_slug>/", views.board_page, name="board"),
    path("<slug:board_slug>/feed/", feeds.PublishedFeed(), name="feed"),
    path("<slug:board_slug>/reports/<int:year>/", views.yearly_report, name="yearly"),
    path("<slug:board_slug>/reports/<int:year>/summary/", views.yearly_summary, name="summary"),
    path("<slug:board_slug>/reports/<int:year>/report.pdf", views.yearly_pdf, name="yearly_pdf"),
    path("<slug:board_slug>/reviews/<int:pk>/", views.review, name="review"),
    path("<slug:board_slug>/papers/<int:pk>/", views.paper, name="paper"),
    path("<slug:board_slug>/meetings/<int:pk>/agenda-pack.pdf", views.pack, name="pack"),
    path("<slug:board_slug>/meetings/<int:pk>/minutes.pdf", views.minutes, name="minutes"),
]
