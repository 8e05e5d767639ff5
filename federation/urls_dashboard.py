from django.urls import path

from federation import views_dashboard as views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
