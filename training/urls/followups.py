"""Follow-up URLs: the trainee's own report (here, under the site root) and
the instructors' pages (``teach_urlpatterns``, added to training/urls/teach.py)."""

from django.urls import path

from training.views import followups as views

urlpatterns = [
    path(
        "follow-ups/<int:enrolment_pk>/<int:months>/",
        views.followup_report,
        name="followup_report",
    ),
]
teach_urlpatterns = [
    path("sessions/<int:pk>/follow-ups/", views.followups, name="followups"),
]
