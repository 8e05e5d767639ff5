"""URLs: filled in by the profile work (issue 15)."""

urlpatterns: list = []
