from django.urls import path

from federation.views import audit as views

urlpatterns = [
    path("audit/", views.audit_trail, name="audit"),
]
