"""The incubation base's business pages, under /<lang>/teach/businesses/."""

from django.urls import path

from careers.views import businesses as views

app_name = "businesses"

urlpatterns = [
    path("teach/businesses/", views.business_list, name="list"),
    path("teach/businesses/add/", views.business_add, name="add"),
    path("teach/businesses/<int:pk>/", views.business_detail, name="detail"),
    path("teach/businesses/<int:pk>/edit/", views.business_edit, name="edit"),
    path(
        "teach/businesses/<int:pk>/founders/",
        views.founder_add_view,
        name="founder_add",
    ),
    path(
        "teach/businesses/<int:pk>/founders/<int:user_id>/remove/",
        views.founder_remove_view,
        name="founder_remove",
    ),
    path(
        "teach/businesses/<int:pk>/checks/<int:months>/",
        views.check_edit,
        name="check",
    ),
]
