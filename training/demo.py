"""Demo learner records for `manage.py seed_demo`: 19 past and current
sessions with about 620 trainees, their progress, completions, certificates
and 3/6/12-month outcomes, so the federation's reports have real numbers.

Bulk inserts keep it well under a minute; a session that exists is left as
it is, so running the seed again changes nothing."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DisabilityCategory,
    FunctionalNeed,
    StaffRole,
    User,
)
from courses.models import CoursePage, LessonPage
from training.models import (
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    TrainingSession,
)
from training.services.progress import new_certificate_code

TODAY = datetime.date(2026, 11, 28)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏斌飞宇浩凯辉婷雪琳晨欣怡佳倩颖蕾慧"

# (term label zh, term label en, starts, ends, status)
TERMS = [
    (
        "2025 春季班",
        "Spring 2025",
        datetime.date(2025, 3, 3),
        datetime.date(2025, 5, 30),
        "finished",
    ),
    (
        "2025 秋季班",
        "Autumn 2025",
        datetime.date(2025, 9, 8),
        datetime.date(2025, 11, 28),
        "finished",
    ),
    (
        "2026 春季班",
        "Spring 2026",
        datetime.date(2026, 3, 2),
        datetime.date(2026, 5, 29),
        "finished",
    ),
    (
        "2026 秋季班",
        "Autumn 2026",
        datetime.date(2026, 9, 7),
        datetime.date(2026, 12, 18),
        "running",
    ),
    (
        "2027 春季班",
        "Spring 2027",
        datetime.date(2027, 3, 1),
        datetime.date(2027, 5, 28),
        "planned",
    ),
]
SESSION_COUNT = 19
OUTCOME_WEIGHTS = {
    Outcome.Status.EMPLOYED: 40,
    Outcome.Status.SELF_EMPLOYED: 14,
    Outcome.Status.FURTHER_TRAINING: 10,
    Outcome.Status.SEEKING_WORK: 26,
    Outcome.Status.UNKNOWN: 10,
}
NEEDS_BY_CATEGORY = {
    "visual": ["screen_reader", "magnifier", "keyboard_only"],
    "hearing": ["captions", "sign_language"],
    "speech": [],
    "physical": ["keyboard_only", "extra_time"],
    "intellectual": ["easy_read", "assistance", "extra_time"],
    "psychosocial": ["extra_time"],
}


def _plan(courses: list[CoursePage]) -> list[dict]:
    """19 sessions: each course runs in several terms, past and present."""
    plans = []
    for index in range(SESSION_COUNT):
        course = courses[index % len(courses)]
        term = TERMS[index % len(TERMS)] if index < 15 else TERMS[3 if index % 2 else 2]
        plans.append({"course": course, "term": term, "number": index + 1})
    return plans


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _months_after(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
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
    created = 0
    trainee_number = 0
    for plan in _plan(courses):
        course, (term_zh, _term_en, starts, ends, status), number = (
            plan["course"],
            plan["term"],
            plan["number"],
        )
        name = f"{course.title} · {term_zh}（{number:02d}）"
        size = 28 + (number * 7) % 13  # 28..40 trainees
        if TrainingSession.objects.filter(name=name).exists():
            trainee_number += size
            continue
        created += 1
        session = TrainingSession.objects.create(
            course=course,
            base=course.base,
            name=name,
            starts_on=starts,
            ends_on=ends,
            delivery_mode=course.delivery_mode,
            # Some popular sessions are over-subscribed and keep a waiting list.
            capacity=size - 4 if number % 4 == 0 else size + 5,
            enrolment_open=status != "finished",
            status=status,
        )
        instructors = User.objects.filter(
            staff_roles__base=course.base, staff_roles__role=StaffRole.Role.INSTRUCTOR
        )
        session.instructors.set(instructors)
        lessons = list(
            LessonPage.objects.child_of(course).live().values_list("pk", flat=True)
        )
        trainees = _trainees(rng, password, first=trainee_number + 1, count=size)
        trainee_number += size
        _enrolments(rng, session, trainees, lessons, status)
    return created


def _trainees(
    rng: random.Random, password: str, *, first: int, count: int
) -> list[User]:
    emails = [f"learner{n:04d}@{DEMO_DOMAIN}" for n in range(first, first + count)]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    new = [
        User(
            email=email,
            name=f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN) if rng.random() < 0.6 else ''}（演示）",
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


def _enrolments(rng, session, trainees, lessons, status) -> None:
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
            state = _weighted(
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
                status_changed_at=_aware(min(changed, TODAY)),
                completed_at=_aware(
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
                if session.starts_on <= TODAY
                else 0
            )
        else:
            done = 0
        for position, lesson in enumerate(lessons[:done]):
            day = min(
                session.starts_on
                + datetime.timedelta(days=7 * position + rng.randint(0, 5)),
                TODAY,
            )
            progress.append(
                LessonProgress(
                    enrolment=enrolment,
                    lesson_id=lesson,
                    first_opened_at=_aware(day, 9),
                    completed_at=_aware(day, 11),
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
                    course_title_en=(
                        session.course.get_translation_or_none(_en()) or session.course
                    ).title,
                    base_name=session.base.name,
                    base_name_en=session.base.name_en,
                )
            )
        if enrolment.status in (
            Enrolment.Status.COMPLETED,
            Enrolment.Status.NOT_COMPLETED,
        ):
            for months in (3, 6, 12):
                due = _months_after(session.ends_on, months)
                if due > TODAY:
                    break
                outcomes.append(
                    Outcome(
                        enrolment=enrolment,
                        follow_up=months,
                        status=_weighted(rng, OUTCOME_WEIGHTS),
                        recorded_on=due + datetime.timedelta(days=rng.randint(0, 14)),
                        recorded_by=session.instructors.first() or enrolment.trainee,
                    )
                )
    LessonProgress.objects.bulk_create(progress)
    Certificate.objects.bulk_create(certificates)
    Outcome.objects.bulk_create(outcomes)
    AuditEntry.objects.bulk_create(audit)


_EN = {}


def _en():
    from wagtail.models import Locale

    if "en" not in _EN:
        _EN["en"] = Locale.objects.get(language_code="en")
    return _EN["en"]
