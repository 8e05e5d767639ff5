"""The demo seed, run once: what it builds, exactly, whatever the date."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Revision

from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DisplayPreferences,
    StaffRole,
    TrainingBase,
    User,
)
from core.dates import add_months
from courses.models import CoursePage, LessonPage, QuizPage
from demo.people import BASES
from demo.schedule import MEETINGS
from federation.models import BarrierReport
from home.models import AccessibilityStatementPage, HelpIndexPage, HelpPage, HomePage
from notifications.models import Notification
from tests.demo.checks_api import check_api
from tests.demo.checks_businesses import check_businesses
from tests.demo.checks_courses import check_courses
from tests.demo.checks_credentials import check_credentials
from tests.demo.checks_site_url import check_site_url
from tests.demo.checks_skills import check_skills
from tests.demo.checks_translation import check_translation
from training.models import (
    Attendance,
    Certificate,
    Enrolment,
    LessonProgress,
    Meeting,
    Outcome,
    QuizAttempt,
    ReportingPeriod,
    TrainingSession,
)


def _counts():
    return {
        "bases": TrainingBase.objects.count(),
        "users": User.objects.count(),
        "roles": StaffRole.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "needs": AccessNeeds.objects.count(),
        "consent": ConsentEvent.objects.count(),
        "display": DisplayPreferences.objects.count(),
        "sessions": TrainingSession.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "progress": LessonProgress.objects.count(),
        "certificates": Certificate.objects.count(),
        "outcomes": Outcome.objects.count(),
        "periods": ReportingPeriod.objects.count(),
        "closed": ReportingPeriod.objects.filter(closed_at__isnull=False).count(),
        "barriers": BarrierReport.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "quizzes": QuizPage.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "notifications": Notification.objects.count(),
    }


# What the seed builds, counted on the day this was written. Every date moves
# with today, so these stay the same on any day; meetings and attendance also
# depend on the weekday (see _on_the_calendar).
EXPECTED = {
    "bases": 17,
    "users": 810,
    "roles": 36,
    "pages": 237,
    "revisions": 431,
    "needs": 677,
    "consent": 677,
    "display": 8,
    "sessions": 29,
    "enrolments": 777,
    "progress": 1673,
    "certificates": 285,
    "outcomes": 855,
    "periods": 3,
    "closed": 1,
    "barriers": 3,
    "courses": 34,
    "lessons": 136,
    "quizzes": 6,
    "attempts": 1,
    "notifications": 4,
}
ENROLMENTS_BY_STATUS = {
    "completed": 285,
    "not_completed": 60,
    "withdrawn": 34,
    "enrolled": 388,
    "waitlisted": 9,
    "offered": 1,
}
OUTCOMES_BY_FOLLOW_UP = {3: 332, 6: 332, 12: 191}


@pytest.mark.django_db
def test_seed_demo_builds_the_federation_and_is_idempotent(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first, "running the seed twice changes nothing"

    assert first == {**EXPECTED, **_on_the_calendar(timezone.localdate())}
    assert Counter(Enrolment.objects.values_list("status", flat=True)) == (
        ENROLMENTS_BY_STATUS
    )
    assert Counter(Outcome.objects.values_list("follow_up", flat=True)) == (
        OUTCOMES_BY_FOLLOW_UP
    )
    today = timezone.localdate()
    for session in TrainingSession.objects.all():
        if session.status == "finished":
            assert session.ends_on < today, session.name
        elif session.status == "running":
            assert session.starts_on <= today <= session.ends_on, session.name
        else:
            assert session.starts_on > today, session.name
    assert not Outcome.objects.filter(
        recorded_on__lt=F("enrolment__session__ends_on")
    ).exists()
    closed = ReportingPeriod.objects.get(closed_at__isnull=False)
    assert closed.name == f"{today.year - 1} 上半年"
    assert closed.name_en == f"First half of {today.year - 1}"
    assert (closed.starts_on, closed.ends_on) == (
        datetime.date(today.year - 1, 1, 1),
        datetime.date(today.year - 1, 6, 30),
    )

    assert first["bases"] == 17
    assert (first["periods"], first["closed"], first["barriers"]) == (3, 1, 3)
    assert BarrierReport.objects.filter(base__isnull=False).count() == 3
    assert TrainingBase.objects.exclude(name_en="").count() == 17
    assert len(set(TrainingBase.objects.values_list("district", flat=True))) == 17
    assert (
        StaffRole.objects.filter(role=StaffRole.Role.INSTRUCTOR)
        .values("base")
        .distinct()
        .count()
        == 17
    )
    assert StaffRole.objects.filter(role=StaffRole.Role.FEDERATION_ADMIN).count() == 1
    assert User.objects.filter(staff_roles__isnull=True).count() >= 10  # trainees
    named = {"user__email__startswith": "trainee"}
    assert AccessNeeds.objects.filter(**named).count() == 11  # one shares nothing
    assert ConsentEvent.objects.filter(kind="given", **named).count() == 11
    assert len(set(DisplayPreferences.objects.values_list("theme", flat=True))) == 4
    assert AccessNeeds.objects.filter(hearing=True, sign_language=True).exists()
    assert first["sessions"] == 29  # 19 over five terms, 10 for new bases
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert {
        "completed",
        "enrolled",
        "not_completed",
        "withdrawn",
        "waitlisted",
    } <= statuses
    assert first["certificates"] == Enrolment.objects.filter(status="completed").count()
    assert set(Outcome.objects.values_list("follow_up", flat=True)) == {3, 6, 12}
    assert set(TrainingSession.objects.values_list("status", flat=True)) == {
        "finished",
        "running",
        "planned",
    }
    assert TrainingSession.objects.values("base").distinct().count() >= 8
    assert HomePage.objects.live().count() == 2
    assert AccessibilityStatementPage.objects.live().count() == 2
    assert {p.locale.language_code for p in HomePage.objects.all()} == {"zh-hans", "en"}
    assert HelpIndexPage.objects.live().count() == 2
    for language in ("zh-hans", "en"):
        audiences = set(
            HelpPage.objects.live()
            .filter(locale__language_code=language)
            .values_list("audience", flat=True)
        )
        assert {"trainee", "instructor", "auditor"} <= audiences

    printed = out.getvalue()
    assert "admin@demo.example.org" in printed
    assert "instructor01@demo.example.org" in printed
    assert "trainee01@demo.example.org" in printed
    assert "demo-pass-2026" in printed

    _assert_first_sign_in_shows_everything(today)
    check_businesses()
    check_skills()
    check_api(printed)
    check_credentials(client)
    check_site_url()
    check_courses(client)
    check_translation(client)
    logins = [line.split()[-1] for line in printed.splitlines()[1:7]]
    assert logins == [
        "admin@demo.example.org",
        "auditor@demo.example.org",
        "manager01@demo.example.org",
        "instructor01@demo.example.org",
        "trainee01@demo.example.org",
        "trainee02@demo.example.org",
    ]

    # The printed logins work.
    response = client.post(
        "/en/accounts/login/",
        {"login": "trainee01@demo.example.org", "password": "demo-pass-2026"},
    )
    assert response.status_code == 302


def _on_the_calendar(today: datetime.date) -> dict[str, int]:
    """Sessions meet on two fixed weekdays (Tuesday and Thursday) between
    their first and last day, and attendance is taken at the first base's
    meetings already held, for everyone with a place: how many of each there
    are depends on the weekday the seed runs, so they are counted from the
    sessions' own dates."""
    meetings, attendance = 0, 0
    for session in TrainingSession.objects.all():
        days = [
            session.starts_on + datetime.timedelta(days=n)
            for n in range((session.ends_on - session.starts_on).days + 1)
        ]
        meeting_days = [day for day in days if day.weekday() in MEETING_WEEKDAYS]
        meetings += len(meeting_days)
        if session.base.name == FIRST_BASE and session.status != "planned":
            seated = session.enrolments.filter(
                status__in=["enrolled", "completed", "not_completed"]
            ).count()
            attendance += seated * sum(1 for day in meeting_days if day <= today)
    return {"meetings": meetings, "attendance": attendance}


MEETING_WEEKDAYS = {weekday for weekday, _, _ in MEETINGS}
FIRST_BASE = BASES[0][0]


def _assert_first_sign_in_shows_everything(today):
    """Issue 12, item 7: what each printed login finds on first sign-in."""
    current = TrainingSession.objects.filter(status__in=["running", "planned"])
    for base in TrainingBase.objects.all():
        assert CoursePage.objects.live().filter(base=base).exists(), base.name
        sessions = current.filter(base=base, ends_on__gte=today)
        assert sessions.exists(), base.name
        for session in sessions:
            assert session.name_en, session.name
            meetings = session.meetings.all()
            assert meetings.count() >= 2 * 4, session.name
            assert all(session.starts_on <= m.day <= session.ends_on for m in meetings)
            assert all(m.room or m.online_link for m in meetings)
    assert not TrainingSession.objects.filter(name_en="").exists()
    assert Meeting.objects.exclude(online_link="").exists(), "an online session"
    assert current.filter(support_sign_language=True).exists()

    instructor = User.objects.get(email="instructor01@demo.example.org")
    taught = TrainingSession.objects.filter(instructors=instructor)
    assert Attendance.objects.filter(enrolment__session__in=taught).exists()
    due = [
        session
        for session in taught.filter(status="finished")
        if session.ends_on <= add_months(today, -3)
        and session.enrolments.filter(status="completed").exists()
        and not Outcome.objects.filter(enrolment__session=session, follow_up=3).exists()
    ]
    assert due, "instructor01 has a 3-month follow-up due"

    for number in range(1, 13):
        email = f"trainee{number:02d}@demo.example.org"
        places = Enrolment.objects.filter(trainee__email=email)
        assert places.filter(status="enrolled", progress__isnull=False).exists(), email
    mine = Enrolment.objects.filter(trainee__email__startswith="trainee")
    assert QuizAttempt.objects.filter(
        enrolment__in=mine, paused_at__isnull=False, submitted_at__isnull=True
    ).exists()
    waiting = mine.get(status="waitlisted")
    assert waiting.session.enrolments.filter(status="waitlisted").count() >= 2
    assert (
        waiting.session.enrolments.filter(status__in=["enrolled", "offered"]).count()
        >= waiting.session.capacity
    )
    assert Certificate.objects.filter(enrolment__in=mine).exists()
    offered = mine.get(status="offered")
    assert offered.offer_expires_at > timezone.now()
    unread = Notification.objects.filter(
        recipient__email="trainee01@demo.example.org", read_at__isnull=True
    )
    assert unread.count() == 2
