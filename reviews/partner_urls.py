"""The pages a partner's secure link lands on (lscb.secure_links): no board in the URL,
only the link's number, usable by the browser that opened the link."""

from django.urls import path

from reviews.views import partner, s11

app_name = "partner"
urlpatterns = [
    path("<int:pk>/action/", partner.partner_update, name="action_update"),
    path("<int:pk>/section-11/", s11.partner_return, name="s11_return"),
]
