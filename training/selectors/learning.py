"""Reads of learner records for trainees. Each returns everything its page
needs in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage, LessonPage
from training.models import Enrolment, LessonProgress, TrainingSession


def upcoming_sessions(course: CoursePage) -> QuerySet[TrainingSession]:
    """Sessions of this course (in any language) that have not ended."""
    original = course.get_translations(inclusive=True).values("pk")
    return (
        TrainingSession.objects.filter(
            course__in=original,
            ends_on__gte=timezone.localdate(),
            status__in=[TrainingSession.Status.PLANNED, TrainingSession.Status.RUNNING],
        )
        .select_related("base")
        .annotate(
            taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)
            )
        )
        .order_by("starts_on", "pk")
    )


def enrolments_by_session(user: User, sessions) -> dict[int, Enrolment]:
    if not user.is_authenticated:
        return {}
    return {
        e.session_id: e
        for e in Enrolment.objects.filter(
            trainee=user, session__in=[s.pk for s in sessions]
        )
    }


@dataclass
class LearningRow:
    enrolment: Enrolment
    course: CoursePage
    lessons_total: int
    lessons_done: int
    next_lesson: LessonPage | None

    @property
    def percent(self) -> int:
        return (
            round(100 * self.lessons_done / self.lessons_total)
            if self.lessons_total
            else 0
        )


def _localized(pages: list, language_pages: dict) -> list:
    return [language_pages.get(p.translation_key, p) for p in pages]


def my_learning(user: User, *, locale_id: int | None = None) -> list[LearningRow]:
    """Every enrolment of the person with its progress and where to resume.
    Five queries whatever the number of enrolments, lessons or progress rows."""
    enrolments = list(
        Enrolment.objects.filter(trainee=user)
        .select_related("session__base", "session__course", "certificate")
        .order_by("-session__starts_on", "-pk")
    )
    if not enrolments:
        return []
    courses = {e.session.course.pk: e.session.course for e in enrolments}
    # All published lessons of these courses, in tree order, in one query.
    lessons = list(
        LessonPage.objects.live()
        .filter(
            Q(
                *[
                    Q(path__startswith=c.path, depth=c.depth + 1)
                    for c in courses.values()
                ],
                _connector=Q.OR,
            )
        )
        .only(
            "pk", "title", "path", "depth", "url_path", "translation_key", "locale_id"
        )
        .order_by("path")
    )
    by_course: dict[int, list[LessonPage]] = {pk: [] for pk in courses}
    for lesson in lessons:
        for pk, course in courses.items():
            if lesson.path.startswith(course.path):
                by_course[pk].append(lesson)
                break
    done = set(
        LessonProgress.objects.filter(
            enrolment__in=enrolments, completed_at__isnull=False
        ).values_list("enrolment_id", "lesson_id")
    )
    # The same courses and lessons in the reader's language, where translated.
    translated_courses, translated_lessons = {}, {}
    if locale_id is not None:
        keys = [c.translation_key for c in courses.values()]
        translated_courses = {
            p.translation_key: p
            for p in CoursePage.objects.live().filter(
                translation_key__in=keys, locale_id=locale_id
            )
        }
        lesson_keys = [lesson.translation_key for lesson in lessons]
        translated_lessons = {
            p.translation_key: p
            for p in LessonPage.objects.live()
            .filter(translation_key__in=lesson_keys, locale_id=locale_id)
            .only(
                "pk",
                "title",
                "path",
                "depth",
                "url_path",
                "translation_key",
                "locale_id",
            )
        }
    rows = []
    for enrolment in enrolments:
        course_lessons = by_course[enrolment.session.course.pk]
        finished = [
            lesson for lesson in course_lessons if (enrolment.pk, lesson.pk) in done
        ]
        remaining = [
            lesson for lesson in course_lessons if (enrolment.pk, lesson.pk) not in done
        ]
        course = translated_courses.get(
            enrolment.session.course.translation_key, enrolment.session.course
        )
        next_lesson = (
            _localized(remaining[:1], translated_lessons)[0] if remaining else None
        )
        rows.append(
            LearningRow(
                enrolment=enrolment,
                course=course,
                lessons_total=len(course_lessons),
                lessons_done=len(finished),
                next_lesson=next_lesson,
            )
        )
    return rows


def course_lessons(enrolment: Enrolment) -> QuerySet[LessonPage]:
    """The published lessons of the enrolment's course, in order."""
    return LessonPage.objects.child_of(enrolment.session.course).live()


def enrolment_of(user: User, enrolment_id: int) -> Enrolment | None:
    """The person's own enrolment with its session and base; None for
    anyone else's (so the page answers 404, not 403)."""
    enrolment = (
        Enrolment.objects.select_related("session__base")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or enrolment.trainee_id != user.pk:
        return None
    return enrolment


def enrolment_for_course(user: User, course: CoursePage) -> Enrolment | None:
    """The person's enrolment (enrolled or completed) in this course, in any
    of its languages: the one whose progress a lesson page shows."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(
            trainee=user,
            session__course__translation_key=course.translation_key,
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED],
        )
        .select_related("session__course")
        .order_by("-session__starts_on")
        .first()
    )


def lesson_completed(enrolment: Enrolment, lesson: LessonPage) -> bool:
    return LessonProgress.objects.filter(
        enrolment=enrolment,
        lesson__translation_key=lesson.translation_key,
        completed_at__isnull=False,
    ).exists()
