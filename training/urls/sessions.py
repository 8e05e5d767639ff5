"""URLs for sessions; included by training/urls/teach.py."""

urlpatterns: list = []
