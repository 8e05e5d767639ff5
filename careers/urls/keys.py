"""For machines, without a language prefix: the public signing key, the
issuer profile and the credential check."""

from django.urls import path

from careers.views import credentials as views

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="credential_jwks"),
    path("credentials/issuer.json", views.issuer, name="credential_issuer"),
    path(
        "api/credentials/verify",
        views.credential_verify_api,
        name="credential_verify_api",
    ),
]
