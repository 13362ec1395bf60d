"""The link in a partner's weekly email that stops it (reminders.stop_views). Under
/link/ so that the logs hide its token as they hide secure links' (lscb.secure_links_log)."""

from django.urls import path

from reminders import stop_views

app_name = "digest_stop"
urlpatterns = [path("stop/<str:token>/", stop_views.stop, name="stop")]
