"""/federation/: reports for auditors and federation admins. Each feature
keeps its routes in its own module; they share the "federation" namespace."""

from federation.urls import audit, dashboard, reconciliation

app_name = "federation"

urlpatterns = [
    *dashboard.urlpatterns,
    *reconciliation.urlpatterns,
    *audit.urlpatterns,
]
