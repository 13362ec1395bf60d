from django.urls import path

from boards import views

app_name = "boards"
urlpatterns = [
    path("<slug:slug>/", views.board_detail, name="detail"),
    path("<slug:slug>/subgroups/<int:pk>/", views.subgroup_detail, name="subgroup"),
    path("<slug:slug>/activity/", views.activity, name="activity"),
    path("<slug:slug>/activity.csv", views.activity_csv, name="activity_csv"),
]
