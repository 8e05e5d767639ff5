"""Federation's providers for the personal-data registry
(accounts.personal_data): barrier reports a person sent and the reports they
opened as staff."""

from django.db.models import Q
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.personal_data import (
    FormerIdentity,
    PersonalDataProvider,
    describe,
    register,
)
from federation.models import BarrierReport, ReportAccess


def _their_reports(person: User):
    query = Q(reporter=person)
    if person.email:
        query |= Q(email__iexact=person.email)
    return BarrierReport.objects.filter(query)


def _barriers(person: User) -> list[dict]:
    return [
        describe(
            report,
            [
                "page_url",
                "what_happened",
                "reply_by",
                "email",
                "phone",
                "status",
                "resolution",
                "created_at",
            ],
        )
        for report in _their_reports(person)
    ]


def _barriers_anonymise(person: User, former: FormerIdentity) -> None:
    """The barrier stays (it is about the site, not the person); how to reach
    them, and any mention of them in what they wrote, goes."""
    query = Q(reporter=person)
    if former.email:
        query |= Q(email__iexact=former.email)
    for report in BarrierReport.objects.filter(query):
        report.reporter = None
        report.email = ""
        report.phone = ""
        report.reply_by = ""
        report.what_happened = former.scrub(report.what_happened)
        report.page_url = former.scrub(report.page_url)
        report.save(
            update_fields=[
                "reporter",
                "email",
                "phone",
                "reply_by",
                "what_happened",
                "page_url",
            ]
        )


def _report_accesses(person: User) -> list[dict]:
    return [
        describe(access, ["at", "report", "format", "filters"])
        for access in ReportAccess.objects.filter(user=person)
    ]


def _keep(person: User, former: FormerIdentity) -> None:
    """Kept: who opened which report is accountability for staff, and holds
    nothing about them once the account is anonymised."""


def register_federation_providers() -> None:
    register(
        PersonalDataProvider(
            key="federation.barrier_reports",
            model=BarrierReport,
            person_fields=("reporter", "email", "phone"),
            title=gettext_lazy("Barriers you reported"),
            records=_barriers,
            anonymise=_barriers_anonymise,
        )
    )
    register(
        PersonalDataProvider(
            key="federation.report_accesses",
            model=ReportAccess,
            person_fields=("user",),
            title=gettext_lazy("Federation reports you opened"),
            records=_report_accesses,
            anonymise=_keep,
        )
    )
