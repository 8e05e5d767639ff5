"""URLs: filled in by the keys work (issue 15)."""

urlpatterns: list = []
