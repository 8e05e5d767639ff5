"""The trainee's job-ready profile, under the language prefix."""

from django.urls import path

from careers.views import profile as views

urlpatterns = [
    path("profile/work/", views.job_profile, name="job_profile"),
    path(
        "profile/work/withdraw/",
        views.job_profile_withdraw_view,
        name="job_profile_withdraw",
    ),
]
