"""The job platform's API, at the site root without a language prefix:
/api/jobs/v1/… (careers/api.py). A new version gets its own NinjaAPI and
its own line here, beside this one."""

from django.urls import path

from careers.api import api as api_v1
from careers.api import not_found

urlpatterns = [
    path("api/jobs/v1/", not_found),  # Ninja's own root answers an HTML 404
    path("api/jobs/v1/", api_v1.urls),
    path("api/jobs/", not_found),
    path("api/jobs/<path:rest>", not_found),
]
