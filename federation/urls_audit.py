from django.urls import path

from federation import views_audit as views

urlpatterns = [
    path("audit/", views.audit_trail, name="audit"),
]
