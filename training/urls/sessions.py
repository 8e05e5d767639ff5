"""URLs for setting up sessions; included by training/urls/teach.py."""

from django.urls import path

from training.views import sessions as views

urlpatterns: list = [
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path(
        "sessions/<int:pk>/run-again/",
        views.session_duplicate_view,
        name="session_duplicate",
    ),
    path("sessions/<int:pk>/cancel/", views.session_cancel_view, name="session_cancel"),
    path(
        "sessions/<int:pk>/enrolment/",
        views.session_enrolment,
        name="session_enrolment",
    ),
]
