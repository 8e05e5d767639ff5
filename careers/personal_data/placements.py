"""Careers' providers for the personal-data registry about the job
platform: jobs it reported for the person, placements they decided as
staff, and API clients they issued. Registered from CareersConfig.ready()."""

from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.personal_data import (
    FormerIdentity,
    PersonalDataProvider,
    describe,
    register,
)
from careers.models import ApiClient, Placement

PLACEMENT_FIELDS = ("employer", "job_title", "start_date", "received_at", "status")


def _placements(person: User) -> list[dict]:
    return [
        describe(placement, PLACEMENT_FIELDS)
        for placement in Placement.objects.filter(user=person).order_by(
            "received_at", "pk"
        )
    ]


def _placements_anonymise(person: User, former: FormerIdentity) -> None:
    """The job's employer and title say who the person is to anyone who
    knows them: erased. The decision (and any outcome it wrote, which
    training anonymises) stays, so figures do not move."""
    Placement.objects.filter(user=person).update(employer="", job_title="")


def _decided(person: User) -> list[dict]:
    return [
        describe(placement, ("status", "decided_at"))
        for placement in Placement.objects.filter(decided_by=person).order_by(
            "decided_at", "pk"
        )
    ]


def _clients(person: User) -> list[dict]:
    return [
        describe(client, ("name", "created_at", "revoked_at"))
        for client in ApiClient.objects.filter(created_by=person).order_by("pk")
    ]


def _keep(person: User, former: FormerIdentity) -> None:
    """Staff's own actions stay, pointing at the anonymised account."""


def register_api_providers() -> None:
    register(
        PersonalDataProvider(
            key="careers.placements",
            model=Placement,
            person_fields=("user",),
            title=gettext_lazy("Jobs the job platform reported for you"),
            records=_placements,
            anonymise=_placements_anonymise,
        )
    )
    register(
        PersonalDataProvider(
            key="careers.placements_decided",
            model=Placement,
            person_fields=("decided_by",),
            title=gettext_lazy("Reported jobs you confirmed or did not confirm"),
            records=_decided,
            anonymise=_keep,
        )
    )
    register(
        PersonalDataProvider(
            key="careers.api_clients",
            model=ApiClient,
            person_fields=("created_by",),
            title=gettext_lazy("Job platform API clients you issued"),
            records=_clients,
            anonymise=_keep,
        )
    )
