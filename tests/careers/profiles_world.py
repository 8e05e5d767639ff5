"""Trainees with completed courses, certificates and access needs, for the
job-ready profile tests."""

from django.utils import timezone

from accounts.models import AccessNeeds
from courses.models import Skill
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from training.models import Enrolment
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue


def skill(code: str, name: str, name_en: str) -> Skill:
    found, _ = Skill.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en}
    )
    return found


def completed_course(trainee, *, skills=(), title="电商直播入门", certificate=True):
    """`trainee` completed a new course teaching `skills`; with a certificate
    issued unless told otherwise."""
    base = TrainingBaseFactory()
    course = course_factories.course(course_factories.base_section(base), title=title)
    course.skills.set(skills)
    course.save()
    session = training_factories.session(course=course, base=base)
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    enrolment.refresh_from_db()
    if certificate:
        return certificate_issue(enrolment=enrolment, actor=trainee)
    return enrolment


def needs(trainee, *codes: str) -> AccessNeeds:
    return AccessNeeds.objects.create(
        user=trainee,
        consent_given_at=timezone.now(),
        visual=True,
        **dict.fromkeys(codes, True),
    )


def trainee(**fields):
    return UserFactory(**fields)
