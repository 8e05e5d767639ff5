"""URLs: filled in by the credentials work (issue 15)."""

urlpatterns: list = []
