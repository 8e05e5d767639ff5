"""Builders for the job platform API and placement tests: a course with
skills, trainees who completed it, their job-ready profiles as they chose
them, and an API client with its token."""

import datetime

from django.test import Client
from django.utils import timezone

from accounts.models import AccessNeeds
from careers.models import ApiClient, JobProfile, ProfileRevocation
from careers.services.api_clients import api_client_issue
from careers.services.profiles import job_profile_withdraw
from courses.models import Skill
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from training.models import Enrolment, TrainingSession
from training.services.progress import certificate_issue

API = "/api/jobs/v1"


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def skill(code: str, name: str, name_en: str) -> Skill:
    found, _ = Skill.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en}
    )
    return found


def course_session(
    *, skills=(), base=None, ends_on: datetime.date | None = None
) -> TrainingSession:
    """A session of a course teaching `skills`, ended `ends_on` (30 days ago
    by default)."""
    base = base or TrainingBaseFactory()
    course = course_factories.course(course_factories.base_section(base))
    course.skills.set(skills)
    course.save()
    ends_on = ends_on or days(-30)
    return training_factories.session(
        course=course,
        base=base,
        starts_on=ends_on - datetime.timedelta(days=60),
        ends_on=ends_on,
    )


def completed(trainee, session: TrainingSession, *, certificate: bool = False):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=Enrolment.Status.COMPLETED,
        status_changed_at=now,
        completed_at=now,
    )
    if certificate:
        certificate_issue(enrolment=enrolment, actor=None)
    return enrolment


def needs(trainee, *codes: str) -> AccessNeeds:
    return AccessNeeds.objects.create(
        user=trainee,
        consent_given_at=timezone.now(),
        visual=True,
        **dict.fromkeys(codes, True),
    )


def profile(trainee=None, **choices) -> JobProfile:
    """An opted-in profile with exactly `choices` (nothing else shared)."""
    trainee = trainee or UserFactory()
    return JobProfile.objects.create(
        user=trainee, opted_in=True, opted_in_at=timezone.now(), **choices
    )


def withdraw(job_profile: JobProfile) -> ProfileRevocation:
    """The trainee stops sharing (careers.services.profiles): the old id is
    revoked and the profile gets a new one."""
    job_profile_withdraw(user=job_profile.user)
    return ProfileRevocation.objects.get(public_id=job_profile.public_id)


def api_client(name: str = "Job platform") -> tuple[ApiClient, Client]:
    """A client and a test client that sends its token."""
    client, token = api_client_issue(name=name, actor=None)
    return client, Client(headers={"Authorization": f"Bearer {token}"})
