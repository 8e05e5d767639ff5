"""What a demo visitor sees on first sign-in, for `manage.py seed_demo`:
a running session at every base (with its meetings), an instructor01 cohort
whose follow-up is due, and a place with progress for each of trainee01-12,
some of them in the states My learning explains (a paused quiz, a waiting
list, an offer with a deadline, a certificate).

Runs after `seed_training`, relative to today like it. Idempotent: a
session found by name is left alone, meetings are added only to sessions
without any, and a persona who has a place in a session keeps it."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import StaffRole, User
from core.dates import add_months
from courses.models import CoursePage, LessonPage, QuizPage
from demo.courses import english_title
from demo.people import BASES, DEMO_DOMAIN, DEMO_PASSWORD, TRAINEES, demo_email
from demo.training import aware, enrol_cohort, learners
from notifications.services import notify
from training.models import (
    Attendance,
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Meeting,
    QuizAttempt,
    TrainingSession,
)
from training.notices import MEETING_REMINDER, on_enrolment_status_changed, session_data
from training.services.progress import new_certificate_code

CURRENT = (TrainingSession.Status.RUNNING, TrainingSession.Status.PLANNED)
# A new base's running cohort: started five weeks ago, seven weeks to go.
RUNNING_WEEKS = (5, 7)
COHORT = 12
# instructor01's finished cohort ended four months ago: the 3-month follow-up
# is due and not recorded, the 6-month one is not due yet.
FOLLOW_UP_COHORT = 14
ENDED_MONTHS_AGO = 4
TERM_WEEKS = 10
# Two meetings a week: (weekday, start, end); Monday is 0.
MEETINGS = [
    (1, datetime.time(14, 0), datetime.time(16, 30)),
    (3, datetime.time(9, 30), datetime.time(12, 0)),
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _names(course: CoursePage, title_en: str, starts: datetime.date):
    return (
        f"{course.title} · {starts.year}年{starts.month}月班",
        f"{title_en} · {MONTHS_EN[starts.month - 1]} {starts.year} cohort",
    )


def _name_en(session: TrainingSession, title_en: str) -> str:
    """seed_training's names are "<title> · 2026 秋季班（04）"."""
    _, _, label = session.name.partition(" · ")
    for zh, en in (
        ("春季班", "spring term"),
        ("秋季班", "autumn term"),
        ("（", " ("),
        ("）", ")"),
    ):
        label = label.replace(zh, en)
    return f"{title_en} · {label}" if label else title_en


def _base_number(session: TrainingSession) -> int:
    return next((n for n, row in enumerate(BASES, 1) if row[0] == session.base.name), 0)


def _describe(sessions, english: dict[int, str]) -> None:
    """English names, venues (in both languages) and the support each base
    offers, once."""
    for session in sessions:
        if session.name_en:
            if session.venue and not session.venue_en:
                # Described before sessions had English venues.
                session.venue_en = session.base.address_en
                session.save(update_fields=["venue_en"])
            continue
        number = _base_number(session)
        session.name_en = _name_en(session, english[session.course_id])
        session.venue = session.base.address
        session.venue_en = session.base.address_en
        session.support_sign_language = session.base.sign_language_interpreter
        session.support_captioner = session.pk % 3 == 0
        session.support_transport = number % 2 == 0
        session.support_assistant = number % 3 == 1
        session.save(
            update_fields=[
                "name_en",
                "venue",
                "venue_en",
                "support_sign_language",
                "support_captioner",
                "support_transport",
                "support_assistant",
            ]
        )


def _meetings(session: TrainingSession) -> list[Meeting]:
    number = _base_number(session)
    online = session.delivery_mode == "online"
    rooms = ("", "") if online else (f"{200 + number} 教室", f"Room {200 + number}")
    meetings = []
    day = session.starts_on
    while day <= session.ends_on:
        for weekday, starts, ends in MEETINGS:
            if day.weekday() == weekday:
                meetings.append(
                    Meeting(
                        session=session,
                        day=day,
                        starts_at=starts,
                        ends_at=ends,
                        room=rooms[0],
                        room_en=rooms[1],
                        online_link=(
                            f"https://meet.{DEMO_DOMAIN}/session-{session.pk}"
                            if online
                            else ""
                        ),
                    )
                )
        day += datetime.timedelta(days=1)
    return meetings


def _next_learner() -> int:
    emails = User.objects.filter(
        email__startswith="learner", email__endswith=f"@{DEMO_DOMAIN}"
    ).aggregate(last=Max("email"))["last"]
    return int(emails[len("learner") : len("learner") + 4]) + 1 if emails else 1


def _new_session(
    *,
    course: CoursePage,
    title_en: str,
    starts: datetime.date,
    ends: datetime.date,
    status: str,
    capacity: int,
) -> TrainingSession | None:
    name, name_en = _names(course, title_en, starts)
    if TrainingSession.objects.filter(name=name).exists():
        return None
    session = TrainingSession.objects.create(
        course=course,
        base=course.base,
        name=name,
        name_en=name_en,
        starts_on=starts,
        ends_on=ends,
        delivery_mode=course.delivery_mode,
        capacity=capacity,
        enrolment_open=status != TrainingSession.Status.FINISHED,
        status=status,
    )
    session.instructors.set(
        User.objects.filter(
            staff_roles__base=course.base, staff_roles__role=StaffRole.Role.INSTRUCTOR
        )
    )
    return session


def _lessons(session: TrainingSession) -> list[int]:
    return list(
        LessonPage.objects.child_of(session.course)
        .live()
        .order_by("path")
        .values_list("pk", flat=True)
    )


def _cohort(rng, password, session, count, status, *, today, en, follow_ups=True):
    people = learners(rng, password, first=_next_learner(), count=count)
    enrol_cohort(
        rng,
        session,
        people,
        _lessons(session),
        status,
        today=today,
        en=en,
        follow_ups=follow_ups,
    )


def _attendance(rng, session: TrainingSession, today: datetime.date) -> None:
    instructor = session.instructors.first()
    days = list(session.meetings.filter(day__lte=today).values_list("day", flat=True))
    rows = []
    for enrolment in session.enrolments.filter(
        status__in=[
            Enrolment.Status.ENROLLED,
            Enrolment.Status.COMPLETED,
            Enrolment.Status.NOT_COMPLETED,
        ]
    ):
        for day in days:
            roll = rng.random()
            status = (
                Attendance.Status.PRESENT
                if roll < 0.85
                else Attendance.Status.EXCUSED
                if roll < 0.95
                else Attendance.Status.ABSENT
            )
            rows.append(
                Attendance(
                    enrolment=enrolment, day=day, status=status, recorded_by=instructor
                )
            )
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)


def _place(
    trainee: User,
    session: TrainingSession,
    status: str,
    *,
    when: datetime.datetime,
    **extra,
) -> Enrolment | None:
    if Enrolment.objects.filter(trainee=trainee, session=session).exists():
        return None
    enrolment = Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=status,
        status_changed_at=when,
        **extra,
    )
    AuditEntry.objects.create(
        action="enrolment.create",
        object_type="enrolment",
        object_id=enrolment.pk,
        session=session,
        base_id=session.base_id,
        trainee=trainee,
        changes={"status": [None, status], "source": [None, "demo data"]},
    )
    return enrolment


def _progress(enrolment: Enrolment, lessons: list[int], done: int, today) -> None:
    session = enrolment.session
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(
                enrolment=enrolment,
                lesson_id=lesson,
                first_opened_at=aware(
                    min(session.starts_on + datetime.timedelta(days=7 * i), today), 9
                ),
                completed_at=aware(
                    min(session.starts_on + datetime.timedelta(days=7 * i), today), 11
                ),
            )
            for i, lesson in enumerate(lessons[:done])
        ]
    )


def _personas(today: datetime.date, follow_up_session: TrainingSession | None):
    """trainee01-12: a place with progress in a running session at their home
    base (or any running session), and the special cases."""
    running = list(
        TrainingSession.objects.filter(status=TrainingSession.Status.RUNNING)
        .select_related("course", "base")
        .order_by("pk")
    )
    quiz_courses = set(QuizPage.objects.live().values_list("path", flat=True))
    now = timezone.now()
    people = {
        u.email: u
        for u in User.objects.filter(email__in=[demo_email(t[1]) for t in TRAINEES])
    }
    for index, row in enumerate(TRAINEES):
        trainee = people[demo_email(row[1])]
        at_home = [s for s in running if s.base_id == trainee.home_base_id]
        if index == 0:
            # trainee01 also has a quiz paused part-way (below): a quiz course.
            at_home = [
                s
                for s in running
                if any(path.startswith(s.course.path) for path in quiz_courses)
            ]
        session = (at_home or running)[index % len(at_home or running)]
        lessons = _lessons(session)
        enrolment = _place(
            trainee,
            session,
            Enrolment.Status.ENROLLED,
            when=aware(session.starts_on),
        )
        if enrolment is None:
            continue
        done = len(lessons) if index == 0 else 1 + index % max(len(lessons) - 1, 1)
        _progress(enrolment, lessons, done, today)
        if index == 0:
            quiz = QuizPage.objects.live().child_of(session.course).first()
            QuizAttempt.objects.create(
                enrolment=enrolment,
                quiz=quiz,
                started_at=now - datetime.timedelta(days=1, minutes=6),
                seconds_allowed=(
                    quiz.time_limit_minutes * 60 if quiz.time_limit_minutes else None
                ),
                seconds_used=6 * 60,
                paused_at=now - datetime.timedelta(days=1),
            )

    full = list(
        TrainingSession.objects.filter(
            status__in=CURRENT, enrolments__status=Enrolment.Status.WAITLISTED
        )
        .distinct()
        .order_by("-starts_on", "pk")
    )
    if full:
        _place(
            people[demo_email("trainee05")],
            full[0],
            Enrolment.Status.WAITLISTED,
            when=now,
        )
        _place(
            people[demo_email("trainee04")],
            full[-1],
            Enrolment.Status.OFFERED,
            when=now - datetime.timedelta(hours=2),
            offer_expires_at=now + datetime.timedelta(days=3),
        )
    if follow_up_session is not None:
        enrolment = _place(
            people[demo_email("trainee03")],
            follow_up_session,
            Enrolment.Status.COMPLETED,
            when=aware(follow_up_session.ends_on),
            completed_at=aware(follow_up_session.ends_on),
            final_result=Enrolment.Result.PASSED,
        )
        if enrolment is not None:
            lessons = _lessons(follow_up_session)
            _progress(enrolment, lessons, len(lessons), today)
            course = follow_up_session.course
            Certificate.objects.create(
                enrolment=enrolment,
                code=new_certificate_code(),
                issued_at=enrolment.completed_at,
                trainee_name=enrolment.trainee.name,
                course_title=course.title,
                course_title_en=english_title(course),
                base_name=follow_up_session.base.name,
                base_name_en=follow_up_session.base.name_en,
            )


def _messages(today: datetime.date) -> None:
    """Unread messages for trainee01 (their place, and their next meeting as
    the day-before reminder words it), and the waiting list and offer
    news for trainee05 and trainee04. Told once: each has a dedupe key."""
    told = {
        "trainee01": Enrolment.Status.ENROLLED,
        "trainee04": Enrolment.Status.OFFERED,
        "trainee05": Enrolment.Status.WAITLISTED,
    }
    for local, status in told.items():
        enrolment = (
            Enrolment.objects.filter(
                trainee__email=demo_email(local),
                status=status,
                session__status__in=CURRENT,
            )
            .select_related("trainee", "session")
            .order_by("pk")
            .first()
        )
        if enrolment is None:
            continue
        on_enrolment_status_changed(
            None, enrolment=enrolment, old_status="", new_status=status
        )
        if enrolment.status != Enrolment.Status.ENROLLED:
            continue
        meeting = (
            enrolment.session.meetings.filter(day__gt=today).order_by("day").first()
        )
        if meeting is None:
            continue
        notify(
            enrolment.trainee,
            MEETING_REMINDER,
            {
                **session_data(enrolment.session),
                "meeting_id": meeting.pk,
                "meeting_on": meeting.day.isoformat(),
                "meeting_starts": meeting.starts_at.strftime("%H:%M"),
                "meeting_ends": meeting.ends_at.strftime("%H:%M"),
                "room": meeting.room,
                "room_en": meeting.room_en,
                "online_link": meeting.online_link,
                "enrolment_id": enrolment.pk,
            },
            dedupe_key=f"meeting:{meeting.pk}:reminder:{meeting.day.isoformat()}",
        )


@transaction.atomic
def seed_schedule() -> None:
    rng = random.Random(2027)  # noqa: S311 - repeatable demo data, not security
    password = make_password(DEMO_PASSWORD)
    today = timezone.localdate()
    en = Locale.objects.get(language_code="en")
    courses = list(
        CoursePage.objects.live()
        .filter(locale__language_code="zh-hans")
        .select_related("base")
        .order_by("path")
    )
    english = {c.pk: english_title(c) for c in courses}
    covered = set(
        TrainingSession.objects.filter(status__in=CURRENT).values_list(
            "base_id", flat=True
        )
    )
    for course in courses:
        if course.base_id in covered:
            continue
        covered.add(course.base_id)
        session = _new_session(
            course=course,
            title_en=english[course.pk],
            starts=today - datetime.timedelta(weeks=RUNNING_WEEKS[0]),
            ends=today + datetime.timedelta(weeks=RUNNING_WEEKS[1]),
            status=TrainingSession.Status.RUNNING,
            capacity=COHORT + 6,
        )
        if session is not None:
            _cohort(rng, password, session, COHORT, "running", today=today, en=en)

    # instructor01's cohort with a follow-up due, at the first base.
    first = next(c for c in courses if c.base.name == BASES[0][0])
    ends = add_months(today, -ENDED_MONTHS_AGO)
    follow_up = _new_session(
        course=first,
        title_en=english[first.pk],
        starts=ends - datetime.timedelta(weeks=TERM_WEEKS),
        ends=ends,
        status=TrainingSession.Status.FINISHED,
        capacity=FOLLOW_UP_COHORT + 6,
    )
    if follow_up is not None:
        _cohort(
            rng,
            password,
            follow_up,
            FOLLOW_UP_COHORT,
            "finished",
            today=today,
            en=en,
            follow_ups=False,
        )

    sessions = list(TrainingSession.objects.select_related("base").order_by("pk"))
    _describe(sessions, english)
    with_meetings = set(Meeting.objects.values_list("session_id", flat=True).distinct())
    Meeting.objects.bulk_create(
        [
            meeting
            for session in sessions
            if session.pk not in with_meetings
            for meeting in _meetings(session)
        ]
    )
    _personas(today, follow_up)
    for session in TrainingSession.objects.filter(base__name=BASES[0][0]).exclude(
        status=TrainingSession.Status.PLANNED
    ):
        if not Attendance.objects.filter(enrolment__session=session).exists():
            _attendance(rng, session, today)
    _messages(today)
