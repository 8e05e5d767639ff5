"""URLs for calendars; included by lms/urls.py. `urlpatterns` sit under the
language prefix; `feed_urlpatterns` at the site root, because a calendar app
keeps the URL for years and the feed speaks the trainee's own language."""

from django.urls import path

from training.views import calendars as views

urlpatterns = [
    path(
        "sessions/<int:session_id>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("learning/calendar/", views.calendar_page, name="calendar_page"),
]

feed_urlpatterns = [
    path("calendar/<str:token>.ics", views.feed, name="calendar_feed"),
]
