"""URLs: filled in by the api work (issue 15)."""

urlpatterns: list = []
