"""Which outcomes the published figures count. Outcomes recorded for a
session after its reporting period was closed are amendments, kept apart
until a federation admin reopens the period (see
training/services/periods.py), so every figure reads outcomes from here."""

from django.db.models import QuerySet

from training.models import Outcome


def outcomes_counted() -> QuerySet[Outcome]:
    """Every confirmed outcome except amendments to closed periods. A
    trainee's own report counts once an instructor confirms it."""
    return Outcome.objects.filter(amends_period__isnull=True, confirmed=True)
