"""The project's URLs plus the benchmark floor: a trivial signed-in view.

Used only while `manage.py bench` runs, so the floor never exists in production.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from lscb.urls import urlpatterns as project_urlpatterns


@login_required
def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/floor/", floor, name="bench-floor"), *project_urlpatterns]
