"""The pages a partner's secure link lands on (lscb.secure_links): no board in the URL,
only the link's number, usable by the browser that opened the link."""

from django.urls import path

from reviews.views import partner

app_name = "partner"
urlpatterns = [
    path("<int:pk>/action/", partner.partner_update, name="action_update"),
]
