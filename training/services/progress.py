"""Lesson progress, course completion and certificates."""

import secrets

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import User
from courses.models import LessonPage
from training.models import Certificate, Enrolment, LessonProgress
from training.selectors.certificates import CODE_ALPHABET, CODE_LENGTH
from training.selectors.learning import course_lessons
from training.selectors.quizzes import course_quizzes_passed
from training.services.audit import audit_record
from training.services.enrolment import Status, enrolment_status_change
from training.services.periods import locking_period, period_lock_check
from training.signals import certificate_issued


def course_lesson_for(enrolment: Enrolment, lesson: LessonPage) -> LessonPage:
    """Progress is kept against the course's own lessons, whichever language
    the trainee read the lesson in."""
    course = enrolment.session.course
    if lesson.locale_id == course.locale_id:
        return lesson
    return LessonPage.objects.get(
        translation_key=lesson.translation_key, locale_id=course.locale_id
    )


def lesson_open_record(*, enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    lesson = course_lesson_for(enrolment, lesson)
    progress, _ = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"first_opened_at": timezone.now()}
    )
    return progress


@transaction.atomic
def lesson_completion_record(
    *, enrolment: Enrolment, lesson: LessonPage, actor: User
) -> LessonProgress:
    """Mark a lesson done. Idempotent: a double click or a retried request
    records it once. Completing the last lesson completes the course."""
    lesson = course_lesson_for(enrolment, lesson)
    now = timezone.now()
    progress, _ = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"first_opened_at": now}
    )
    if progress.completed_at is not None:
        return progress
    progress.completed_at = now
    progress.save(update_fields=["completed_at"])
    audit_record(
        actor=actor,
        action="lesson.complete",
        obj=progress,
        enrolment=enrolment,
        changes={"completed_at": [None, now.isoformat()], "lesson": [None, lesson.pk]},
    )
    course_completion_check(enrolment=enrolment, actor=actor)
    return progress


def course_completion_check(*, enrolment: Enrolment, actor: User | None) -> bool:
    """The course rule: every published lesson completed and every published
    quiz passed. Stored on the enrolment at the moment it becomes true."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("session")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != Status.ENROLLED:
        return enrolment.status == Status.COMPLETED
    lesson_ids = set(course_lessons(enrolment).values_list("pk", flat=True))
    done = set(
        enrolment.progress.filter(completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )
    if not lesson_ids or not lesson_ids <= done:
        return False
    if not course_quizzes_passed(enrolment):
        return False
    if locking_period(session=enrolment.session) is not None:
        # The session's reporting period is closed: the trainee's lesson
        # progress and quiz results are still recorded, but the locked
        # enrolment stays as it was when the period closed (no completion,
        # no certificate). The trainee sees no error.
        return False
    enrolment_status_change(
        enrolment=enrolment,
        status=Status.COMPLETED,
        actor=actor,
        completed_at=timezone.now(),
        final_result=Enrolment.Result.PASSED,
    )
    certificate_issue(enrolment=enrolment, actor=actor)
    return True


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, actor: User | None) -> Certificate:
    """Once per completed enrolment; issuing again returns the same one."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    session = enrolment.session
    period_lock_check(session=session)
    course = session.course
    locale = _english_locale()
    english = course.get_translation_or_none(locale) if locale else None
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code=new_certificate_code(),
        issued_at=enrolment.completed_at or timezone.now(),
        trainee_name=enrolment.trainee.name or enrolment.trainee.email,
        course_title=course.title,
        course_title_en=english.title if english else "",
        base_name=session.base.name,
        base_name_en=session.base.name_en,
        skills=[
            {"code": skill.code, "name": skill.name, "name_en": skill.name_en}
            for skill in course.skills.order_by("code")
        ],
    )
    audit_record(
        actor=actor,
        action="certificate.issue",
        obj=certificate,
        enrolment=enrolment,
        changes={"code": [None, certificate.code]},
    )
    transaction.on_commit(
        lambda: certificate_issued.send(
            sender=Certificate, certificate=certificate, enrolment=enrolment
        )
    )
    return certificate


def _english_locale():
    return Locale.objects.filter(language_code="en").first()
