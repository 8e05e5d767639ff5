from django.urls import path

from training.views import quizzes as views

urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:attempt_id>/", views.attempt_continue, name="quiz_attempt"),
    path(
        "attempts/<int:attempt_id>/questions/",
        views.questions,
        name="quiz_questions",
    ),
    path(
        "attempts/<int:attempt_id>/questions/<int:number>/",
        views.question,
        name="quiz_question",
    ),
    path("attempts/<int:attempt_id>/paused/", views.paused, name="quiz_paused"),
    path("attempts/<int:attempt_id>/review/", views.review, name="quiz_review"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="quiz_submit"),
    path("attempts/<int:attempt_id>/results/", views.results, name="quiz_results"),
    path("teach/marking/", views.marking, name="quiz_marking"),
]
