"""Credentials for people: the holder's download and the public check."""

from django.urls import path

from careers.views import credentials as views

urlpatterns = [
    path(
        "certificates/<str:code>/credential.jwt",
        views.credential_jwt,
        name="credential_jwt",
    ),
    path(
        "certificates/<str:code>/credential.json",
        views.credential_json,
        name="credential_json",
    ),
    path("verify/credential/", views.credential_verify_page, name="credential_verify"),
]
