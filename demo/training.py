"""Demo learner records for `manage.py seed_demo`: 19 past and current
sessions with about 620 trainees, their progress, completions, certificates
and 3/6/12-month outcomes, so the federation's reports have real numbers.

Every date is relative to the day it runs: five terms half a year apart, the
fourth running today. The demo then looks the same whatever the date, down to
which follow-ups are due.

Bulk inserts keep it well under a minute; a session that exists is left as
it is, so running the seed again changes nothing."""

import datetime
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DisabilityCategory,
    FunctionalNeed,
    StaffRole,
    User,
)
from core.dates import add_months
from courses.models import CoursePage, LessonPage
from demo.courses import english_title
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from demo.random_data import NEEDS_BY_CATEGORY, person_name, weighted
from training.models import (
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    TrainingSession,
)
from training.services.progress import new_certificate_code


@dataclass(frozen=True)
class Term:
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str


# Weeks from the running term's first day to today, and from today to its last.
RUNNING_WEEKS = (12, 3)
# Finished terms end ten weeks after they start, so every follow-up due at 3, 6
# or 12 months falls ten days or more from today, never on the edge.
TERM_WEEKS = 10
PLANNED_WEEKS = 12


def _label(starts_on: datetime.date) -> str:
    season = "春季班" if starts_on.month <= 6 else "秋季班"
    return f"{starts_on.year} {season}"


def terms(today: datetime.date) -> list[Term]:
    """Three finished terms, the running one and a planned one, half a year
    apart and named after the half-year they start in."""
    running_from = today - datetime.timedelta(weeks=RUNNING_WEEKS[0])
    found = []
    for offset, status in (
        (-18, "finished"),
        (-12, "finished"),
        (-6, "finished"),
        (0, "running"),
        (6, "planned"),
    ):
        starts = add_months(running_from, offset)
        if status == "running":
            ends = today + datetime.timedelta(weeks=RUNNING_WEEKS[1])
        elif status == "planned":
            ends = starts + datetime.timedelta(weeks=PLANNED_WEEKS)
        else:
            ends = starts + datetime.timedelta(weeks=TERM_WEEKS)
        found.append(Term(_label(starts), starts, ends, status))
    return found


SESSION_COUNT = 19
OUTCOME_WEIGHTS = {
    Outcome.Status.EMPLOYED: 40,
    Outcome.Status.SELF_EMPLOYED: 14,
    Outcome.Status.FURTHER_TRAINING: 10,
    Outcome.Status.SEEKING_WORK: 26,
    Outcome.Status.UNKNOWN: 10,
}


def _plan(courses: list[CoursePage], today: datetime.date) -> list[dict]:
    """19 sessions: each course runs in several terms, past and present."""
    plans = []
    calendar = terms(today)
    for index in range(SESSION_COUNT):
        course = courses[index % len(courses)]
        if index < 15:
            term = calendar[index % len(calendar)]
        else:
            term = calendar[3 if index % 2 else 2]
        plans.append({"course": course, "term": term, "number": index + 1})
    return plans


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def seed_training() -> int:
    """Returns how many sessions were created this time."""
    courses = list(
        CoursePage.objects.live()
        .filter(locale__language_code="zh-hans")
        .select_related("base")
        .order_by("path")
    )
    if not courses:
        return 0
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not security
    password = make_password(DEMO_PASSWORD)
    today = timezone.localdate()
    en = Locale.objects.get(language_code="en")
    created = 0
    trainee_number = 0
    for plan in _plan(courses, today):
        course, term, number = plan["course"], plan["term"], plan["number"]
        name = f"{course.title} · {term.label}（{number:02d}）"
        size = 28 + (number * 7) % 13  # 28..40 trainees
        if TrainingSession.objects.filter(name=name).exists():
            trainee_number += size
            continue
        created += 1
        session = TrainingSession.objects.create(
            course=course,
            base=course.base,
            name=name,
            starts_on=term.starts_on,
            ends_on=term.ends_on,
            delivery_mode=course.delivery_mode,
            # Some popular sessions are over-subscribed and keep a waiting list.
            capacity=size - 4 if number % 4 == 0 else size + 5,
            enrolment_open=term.status != "finished",
            status=term.status,
        )
        instructors = User.objects.filter(
            staff_roles__base=course.base, staff_roles__role=StaffRole.Role.INSTRUCTOR
        )
        session.instructors.set(instructors)
        lessons = list(
            LessonPage.objects.child_of(course).live().values_list("pk", flat=True)
        )
        trainees = learners(rng, password, first=trainee_number + 1, count=size)
        trainee_number += size
        enrol_cohort(rng, session, trainees, lessons, term.status, today=today, en=en)
    return created


def learners(
    rng: random.Random, password: str, *, first: int, count: int
) -> list[User]:
    emails = [f"learner{n:04d}@{DEMO_DOMAIN}" for n in range(first, first + count)]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    new = [
        User(
            email=email,
            name=f"{person_name(rng)}（演示）",
            password=password,
        )
        for email in emails
        if email not in existing
    ]
    User.objects.bulk_create(new)
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
            if u.email not in existing
        ],
        ignore_conflicts=True,
    )
    needs, consents = [], []
    now = timezone.now()
    for user in users:
        if user.email in existing or rng.random() < 0.12:
            continue  # some people share nothing
        category = rng.choice(
            [c.value for c in DisabilityCategory if c != DisabilityCategory.MULTIPLE]
        )
        categories = {category}
        if rng.random() < 0.1:
            categories |= {
                DisabilityCategory.MULTIPLE.value,
                rng.choice(["visual", "hearing", "physical"]),
            }
        functional = set(
            rng.sample(
                NEEDS_BY_CATEGORY[category], k=min(2, len(NEEDS_BY_CATEGORY[category]))
            )
        )
        values = {c.value: c.value in categories for c in DisabilityCategory}
        values |= {n.value: n.value in functional for n in FunctionalNeed}
        needs.append(AccessNeeds(user=user, consent_given_at=now, **values))
        consents.append(ConsentEvent(user=user, kind=ConsentEvent.Kind.GIVEN))
    AccessNeeds.objects.bulk_create(needs)
    ConsentEvent.objects.bulk_create(consents)
    return users


def enrol_cohort(
    rng: random.Random,
    session: TrainingSession,
    trainees: list[User],
    lessons: list[int],
    status: str,
    *,
    today: datetime.date,
    en: Locale,
    follow_ups: bool = True,
) -> None:
    """Places, progress, certificates and audit entries for a session; the
    follow-ups that are due too, unless `follow_ups` is off (a cohort whose
    follow-up the instructor has still to record)."""
    finished = status == "finished"
    enrolments = []
    for index, trainee in enumerate(trainees):
        if status == "planned":
            state = (
                Enrolment.Status.ENROLLED
                if index < session.capacity
                else Enrolment.Status.WAITLISTED
            )
        elif finished:
            state = weighted(
                rng,
                {
                    Enrolment.Status.COMPLETED: 74,
                    Enrolment.Status.NOT_COMPLETED: 16,
                    Enrolment.Status.WITHDRAWN: 10,
                },
            )
        else:
            state = (
                Enrolment.Status.WAITLISTED
                if index >= session.capacity
                else Enrolment.Status.ENROLLED
            )
        if state is None:
            continue
        changed = session.ends_on if finished else session.starts_on
        enrolments.append(
            Enrolment(
                trainee=trainee,
                session=session,
                status=state,
                status_changed_at=aware(min(changed, today)),
                completed_at=aware(
                    session.ends_on - datetime.timedelta(days=rng.randint(0, 20))
                )
                if state == Enrolment.Status.COMPLETED
                else None,
                final_result={
                    Enrolment.Status.COMPLETED: Enrolment.Result.PASSED,
                    Enrolment.Status.NOT_COMPLETED: Enrolment.Result.NOT_PASSED,
                }.get(state, ""),
                enrolled_by=None,
            )
        )
    Enrolment.objects.bulk_create(enrolments)
    enrolments = list(
        Enrolment.objects.filter(session=session).select_related("trainee")
    )
    progress, outcomes, certificates, audit = [], [], [], []
    for enrolment in enrolments:
        audit.append(
            AuditEntry(
                action="enrolment.create",
                object_type="enrolment",
                object_id=enrolment.pk,
                session=session,
                base_id=session.base_id,
                trainee_id=enrolment.trainee_id,
                changes={
                    "status": [None, enrolment.status],
                    "source": [None, "demo data"],
                },
            )
        )
        if enrolment.status == Enrolment.Status.COMPLETED:
            done = len(lessons)
        elif enrolment.status in (
            Enrolment.Status.ENROLLED,
            Enrolment.Status.NOT_COMPLETED,
        ):
            done = (
                rng.randint(0, max(len(lessons) - 1, 0))
                if session.starts_on <= today
                else 0
            )
        else:
            done = 0
        for position, lesson in enumerate(lessons[:done]):
            day = min(
                session.starts_on
                + datetime.timedelta(days=7 * position + rng.randint(0, 5)),
                today,
            )
            progress.append(
                LessonProgress(
                    enrolment=enrolment,
                    lesson_id=lesson,
                    first_opened_at=aware(day, 9),
                    completed_at=aware(day, 11),
                )
            )
        if enrolment.status == Enrolment.Status.COMPLETED:
            certificates.append(
                Certificate(
                    enrolment=enrolment,
                    code=new_certificate_code(),
                    issued_at=enrolment.completed_at,
                    trainee_name=enrolment.trainee.name,
                    course_title=session.course.title,
                    course_title_en=english_title(session.course),
                    base_name=session.base.name,
                    base_name_en=session.base.name_en,
                )
            )
        if follow_ups and enrolment.status in (
            Enrolment.Status.COMPLETED,
            Enrolment.Status.NOT_COMPLETED,
        ):
            for months in (3, 6, 12):
                due = add_months(session.ends_on, months)
                if due > today:
                    break
                outcomes.append(
                    Outcome(
                        enrolment=enrolment,
                        follow_up=months,
                        status=weighted(rng, OUTCOME_WEIGHTS),
                        recorded_on=due + datetime.timedelta(days=rng.randint(0, 14)),
                        recorded_by=session.instructors.first() or enrolment.trainee,
                    )
                )
    LessonProgress.objects.bulk_create(progress)
    Certificate.objects.bulk_create(certificates)
    Outcome.objects.bulk_create(outcomes)
    AuditEntry.objects.bulk_create(audit)
