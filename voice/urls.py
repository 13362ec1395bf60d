from django.urls import path

from voice import views

app_name = "voice"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.record_add, name="add"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
]
