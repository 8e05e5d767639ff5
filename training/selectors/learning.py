"""Reads of learner records for trainees. Each returns everything its page
needs in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from accounts.models import User
from core.page_cache import cached_fragment
from courses.models import CoursePage, LessonPage, QuizPage
from training.calendars import (
    is_cancelled,
    meeting_location,
    meeting_start,
)
from training.models import (
    CalendarFeed,
    Enrolment,
    LessonProgress,
    Meeting,
    Outcome,
    QuizAttempt,
    TrainingSession,
)
from training.selectors.followups import FOLLOW_UPS, follow_up_due_on

Status = Enrolment.Status


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
class QuizState:
    """A published quiz of the course and where the trainee stands with it
    (attempts in any of the course's languages count, as for completion)."""

    quiz: QuizPage
    passed: bool = False
    awaiting_marking: bool = False
    paused_attempt: QuizAttempt | None = None


@dataclass
class Step:
    """One thing left to do, or to know, for a course. `kind` picks the
    sentence the card shows (see NEXT_STEP_KINDS)."""

    kind: str
    count: int = 0
    quiz: QuizPage | None = None
    attempt: QuizAttempt | None = None
    meeting: Meeting | None = None


# Kinds of step, in the order the card explains them.
CANCELLED = "cancelled"
PENDING = "pending"
APPLIED = "applied"
WAITLISTED = "waitlisted"
OFFERED = "offered"
CONFIRMED = "confirmed"
LESSONS_LEFT = "lessons_left"
AWAITING_MARKING = "awaiting_marking"
RESUME_QUIZ = "resume_quiz"
QUIZ_NEEDED = "quiz_needed"
NOTHING_PUBLISHED = "nothing_published"
ALL_DONE = "all_done"
FINISHED = "finished"
FOLLOW_UP = "follow_up"
NEXT_STEP_KINDS = (
    CANCELLED,
    PENDING,
    APPLIED,
    WAITLISTED,
    OFFERED,
    CONFIRMED,
    LESSONS_LEFT,
    AWAITING_MARKING,
    RESUME_QUIZ,
    QUIZ_NEEDED,
    NOTHING_PUBLISHED,
    ALL_DONE,
    FINISHED,
    FOLLOW_UP,
)


@dataclass
class LearningRow:
    enrolment: Enrolment
    # The course, its lessons and quizzes as plain pages (title and URL) in
    # the reader's language where a live translation exists.
    course: Page
    lessons_total: int
    lessons_done: int
    next_lesson: LessonPage | None
    quizzes: list[QuizState] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    # Follow-ups (3, 6, 12 months) with an outcome already, by anyone.
    follow_ups_answered: set[int] = field(default_factory=set)

    @property
    def percent(self) -> int:
        return (
            round(100 * self.lessons_done / self.lessons_total)
            if self.lessons_total
            else 0
        )

    @property
    def lessons_left(self) -> int:
        return self.lessons_total - self.lessons_done

    @property
    def session_name(self) -> str:
        return self.enrolment.session.display_name

    @property
    def next_meeting(self) -> Meeting | None:
        return self.meetings[0] if self.meetings else None

    @property
    def next_step(self) -> Step | None:
        return self.steps[0] if self.steps else None

    @property
    def paused_attempts(self) -> list[QuizAttempt]:
        return [q.paused_attempt for q in self.quizzes if q.paused_attempt]

    @property
    def cancelled(self) -> bool:
        return is_cancelled(self.enrolment.session)


def _steps(row: LearningRow, today: datetime.date) -> list[Step]:
    """What is left, first thing first. The course rule is the one
    training.services.progress.course_completion_check applies: every
    published lesson completed and every published quiz passed."""
    enrolment, session = row.enrolment, row.enrolment.session
    status = enrolment.status
    if row.cancelled and status not in (Status.WITHDRAWN, Status.COMPLETED):
        return [Step(CANCELLED)]
    if status == Status.PENDING:
        return [Step(PENDING)]
    if status == Status.APPLIED:
        return [Step(APPLIED)]
    if status == Status.WAITLISTED:
        return [Step(WAITLISTED, count=enrolment.waitlist_position or 1)]
    if status == Status.OFFERED:
        return [Step(OFFERED)]
    if status == Status.COMPLETED:
        # The latest follow-up that is due and not answered: the trainee may
        # tell the base where they are now (training/views/followups.py).
        due = [
            months
            for months in FOLLOW_UPS
            if follow_up_due_on(session, months) <= today
            and months not in row.follow_ups_answered
        ]
        return [Step(FINISHED)] + ([Step(FOLLOW_UP, count=due[-1])] if due else [])
    if status != Status.ENROLLED:
        return []
    steps = []
    if session.starts_on > today:
        steps.append(Step(CONFIRMED, meeting=row.next_meeting))
    if row.lessons_left:
        steps.append(Step(LESSONS_LEFT, count=row.lessons_left))
    for state in row.quizzes:
        if state.passed:
            continue
        if state.awaiting_marking:
            steps.append(Step(AWAITING_MARKING, quiz=state.quiz))
        elif state.paused_attempt is not None:
            steps.append(
                Step(RESUME_QUIZ, quiz=state.quiz, attempt=state.paused_attempt)
            )
        else:
            steps.append(Step(QUIZ_NEEDED, quiz=state.quiz))
    if not row.lessons_total:
        steps.append(Step(NOTHING_PUBLISHED))
    elif not row.lessons_left and all(q.passed for q in row.quizzes):
        # Everything is done but the enrolment is not completed (a closed
        # reporting period keeps it as it was): the base confirms it.
        steps.append(Step(ALL_DONE))
    return steps


def _localized(pages: list, language_pages: dict) -> list:
    return [language_pages.get(p.translation_key, p) for p in pages]


_PAGE_FIELDS = (
    "pk",
    "title",
    "path",
    "depth",
    "url_path",
    "translation_key",
    "locale_id",
    "content_type_id",
)


def _children_of(models, courses) -> QuerySet:
    """Published children of these types of any of these courses, in tree
    order, in one query (plain pages: title, URL and type)."""
    return (
        Page.objects.live()
        .filter(
            Q(
                *[Q(path__startswith=c.path, depth=c.depth + 1) for c in courses],
                _connector=Q.OR,
            ),
            content_type__in=ContentType.objects.get_for_models(*models).values(),
        )
        .only(*_PAGE_FIELDS)
        .order_by("path")
    )


def _by_course(pages: list, courses: dict) -> dict[int, list]:
    grouped: dict[int, list] = {pk: [] for pk in courses}
    for page in pages:
        for pk, course in courses.items():
            if page.path.startswith(course.path):
                grouped[pk].append(page)
                break
    return grouped


def _translated(pages: list, language: str | None) -> dict:
    """The live translations of these pages in `language`, by translation
    key, in one query (plain pages)."""
    if language is None or not pages:
        return {}
    keys = {page.translation_key for page in pages}
    return {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .only(*_PAGE_FIELDS)
    }


def _course_pages(courses: dict, language: str | None) -> tuple[list, dict]:
    """The published lessons and quizzes of these courses (_children_of) and
    the courses', lessons' and quizzes' translations in `language`
    (_translated): the same for every trainee in these courses, so kept as
    a fragment of the public pages (stale with any page written), one cache
    read instead of two queries."""

    def build() -> tuple[list, dict]:
        children = list(_children_of((LessonPage, QuizPage), courses.values()))
        return children, _translated([*courses.values(), *children], language)

    return cached_fragment(
        f"learning:course-pages:{language}:{','.join(map(str, sorted(courses)))}",
        build,
    )


def _waitlist_position() -> Subquery:
    """1 for whoever has waited longest: the order waitlist_offer_next uses."""
    ahead = (
        Enrolment.objects.filter(session=OuterRef("session"), status=Status.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(ahead, output_field=IntegerField())


def _quiz_states(enrolment, quizzes, attempts, translated) -> list[QuizState]:
    states = []
    for quiz in quizzes:
        state = QuizState(quiz=translated.get(quiz.translation_key, quiz))
        for attempt in attempts.get((enrolment.pk, str(quiz.translation_key)), []):
            if attempt.passed:
                state.passed = True
            if attempt.submitted_at is not None and attempt.needs_marking:
                state.awaiting_marking = True
            if attempt.submitted_at is None and attempt.paused_at is not None:
                state.paused_attempt = attempt
        states.append(state)
    return states


def _answered_follow_ups(enrolments: list[Enrolment]) -> dict[int, set[int]]:
    """{enrolment id: the follow-ups (months) with an outcome recorded}, in
    one plain query (three correlated EXISTS on the enrolments cost more to
    build than the page's other queries together)."""
    answered: dict[int, set[int]] = {e.pk: set() for e in enrolments}
    for enrolment_id, months in Outcome.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "follow_up"):
        answered[enrolment_id].add(months)
    return answered


def my_learning(user: User, *, language: str | None = None) -> list[LearningRow]:
    """Every enrolment of the person with its progress, what is left, its
    quizzes and its coming meetings, with the course, lessons and quizzes in
    `language` where translated. Seven queries whatever the number of
    enrolments, lessons, quizzes, attempts or meetings (five while the
    courses' pages are kept: _course_pages). Each enrolment also
    says whether the person has a calendar feed (`has_calendar`), so the page
    needs no query of its own for it."""
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(trainee=user)
        .select_related("session__base", "session__course", "certificate")
        .annotate(
            waitlist_position=Coalesce(_waitlist_position(), 0) + 1,
            has_calendar=Exists(CalendarFeed.objects.filter(user=OuterRef("trainee"))),
        )
        .order_by("-session__starts_on", "-pk")
    )
    if not enrolments:
        return []
    courses = {e.session.course.pk: e.session.course for e in enrolments}
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    children, translated = _course_pages(courses, language)
    lessons = [page for page in children if page.content_type_id == lesson_type]
    quizzes = [page for page in children if page.content_type_id != lesson_type]
    lessons_by_course = _by_course(lessons, courses)
    quizzes_by_course = _by_course(quizzes, courses)
    done = set(
        LessonProgress.objects.filter(
            enrolment__in=enrolments, completed_at__isnull=False
        ).values_list("enrolment_id", "lesson_id")
    )
    attempts: dict[tuple[int, str], list[QuizAttempt]] = {}
    for attempt in (
        QuizAttempt.objects.filter(enrolment__in=enrolments)
        .annotate(quiz_key=F("quiz__translation_key"))
        .order_by("number", "pk")
    ):
        attempts.setdefault((attempt.enrolment_id, str(attempt.quiz_key)), []).append(
            attempt
        )
    answered = _answered_follow_ups(enrolments)
    sessions = {e.session_id: e.session for e in enrolments}
    meetings: dict[int, list[Meeting]] = {pk: [] for pk in sessions}
    for meeting in Meeting.objects.filter(
        session_id__in=sessions, day__gte=today
    ).order_by("day", "starts_at", "pk"):
        meeting.session = sessions[meeting.session_id]
        meeting.start = meeting_start(meeting)
        meeting.place = meeting_location(meeting)
        meeting.session_name = meeting.session.display_name
        meetings[meeting.session_id].append(meeting)
    rows = []
    for enrolment in enrolments:
        session = enrolment.session
        course_lessons = lessons_by_course[session.course.pk]
        remaining = [
            lesson for lesson in course_lessons if (enrolment.pk, lesson.pk) not in done
        ]
        next_lesson = _localized(remaining[:1], translated)[0] if remaining else None
        row = LearningRow(
            enrolment=enrolment,
            course=translated.get(session.course.translation_key, session.course),
            lessons_total=len(course_lessons),
            lessons_done=len(course_lessons) - len(remaining),
            next_lesson=next_lesson,
            quizzes=_quiz_states(
                enrolment,
                quizzes_by_course[session.course.pk],
                attempts,
                translated,
            ),
            meetings=meetings[session.pk],
            follow_ups_answered=answered.get(enrolment.pk, set()),
        )
        row.steps = _steps(row, today)
        rows.append(row)
    return rows


# Places whose meetings the trainee goes to, as in the calendar feed.
MEETING_STATUSES = (Status.ENROLLED, Status.OFFERED, Status.COMPLETED)


def next_meeting(rows: list[LearningRow]) -> Meeting | None:
    """The first coming meeting of any session where the person has a place
    and that is not cancelled."""
    meetings = [
        meeting
        for row in rows
        if row.enrolment.status in MEETING_STATUSES and not row.cancelled
        for meeting in row.meetings
    ]
    return min(meetings, key=lambda m: (m.start, m.pk), default=None)


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
