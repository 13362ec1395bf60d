"""The project's URLs and error handlers, plus a page that fails, for the error page tests."""

from django.urls import path

from lscb.urls import handler403, handler404, handler500
from lscb.urls import urlpatterns as project_urls


def _fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*project_urls, path("fails/", _fail)]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
