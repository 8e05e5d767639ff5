from django.urls import path

from federation import views_reconciliation as views

urlpatterns = [
    path("reconciliation/", views.reconciliation_index, name="reconciliation_index"),
]
