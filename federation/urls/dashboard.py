from django.urls import path

from federation.views import dashboard as views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:table>.<str:fmt>", views.export, name="export"),
    path("bases/<int:pk>/", views.base_detail, name="base"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
]
