"""Follow-up URLs: the trainee's own report (here, under the site root) and
the instructors' pages (``teach_urlpatterns``, added to training/urls/teach.py)."""

urlpatterns: list = []
teach_urlpatterns: list = []
