"""The pages an attendee's or line manager's secure link lands on (lscb.secure_links): no
board in the URL, only the link's number, usable by the browser that opened the link."""

from django.urls import path

from training.views import links

app_name = "training_link"
urlpatterns = [
    path("<int:pk>/follow-up/", links.attendee_follow_up, name="follow_up"),
    path("<int:pk>/confirm/", links.manager_confirm, name="confirm"),
]
