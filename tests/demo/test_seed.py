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
from courses.models import CoursePage, LessonPage, QuizPage
from federation.models import BarrierReport
from home.models import AccessibilityStatementPage, HomePage
from training.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
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
    }


# What the seed builds, counted on the day this was written. Every date moves
# with today, so these stay the same on any day.
EXPECTED = {
    "bases": 17,
    "users": 688,
    "roles": 36,
    "pages": 137,
    "revisions": 208,
    "needs": 569,
    "consent": 569,
    "display": 8,
    "sessions": 19,
    "enrolments": 640,
    "progress": 1455,
    "certificates": 273,
    "outcomes": 855,
    "periods": 3,
    "closed": 1,
    "barriers": 3,
    "courses": 18,
    "lessons": 72,
    "quizzes": 6,
}
ENROLMENTS_BY_STATUS = {
    "completed": 273,
    "not_completed": 59,
    "withdrawn": 32,
    "enrolled": 268,
    "waitlisted": 8,
}
OUTCOMES_BY_FOLLOW_UP = {3: 332, 6: 332, 12: 191}


@pytest.mark.django_db
def test_seed_demo_builds_the_federation_and_is_idempotent(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first, "running the seed twice changes nothing"

    assert first == EXPECTED
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
    assert closed.name == f"{today.year - 1} 上半年 ({today.year - 1} H1)"
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
    assert first["sessions"] == 19
    assert 560 <= first["enrolments"] <= 680  # about 620 trainees
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

    printed = out.getvalue()
    assert "admin@demo.example.org" in printed
    assert "instructor01@demo.example.org" in printed
    assert "trainee01@demo.example.org" in printed
    assert "demo-pass-2026" in printed

    # The printed logins work.
    response = client.post(
        "/en/accounts/login/",
        {"login": "trainee01@demo.example.org", "password": "demo-pass-2026"},
    )
    assert response.status_code == 302
