"""Careers' providers for the personal-data registry (accounts.personal_data).
Registered from CareersConfig.ready()."""

from django.utils.translation import gettext_lazy

from accounts.personal_data import PersonalDataProvider, describe, register
from careers.models import BusinessCheck, IncubatedBusiness
from careers.selectors.businesses import businesses_of

BUSINESS_FIELDS = (
    "name",
    "name_en",
    "base",
    "registered_on",
    "sector",
    "helped_registration",
    "helped_trademark",
    "helped_tax",
    "helped_legal",
    "helped_marketing",
    "jobs_created",
    "jobs_for_disabled",
    "closed_on",
)
CHECK_FIELDS = (
    "months",
    "checked_on",
    "operating",
    "jobs_created",
    "jobs_for_disabled",
)


def _businesses(person) -> list[dict]:
    """The businesses the person is behind, with their checks (notes are
    the staff's and stay out)."""
    records = []
    for business in businesses_of(person):
        record = describe(business, BUSINESS_FIELDS)
        record[str(gettext_lazy("Checks"))] = [
            describe(check, CHECK_FIELDS) for check in business.checks.all()
        ]
        records.append(record)
    return records


def _keep(person, former) -> None:
    """A business is the organisation's record and its figures are the
    federation's: the link stays, to an account whose identity
    anonymisation erases."""


def _checks_recorded(person) -> list[dict]:
    return [
        describe(check, ("business", *CHECK_FIELDS))
        for check in BusinessCheck.objects.filter(recorded_by=person).select_related(
            "business"
        )
    ]


def register_business_providers() -> None:
    register(
        PersonalDataProvider(
            key="careers.businesses",
            model=IncubatedBusiness,
            person_fields=("founders",),
            title=gettext_lazy("Businesses you started with the incubation base"),
            records=_businesses,
            anonymise=_keep,
        )
    )
    register(
        PersonalDataProvider(
            key="careers.business_checks",
            model=BusinessCheck,
            person_fields=("recorded_by",),
            title=gettext_lazy("Business checks you recorded"),
            records=_checks_recorded,
            anonymise=_keep,
        )
    )
