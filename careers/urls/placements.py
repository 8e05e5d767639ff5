"""Placements the job platform reported, for the trainee's training base:
under /<lang>/teach/placements/ (lms/urls.py)."""

from django.urls import path

from careers.views import placements as views

app_name = "placements"

urlpatterns = [
    path("", views.placement_list, name="list"),
    path("<int:pk>/", views.placement_decide, name="decide"),
]
