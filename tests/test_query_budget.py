"""At most 15 queries on every page, the same at any data size (issue 13,
point 4).

Every page of tests/crawl.py (every named URL of ours not excluded there with
a reason, and one of each Wagtail page type), as the person who uses it, plus
the dashboard and audit viewer with filters, is requested twice in the small
mixed world, then again after `grow()` added more of everything each page
lists: sessions, enrolments, progress, attendance, attempts, answers to
mark, outcomes, certificates, messages, businesses, placements, audit
entries, barrier reports and periods. The first request is the first page
after signing in with an empty cache (the site, the kept fragments, the
figures are all built); the second finds them kept (as bench/pages.py
counts). Both must be at most BUDGET, and the second the same at both
sizes, so no page runs a query per row.

The world is built and measured once for the module, in a transaction rolled
back at the end, with the test settings (LocMem cache, database sessions: a
signed-in request reads its session and its user)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import AccessNeeds
from careers.models import ApiClient, BusinessCheck, IncubatedBusiness, Placement
from federation.models import BarrierReport
from notifications.services import notify
from tests import crawl
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training import notices
from training.models import (
    Attendance,
    Certificate,
    Enrolment,
    Meeting,
    Outcome,
    ReportingPeriod,
)
from training.selectors.quizzes import quiz_questions
from training.services import quizzes as quiz_services
from training.services.audit import audit_record
from training.services.progress import lesson_completion_record

# pytest-django sets up the test database only for the databases the
# collected tests ask for.
pytestmark = pytest.mark.django_db

BUDGET = 15
LANGUAGE = "zh-hans"
Status = Enrolment.Status

# Pages not yet within the budget, and who is bringing them there: each is
# an expected failure (strict: it fails once the page passes, so remove its
# entry then).
PENDING = {}


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def extra_pages(world) -> list[tuple]:
    """Pages with filters, beyond the crawl's one of each."""
    w = world.w
    since = _days(-600).isoformat()
    return [
        (
            "federation:dashboard",
            f"/federation/?base={w.base_b.pk}&course={w.course_b.pk}"
            f"&skill_area=short_video&delivery_mode=online&category=visual"
            f"&date_from={since}",
            w.auditor,
        ),
        (
            "federation:base",
            f"/federation/bases/{w.base_a.pk}/?category=hearing",
            w.auditor,
        ),
        (
            "federation:audit",
            f"/federation/audit/?base={w.base_b.pk}&session={w.s4.pk}"
            f"&date_from={since}",
            w.admin,
        ),
    ]


def budget_pages(world) -> list[tuple]:
    return crawl.pages(world) + extra_pages(world)


def grow(world, n: int = 3) -> None:
    """More of everything the pages list, for the same people."""
    w = world.w
    now = timezone.now()
    trainee = w.trainee
    quiz_written = quiz_questions(world.quiz)[-1]
    client = ApiClient.objects.first()
    people = [UserFactory(name=f"新学员{i}") for i in range(n)]
    AccessNeeds.objects.bulk_create(
        AccessNeeds(user=person, visual=True, hearing=True, consent_given_at=now)
        for person in people
    )
    for i, person in enumerate(people):
        # The running session S4: roster, attendance, marking, audit.
        running = Enrolment.objects.create(
            trainee=person, session=w.s4, status=Status.ENROLLED, status_changed_at=now
        )
        audit_record(actor=w.admin, action="enrolment.create", obj=running)
        lesson_completion_record(enrolment=running, lesson=world.lesson, actor=person)
        Attendance.objects.create(
            enrolment=running, day=_days(-1), status="present", recorded_by=w.admin
        )
        attempt = quiz_services.attempt_start(
            enrolment=running, quiz=world.quiz, actor=person
        )
        quiz_services.answer_save(
            attempt=attempt, question_id=quiz_written.id, text=f"计划{i}"
        )
        quiz_services.attempt_submit(attempt=attempt, actor=person)
        # The finished session S1: completions, certificates, follow-ups.
        done = Enrolment.objects.create(
            trainee=person,
            session=w.s1,
            status=Status.COMPLETED,
            status_changed_at=now,
            completed_at=now,
        )
        Certificate.objects.create(
            enrolment=done,
            code=f"GROW{done.pk:08d}",
            issued_at=now,
            trainee_name=person.name,
            course_title=w.s1.course.title,
            base_name=w.s1.base.name,
        )
        Outcome.objects.create(
            enrolment=done,
            follow_up=3,
            status="employed",
            recorded_on=_days(-300),
            recorded_by=w.recorder,
        )
        # Careers: a business with checks, a placement.
        business = IncubatedBusiness.objects.create(
            name=f"新企业{i}",
            base=w.base_a,
            registered_on=_days(-400),
            sector=world.business.sector,
            jobs_created=1,
        )
        business.founders.add(person, trainee)
        BusinessCheck.objects.create(
            business=business,
            months=6,
            checked_on=_days(-200),
            operating=True,
            recorded_by=w.manager,
        )
        Placement.objects.create(
            client=client,
            external_id=f"P-grow-{i}",
            user=person,
            employer=f"雇主{i}",
            job_title="客服",
            start_date=_days(-10),
            received_at=now,
        )
        BarrierReport.objects.create(page_url="/zh-hans/", what_happened=f"问题{i}")
        ReportingPeriod.objects.create(
            name=f"旧时期{i}",
            starts_on=_days(-2000 + 100 * i),
            ends_on=_days(-1950 + 100 * i),
        )
        # The trainee: another course and session, with a meeting, a lesson
        # done and a certificate; the recorder teaches it.
        course = course_factories.course(
            course_factories.base_section(w.base_a), title=f"新课程{i}"
        )
        lesson = course_factories.lesson(course, title=f"新课{i}")
        session = training_factories.session(
            course=course, base=w.base_a, name=f"新班{i}", starts_on=_days(-5 - i)
        )
        session.instructors.add(w.recorder)
        Meeting.objects.create(
            session=session,
            day=_days(3 + i),
            starts_at=datetime.time(9),
            ends_at=datetime.time(11),
            room=f"教室{i}",
        )
        mine = Enrolment.objects.create(
            trainee=trainee,
            session=session,
            status=Status.ENROLLED,
            status_changed_at=now,
        )
        lesson_completion_record(enrolment=mine, lesson=lesson, actor=trainee)
        for other in (person, world.pinyin):
            Enrolment.objects.create(
                trainee=other,
                session=session,
                status=Status.ENROLLED,
                status_changed_at=now,
            )
    data = {**notices.session_data(w.s4), "reason": "场地维修", "due_count": 2}
    for _ in range(n):
        for kind in (
            notices.ENROLLED,
            notices.SESSION_CHANGED,
            notices.SESSION_CANCELLED,
        ):
            notify(trainee, kind, data)
        notify(w.recorder, notices.FOLLOWUP_DUE, {**data, "session_id": w.s1.pk})


def _key(name: str, path: str, user) -> str:
    return f"{name} {path} ({getattr(user, 'pk', 'anonymous')})"


def _measure(world, pages) -> dict[str, tuple]:
    """Per page: status, queries of the second request, their SQL, the
    length of the page, and the queries of the first request with an empty
    cache, with their SQL."""
    client = Client()
    found = {}
    for name, path, user in pages:
        if path is None:
            continue
        cache.clear()
        with translation.override(LANGUAGE):
            url = crawl.prepare(client, world, path, LANGUAGE, user)
            with CaptureQueriesContext(connection) as first:
                client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        found[_key(name, path, user)] = (
            response.status_code,
            len(queries),
            [query["sql"] for query in queries.captured_queries],
            len(response.content),
            len(first),
            [query["sql"] for query in first.captured_queries],
        )
    translation.deactivate()
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """(small, large, page names by key): the counts in the mixed world and
    after grow(), measured once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        world = crawl.build()
        pages = budget_pages(world)
        small = _measure(world, pages)
        grow(world)
        large = _measure(world, pages)
        names = {_key(*page): page[0] for page in pages if page[1] is not None}
        transaction.set_rollback(True)
    cache.clear()
    return small, large, names


def _problems(measured, name: str) -> list[str]:
    small, large, names = measured
    problems = []
    for key in (key for key, page_name in names.items() if page_name == name):
        status, count, _sql, _length, first, _first_sql = small[key]
        large_status, large_count, large_sql, _length, large_first, first_sql = large[
            key
        ]
        if status != 200 or large_status != 200:
            problems.append(f"{key}: answers {status} / {large_status}")
        elif count > BUDGET or large_count != count:
            problems.append(
                f"{key}: {count} queries, {large_count} with more data\n    "
                + "\n    ".join(large_sql)
            )
        elif max(first, large_first) > BUDGET:
            problems.append(
                f"{key}: {first} queries with an empty cache, {large_first} with"
                " more data\n    " + "\n    ".join(first_sql)
            )
    return problems


def _names() -> list:
    """Every page name: our named URLs not excluded, allauth's pages drawn
    with our templates, and the Wagtail page types; known at collection."""
    names = {
        name
        for name in crawl.our_url_names() - set(crawl.EXCLUDED)
        if name.partition(":")[0] not in crawl.EXCLUDED_NAMESPACES
    }
    names |= set(crawl.ACCOUNT_PAGES) | crawl.our_page_types()
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason=PENDING[name]),
        )
        if name in PENDING
        else name
        for name in sorted(names)
    ]


@pytest.mark.parametrize("name", _names())
def test_page_within_budget_at_any_size(measured, name):
    """Each request of the page (as each person, each variant listed) runs
    at most BUDGET queries, the same number with more data."""
    assert name in measured[2].values(), "the page is measured"
    problems = _problems(measured, name)
    assert problems == [], "\n" + "\n".join(problems)


def test_every_page_is_measured_or_excluded(measured):
    """A new page fails here until it is listed in tests/crawl.py pages() or
    excluded there with a reason."""
    listed = set(measured[2].values())
    missing = {
        name
        for name in crawl.our_url_names() - listed - set(crawl.EXCLUDED)
        if name.partition(":")[0] not in crawl.EXCLUDED_NAMESPACES
    }
    assert missing == set(), "measure each new page or exclude it"
    assert crawl.our_page_types() - listed == set()
    assert set(PENDING) <= listed


# Pages that list what grow() adds, by the start of their key: for each, the
# page as someone grow() added to is longer in the grown world, or comparing
# its counts would prove nothing.
GROWING = [
    "my_learning /learning/",
    "messages /messages/",
    "teach:sessions",
    "teach:roster",
    "teach:attendance",
    "teach:followups",
    "quiz_marking",
    "businesses:list",
    "placements:list",
    "federation:audit /federation/audit/ ",
    "federation:reconciliation_index",
]


def test_the_grown_world_shows_more(measured):
    small, large, _names = measured
    same = [
        part
        for part in GROWING
        if not any(
            large[key][3] > small[key][3] for key in small if key.startswith(part)
        )
    ]
    assert same == [], "these pages should list what grow() added"
