"""The project's URLs plus /bench/bare/, a view that does nothing but answer
"ok": the page benchmark's yardstick. It runs through the same middleware as
every page, so a page's requests per second divided by the bare view's is
what the page itself costs. Used only by bench/pages_settings.py."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lms.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *project_urlpatterns]
