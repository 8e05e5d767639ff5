from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/details/", views.profile_edit, name="profile_edit"),
    path("profile/needs/", views.needs_edit, name="needs_edit"),
    path("profile/needs/withdraw/", views.needs_withdraw, name="needs_withdraw"),
    path("profile/my-data.json", views.data_export, name="data_export"),
    path("profile/delete/", views.deletion_request, name="deletion_request"),
    path("display/", views.display_settings, name="display_settings"),
]
