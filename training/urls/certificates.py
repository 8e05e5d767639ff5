from django.urls import path

from training.views import certificates as views

urlpatterns = [
    path(
        "certificates/<str:code>/", views.certificate_detail, name="certificate_detail"
    ),
    path(
        "certificates/<str:code>/certificate.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("verify/", views.certificate_verify, name="certificate_verify"),
    path(
        "verify/<str:code>/",
        views.certificate_verify_code,
        name="certificate_verify_code",
    ),
]
