"""The page an outcome's lead lands on from a secure link (lscb.secure_links): no board in
the URL, only the link's number, usable by the browser that opened the link."""

from django.urls import path

from workplans.views import links

app_name = "outcome_link"
urlpatterns = [
    path("<int:pk>/outcome/", links.lead_update, name="update"),
]
