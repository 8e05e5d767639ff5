"""The federation's pages, a module a feature: the dashboard and its exports,
reconciliation and reporting periods, the audit trail, barrier reports."""
