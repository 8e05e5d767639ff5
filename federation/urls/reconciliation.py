from django.urls import path

from federation.views import reconciliation as views

urlpatterns = [
    path("reconciliation/", views.reconciliation_index, name="reconciliation_index"),
    path(
        "reconciliation/bases/<int:base_id>/",
        views.reconciliation_base,
        name="reconciliation_base",
    ),
    path(
        "reconciliation/periods/<int:pk>/close/",
        views.period_close_view,
        name="period_close",
    ),
    path(
        "reconciliation/periods/<int:pk>/reopen/",
        views.period_reopen_view,
        name="period_reopen",
    ),
]
