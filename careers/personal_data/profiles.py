"""Careers' providers for the personal-data registry about job-ready
profiles: the data download shows the profile and when it was shared;
anonymising withdraws it (the job platform is told to delete its copy)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.personal_data import (
    FormerIdentity,
    PersonalDataProvider,
    describe,
    register,
)
from careers.models import JobProfile, ProfileShare
from careers.services.profiles import job_profile_withdraw

PROFILE_FIELDS = (
    "opted_in",
    "opted_in_at",
    "work_kinds",
    "district",
    "share_certificates",
    "shared_adjustments",
    "adjustments_note",
    "updated_at",
)


def _profile(person: User) -> list[dict]:
    return [
        {
            _("profile number shown to the job platform"): str(profile.public_id),
            **describe(profile, PROFILE_FIELDS),
        }
        for profile in JobProfile.objects.filter(user=person)
    ]


def _profile_anonymise(person: User, former: FormerIdentity) -> None:
    job_profile_withdraw(user=person, actor=None)


def _shares(person: User) -> list[dict]:
    return [
        {_("shared with the job platform on"): share.at.isoformat()}
        for share in ProfileShare.objects.filter(user=person).order_by("at", "pk")
    ]


def _keep(person: User, former: FormerIdentity) -> None:
    """When a profile was in the platform's answers is kept, pointing at the
    anonymised account: it holds nothing about who they are."""


def register_profile_providers() -> None:
    register(
        PersonalDataProvider(
            key="careers.job_profile",
            model=JobProfile,
            person_fields=("user",),
            title=gettext_lazy("Your job-ready profile"),
            records=_profile,
            anonymise=_profile_anonymise,
            order=50,
        )
    )
    register(
        PersonalDataProvider(
            key="careers.profile_shares",
            model=ProfileShare,
            person_fields=("user",),
            title=gettext_lazy("When the job platform saw your profile"),
            records=_shares,
            anonymise=_keep,
        )
    )
