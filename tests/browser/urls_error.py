"""The project's URLs plus one that fails, to see the 500 page in a browser."""

from django.urls import path

from lms.urls import urlpatterns as lms_urlpatterns


def fail(request):
    raise RuntimeError("A deliberate failure for the 500 page test.")


urlpatterns = [path("fail/", fail), *lms_urlpatterns]
