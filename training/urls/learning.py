from django.urls import path

from training.views import learning as views

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("sessions/<int:session_id>/enrol/", views.enrol, name="session_enrol"),
    path(
        "enrolments/<int:enrolment_id>/withdraw/",
        views.withdraw,
        name="enrolment_withdraw",
    ),
    path(
        "enrolments/<int:enrolment_id>/offer/",
        views.respond_to_offer,
        name="enrolment_offer",
    ),
    path(
        "enrolments/<int:enrolment_id>/confirm/",
        views.respond_to_pending,
        name="enrolment_confirm",
    ),
    path(
        "lessons/<int:lesson_id>/complete/",
        views.complete_lesson,
        name="lesson_complete",
    ),
]
