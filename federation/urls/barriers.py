"""The public "Report a barrier" form, linked from every page's footer."""

from django.urls import path

from federation.views import barriers as views

urlpatterns = [
    path("report-a-barrier/", views.barrier_report, name="barrier_report"),
    path(
        "report-a-barrier/sent/", views.barrier_report_sent, name="barrier_report_sent"
    ),
]
