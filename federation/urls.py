"""/federation/: reports for auditors and federation admins. Each feature
keeps its routes in its own module; they share the "federation" namespace."""

from federation import urls_audit, urls_dashboard, urls_reconciliation

app_name = "federation"

urlpatterns = [
    *urls_dashboard.urlpatterns,
    *urls_reconciliation.urlpatterns,
    *urls_audit.urlpatterns,
]
