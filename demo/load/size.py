"""How much load data to make and how much there is, and removing it again:
load data is marked (addresses, course slugs), so it is found without
touching anything else."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from accounts.models import (
    User,
)
from courses.models import (
    CoursePage,
)
from demo.load.rows import delete_where_in, users_delete
from training.models import (
    Attendance,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    QuizAnswer,
    QuizAttempt,
    TrainingSession,
)
from training.services.figures import KEPT

LOAD_DOMAIN = "load.example.org"
COURSE_SLUG_PREFIX = "load-"
DEFAULT_SEED = 2026

TOO_MANY_ENROLMENTS = (
    "%(enrolments)s enrolments do not fit: each of %(sessions)s sessions can "
    "take each of %(trainees)s trainees once."
)
SIZES_MUST_BE_POSITIVE = "Every size must be at least 1 (progress may be 0)."
PROGRESS_DOES_NOT_FIT = (
    "That much lesson progress does not fit the enrolments that have started "
    "(at most 200 lessons a course): ask for more enrolments or less progress."
)
MAX_LESSONS = 200


@dataclass(frozen=True)
class LoadSize:
    bases: int = 17
    sessions: int = 2_000
    trainees: int = 100_000
    enrolments: int = 200_000
    progress: int = 2_000_000

    def scaled(self, factor: float) -> "LoadSize":
        """Every size times `factor`, bases included (at least one of each)."""
        return LoadSize(
            bases=max(1, min(self.bases, round(self.bases * factor) or 1)),
            sessions=max(1, round(self.sessions * factor)),
            trainees=max(1, round(self.trainees * factor)),
            enrolments=max(1, round(self.enrolments * factor)),
            progress=max(0, round(self.progress * factor)),
        )


def load_size_check(size: LoadSize) -> None:
    if min(size.bases, size.sessions, size.trainees, size.enrolments) < 1:
        raise ValueError(SIZES_MUST_BE_POSITIVE)
    if size.progress < 0:
        raise ValueError(SIZES_MUST_BE_POSITIVE)
    if size.enrolments > size.sessions * size.trainees:
        raise ValueError(
            TOO_MANY_ENROLMENTS
            % {
                "enrolments": size.enrolments,
                "sessions": size.sessions,
                "trainees": size.trainees,
            }
        )


def load_sessions():
    return TrainingSession.objects.filter(course__slug__startswith=COURSE_SLUG_PREFIX)


def load_users():
    return User.objects.filter(email__endswith=f"@{LOAD_DOMAIN}")


def load_data_size() -> LoadSize:
    """What load data the database holds now (all zero when none)."""
    sessions = load_sessions()
    return LoadSize(
        bases=sessions.values("base").distinct().count(),
        sessions=sessions.count(),
        trainees=load_users().filter(staff_roles__isnull=True).count(),
        enrolments=Enrolment.objects.filter(session__in=sessions).count(),
        progress=LessonProgress.objects.filter(enrolment__session__in=sessions).count(),
    )


def other_enrolments_count() -> int:
    """Enrolments that are not load data: a sign of a real database."""
    return Enrolment.objects.exclude(session__in=load_sessions()).count()


def load_data_delete(
    *, courses: bool = True, log: Callable[[str], None] = lambda message: None
) -> None:
    """Remove what an earlier run created, and nothing else. `courses=False`
    keeps the course pages for the next run to reuse."""
    started = time.monotonic()
    sessions = load_sessions().values("pk")
    enrolments = Enrolment.objects.filter(session__in=sessions).values("pk")
    attempts = QuizAttempt.objects.filter(enrolment__in=enrolments).values("pk")
    delete_where_in(QuizAnswer, "attempt_id", attempts)
    # The dashboard's kept figures of those sessions (rebuilt after a run).
    for model in KEPT:
        delete_where_in(model, "session_id", sessions)
    for model in (LessonProgress, Outcome, Certificate, Attendance, QuizAttempt):
        delete_where_in(model, "enrolment_id", enrolments)
    delete_where_in(Enrolment, "session_id", sessions)
    through = TrainingSession.instructors.through
    delete_where_in(through, "trainingsession_id", sessions)
    removed = delete_where_in(TrainingSession, "id", sessions)
    if courses:
        for course in CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX):
            course.delete()
    users_delete(load_users().values("pk"))
    if removed:
        log(
            f"Removed the earlier load data ({removed} sessions) "
            f"({time.monotonic() - started:.1f} s)"
        )
