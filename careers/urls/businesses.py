"""URLs: filled in by the businesses work (issue 15)."""

urlpatterns: list = []
