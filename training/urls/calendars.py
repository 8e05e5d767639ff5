"""URLs for calendars; included by lms/urls.py."""

urlpatterns: list = []
