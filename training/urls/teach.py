from django.urls import path

from training.urls import followups, sessions
from training.views import teach as views

app_name = "teach"

urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.roster, name="roster"),
    path("sessions/<int:pk>/roster.csv", views.roster_export_csv, name="export_csv"),
    path("sessions/<int:pk>/roster.xlsx", views.roster_export_xlsx, name="export_xlsx"),
    path("sessions/<int:pk>/enrol/", views.assisted_enrol, name="enrol"),
    path(
        "sessions/<int:pk>/enrolments/<int:enrolment_pk>/accept/",
        views.enrolment_accept_view,
        name="accept",
    ),
    path(
        "sessions/<int:pk>/enrolments/<int:enrolment_pk>/withdraw/",
        views.enrolment_withdraw_view,
        name="withdraw",
    ),
    path(
        "sessions/<int:pk>/enrolments/<int:enrolment_pk>/confirm-code/",
        views.enrolment_confirm_code_view,
        name="confirm_code",
    ),
    path(
        "sessions/<int:pk>/enrolments/<int:enrolment_pk>/outcomes/",
        views.outcomes,
        name="outcomes",
    ),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/import/", views.roster_import_upload, name="import"),
    path(
        "sessions/<int:pk>/import/confirm/",
        views.roster_import_confirm,
        name="import_confirm",
    ),
    path("sessions/<int:pk>/audit/", views.audit_trail, name="audit"),
    path("trainees/<int:user_id>/needs/", views.trainee_needs, name="trainee_needs"),
]

# Creating and running sessions; follow-ups (their own modules).
urlpatterns += sessions.urlpatterns + followups.teach_urlpatterns
