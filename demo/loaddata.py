"""Synthetic learner records at federation scale, for `manage.py
generate_load_data` and the dashboard benchmark (bench/dashboard.py).

Everything is planned in memory from one seeded random generator, then
written in one transaction: small tables with `bulk_create`, the big ones
(trainees, enrolments, certificates, outcomes, lesson progress) with explicit
ids through the fastest bulk path the database has (COPY on PostgreSQL,
`executemany` on SQLite). Course pages are built once per run with the Wagtail
page API.

What it creates is marked so it can be found and removed again: trainees and
staff have `@load.example.org` addresses, courses have slugs starting
`load-`, and their titles say they are load-test data. Running the generator
again removes the previous load data first and never touches anything else.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DisabilityCategory,
    FunctionalNeed,
    StaffRole,
    TrainingBase,
    User,
)
from core.dates import add_months
from courses.models import (
    CourseIndexPage,
    CoursePage,
    DeliveryMode,
    LessonPage,
    SkillArea,
    TrainingBasePage,
)
from demo.people import BASES, training_base
from demo.random_data import NEEDS_BY_CATEGORY, person_name, weighted
from demo.site import seed_site
from home.models import HomePage
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
from training.services.progress import CODE_ALPHABET, CODE_LENGTH

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

Status = Enrolment.Status
SessionStatus = TrainingSession.Status


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


def _load_sessions():
    return TrainingSession.objects.filter(course__slug__startswith=COURSE_SLUG_PREFIX)


def _load_users():
    return User.objects.filter(email__endswith=f"@{LOAD_DOMAIN}")


def load_data_size() -> LoadSize:
    """What load data the database holds now (all zero when none)."""
    sessions = _load_sessions()
    return LoadSize(
        bases=sessions.values("base").distinct().count(),
        sessions=sessions.count(),
        trainees=_load_users().filter(staff_roles__isnull=True).count(),
        enrolments=Enrolment.objects.filter(session__in=sessions).count(),
        progress=LessonProgress.objects.filter(enrolment__session__in=sessions).count(),
    )


def other_enrolments_count() -> int:
    """Enrolments that are not load data: a sign of a real database."""
    return Enrolment.objects.exclude(session__in=_load_sessions()).count()


# --------------------------------------------------------------------------
# Writing rows fast


class _Writer:
    """Inserts rows with explicit ids: COPY on PostgreSQL, executemany on
    other databases. Columns not given take the field's default."""

    batch_size = 20_000

    def __init__(self) -> None:
        self.models: list[type[models.Model]] = []

    def next_id(self, model: type[models.Model]) -> int:
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(
        self, model: type[models.Model], names: list[str], rows: Iterable[tuple]
    ) -> int:
        opts = model._meta
        given = [opts.get_field(name) for name in names]
        rest = [
            f
            for f in opts.concrete_fields
            if f not in given and not isinstance(f, models.fields.AutoFieldMixin)
        ]
        extra = []
        for field in rest:
            if field.has_default():
                extra.append(field.get_db_prep_save(field.get_default(), connection))
            elif field.null:
                extra.append(None)
            elif field.blank and isinstance(field, models.CharField | models.TextField):
                extra.append("")
            else:
                raise ValueError(f"{opts.label}.{field.name} needs a value")
        extra = tuple(extra)
        columns = ", ".join(
            connection.ops.quote_name(f.column) for f in [*given, *rest]
        )
        table = connection.ops.quote_name(opts.db_table)
        full_rows = (row + extra for row in rows) if extra else iter(rows)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in full_rows:
                        copy.write_row(row)
                        count += 1
            else:
                marks = ", ".join(["%s"] * (len(given) + len(rest)))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from model meta
                for batch in _batches(full_rows, self.batch_size):
                    cursor.executemany(sql, batch)
                    count += len(batch)
        if opts.pk in given and model not in self.models:
            self.models.append(model)
        return count

    def reset_sequences(self) -> None:
        """PostgreSQL's id sequences skip past the ids written here."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _delete_where_in(model: type[models.Model], column: str, subquery) -> int:
    """One DELETE with a subquery: no rows fetched into Python."""
    sql, params = subquery.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {connection.ops.quote_name(column)} IN ({sql})",  # noqa: S608 - names from model meta
            params,
        )
        return cursor.rowcount


def load_data_delete(
    *, courses: bool = True, log: Callable[[str], None] = lambda message: None
) -> None:
    """Remove what an earlier run created, and nothing else. `courses=False`
    keeps the course pages for the next run to reuse."""
    started = time.monotonic()
    sessions = _load_sessions().values("pk")
    enrolments = Enrolment.objects.filter(session__in=sessions).values("pk")
    attempts = QuizAttempt.objects.filter(enrolment__in=enrolments).values("pk")
    _delete_where_in(QuizAnswer, "attempt_id", attempts)
    for model in (LessonProgress, Outcome, Certificate, Attendance, QuizAttempt):
        _delete_where_in(model, "enrolment_id", enrolments)
    _delete_where_in(Enrolment, "session_id", sessions)
    through = TrainingSession.instructors.through
    _delete_where_in(through, "trainingsession_id", sessions)
    removed = _delete_where_in(TrainingSession, "id", sessions)
    if courses:
        for course in CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX):
            course.delete()
    _users_delete(_load_users().values("pk"))
    if removed:
        log(
            f"Removed the earlier load data ({removed} sessions) "
            f"({time.monotonic() - started:.1f} s)"
        )


def _users_delete(users) -> None:
    """Delete users in bulk as the ORM would, one level deep (cascade, set
    null; many-to-many rows too, through their hidden relations), with one
    statement per relation. PROTECT and DO_NOTHING relations are left for the
    database to refuse: a user that real records point at is not deleted."""
    relations = [
        f
        for f in User._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    ]
    with connection.cursor() as cursor:
        for relation in relations:
            model, column = relation.related_model, relation.field.column
            if relation.on_delete is models.CASCADE:
                _delete_where_in(model, column, users)
            elif relation.on_delete is models.SET_NULL:
                sql, params = users.query.sql_with_params()
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(column)
                cursor.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE {column} IN ({sql})",  # noqa: S608 - names from model meta
                    params,
                )
    _delete_where_in(User, "id", users)


# --------------------------------------------------------------------------
# Planning (pure Python, from the seed)

COURSE_NAMES = {
    SkillArea.LIVESTREAM_ECOMMERCE: ("电商直播", "Livestream selling"),
    SkillArea.SHORT_VIDEO: ("短视频制作", "Short-video production"),
    SkillArea.ONLINE_MARKETING: ("网店选品与营销", "Online shop marketing"),
    SkillArea.WEB_MAINTENANCE: ("网站维护", "Website maintenance"),
    SkillArea.PRODUCT_INSPECTION: ("产品质检", "Product inspection"),
    SkillArea.CUSTOMER_SERVICE: ("在线客服", "Online customer service"),
    SkillArea.BUSINESS_STARTUP: ("创业基础", "Starting a business"),
}
LEVELS = [("入门", "basics"), ("进阶", "next steps"), ("实战", "in practice")]
LOAD_MARK = ("（负载测试）", " (load test)")

# People with disabilities in China by main category, roughly.
CATEGORY_WEIGHTS = {
    "physical": 30,
    "hearing": 20,
    "visual": 15,
    "intellectual": 14,
    "psychosocial": 13,
    "speech": 8,
}
OUTCOME_WEIGHTS = {
    3: {"employed": 30, "self_employed": 9, "further_training": 14},
    6: {"employed": 38, "self_employed": 12, "further_training": 11},
    12: {"employed": 45, "self_employed": 16, "further_training": 8},
}
OUTCOME_REST = {"seeking_work": 0.75, "unknown": 0.25}
ENROLMENT_WEIGHTS = {
    SessionStatus.PLANNED: {
        Status.ENROLLED: 68,
        Status.OFFERED: 5,
        Status.APPLIED: 9,
        Status.WAITLISTED: 10,
        Status.WITHDRAWN: 8,
    },
    SessionStatus.RUNNING: {
        Status.ENROLLED: 86,
        Status.WITHDRAWN: 8,
        Status.WAITLISTED: 6,
    },
    SessionStatus.FINISHED: {
        Status.COMPLETED: 66,
        Status.NOT_COMPLETED: 18,
        Status.WITHDRAWN: 12,
        Status.WAITLISTED: 4,
    },
    SessionStatus.CANCELLED: {Status.WITHDRAWN: 100},
}
# Statuses that took a place: never more of them than the session's places.
PLACE_TAKING = (Status.ENROLLED, Status.OFFERED, Status.COMPLETED, Status.NOT_COMPLETED)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """Naive UTC, as both backends store it (the connection runs in UTC)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def _spread(total: int, weights: list[float], cap: int) -> list[int]:
    """`total` split in proportion to `weights`, none above `cap`, exactly."""
    counts = [0] * len(weights)
    left, open_ = total, list(range(len(weights)))
    while left and open_:
        weight = sum(weights[i] for i in open_)
        shares = {i: left * weights[i] / weight for i in open_}
        for i in open_:
            counts[i] += min(int(shares[i]), cap - counts[i])
        left = total - sum(counts)
        order = sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in order:
            if not left:
                break
            if counts[i] < cap:
                counts[i] += 1
                left -= 1
        open_ = [i for i in open_ if counts[i] < cap]
    return counts


@dataclass
class _Course:
    base: int
    slot: int
    skill: str
    mode: str
    title: str
    title_en: str
    stretch: float
    lessons: int = 0
    page_id: int = 0
    lesson_ids: tuple[int, ...] = ()


@dataclass
class _Session:
    number: int
    base: int
    course: _Course
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    mode: str
    capacity: int = 1
    pk: int = 0


@dataclass
class _Enrolment:
    session: _Session
    trainee: int
    status: str
    share: float  # of the course's lessons worked through
    lessons: int = 0


def _plan_courses(rng, bases: int, per_base: int) -> list[_Course]:
    courses = []
    skills = list(SkillArea)
    for base in range(bases):
        for slot, skill in enumerate(rng.sample(skills, k=min(per_base, len(skills)))):
            zh, en = COURSE_NAMES[skill]
            level_zh, level_en = LEVELS[slot % len(LEVELS)]
            courses.append(
                _Course(
                    base=base,
                    slot=slot,
                    skill=skill.value,
                    mode=weighted(
                        rng,
                        {
                            DeliveryMode.ONLINE: 35,
                            DeliveryMode.BLENDED: 40,
                            DeliveryMode.ON_SITE: 25,
                        },
                    ).value,
                    title=f"{zh}{level_zh}{LOAD_MARK[0]}",
                    title_en=f"{en}: {level_en}{LOAD_MARK[1]}",
                    stretch=rng.uniform(0.75, 1.25),
                )
            )
    return courses


def _plan_sessions(rng, size: LoadSize, courses: list[_Course], today):
    by_base: dict[int, list[_Course]] = {}
    for course in courses:
        by_base.setdefault(course.base, []).append(course)
    base_weights = [rng.uniform(0.5, 1.5) for _ in range(size.bases)]
    sessions = []
    earliest = today - datetime.timedelta(days=3 * 365)
    for number in range(size.sessions):
        # Every base runs at least one session; the rest go by base size.
        if number < size.bases:
            base = number
        else:
            base = rng.choices(range(size.bases), weights=base_weights)[0]
        course = rng.choice(by_base[base])
        starts = earliest + datetime.timedelta(days=rng.randint(0, 3 * 365 + 120))
        ends = starts + datetime.timedelta(weeks=rng.choice([4, 6, 8, 10, 12, 16]))
        if rng.random() < 0.03:
            status = SessionStatus.CANCELLED
        elif ends < today:
            status = SessionStatus.FINISHED
        elif starts <= today:
            status = SessionStatus.RUNNING
        else:
            status = SessionStatus.PLANNED
        mode = course.mode if rng.random() < 0.85 else rng.choice(DeliveryMode.values)
        sessions.append(
            _Session(number + 1, base, course, starts, ends, status.value, mode)
        )
    return sessions


def _plan_enrolments(rng, size: LoadSize, sessions: list[_Session], today):
    counts = _spread(
        size.enrolments,
        [rng.uniform(0.4, 1.6) for _ in sessions],
        cap=size.trainees,
    )
    enrolments = []
    for session, count in zip(sessions, counts, strict=True):
        weights = ENROLMENT_WEIGHTS[session.status]
        statuses = [weighted(rng, weights) for _ in range(count)]
        taking = sum(s in PLACE_TAKING for s in statuses)
        # Popular sessions fill up and keep a waiting list; others have room.
        session.capacity = max(1, round(taking * rng.uniform(0.85, 1.3)))
        seats = session.capacity
        elapsed = 1.0
        if session.status == SessionStatus.RUNNING:
            length = (session.ends_on - session.starts_on).days or 1
            elapsed = max(0.05, (today - session.starts_on).days / length)
        trainees = rng.sample(range(size.trainees), count)
        for trainee, status in zip(trainees, statuses, strict=True):
            if status in PLACE_TAKING:
                if seats == 0:
                    status = Status.WAITLISTED
                else:
                    seats -= 1
            if status == Status.COMPLETED:
                share = 1.0
            elif status == Status.NOT_COMPLETED:
                share = rng.uniform(0.2, 0.9)
            elif status == Status.ENROLLED and session.status == SessionStatus.RUNNING:
                share = elapsed * rng.uniform(0.5, 1.0)
            elif status == Status.WITHDRAWN and session.status in (
                SessionStatus.RUNNING,
                SessionStatus.FINISHED,
            ):
                share = rng.uniform(0.0, 0.4)
            else:
                share = 0.0
            enrolments.append(_Enrolment(session, trainee, status.value, share))
    return enrolments


def _plan_lessons(rng, courses, enrolments, progress: int) -> None:
    """Choose how many lessons each course has so that the trainees' work
    adds up to `progress` rows, then settle each enrolment's count exactly:
    rounding is evened out on trainees part-way through, so completions keep
    every lesson (unless nothing else fits)."""
    working = [e for e in enrolments if e.share > 0]
    partial = [e for e in working if e.status != Status.COMPLETED]
    rng.shuffle(partial)
    complete = [e for e in working if e.status == Status.COMPLETED]

    def lessons(course: _Course, scale: int) -> int:
        return max(1, round(scale * course.stretch))

    def total(scale: int) -> int:
        return sum(round(e.share * lessons(e.session.course, scale)) for e in working)

    def settle(scale: int, groups) -> bool:
        for course in courses:
            course.lessons = lessons(course, scale)
        for enrolment in working:
            count = enrolment.session.course.lessons
            enrolment.lessons = min(count, round(enrolment.share * count))
        left = progress - sum(e.lessons for e in working)
        for group in groups:
            while left:
                step = 1 if left > 0 else -1
                moved = False
                for enrolment in group:
                    if not left:
                        break
                    new = enrolment.lessons + step
                    if 0 <= new <= enrolment.session.course.lessons:
                        enrolment.lessons = new
                        left -= step
                        moved = True
                if not moved:
                    break
        return left == 0

    scale = 1
    if working and progress:
        if total(MAX_LESSONS) < progress:
            raise ValueError(PROGRESS_DOES_NOT_FIT)
        high = 1
        while total(high) < progress:
            high *= 2
        low = max(1, high // 2)
        while low < high:
            middle = (low + high) // 2
            if total(middle) < progress:
                low = middle + 1
            else:
                high = middle
        scale = low
    for groups in ((partial,), (partial, complete)):
        for candidate in (scale, scale - 1, scale + 1):
            if candidate >= 1 and settle(candidate, groups):
                return
    raise ValueError(PROGRESS_DOES_NOT_FIT)


# --------------------------------------------------------------------------
# Writing


def _bases(count: int) -> list[TrainingBase]:
    """The demo bases (found by name, or created as the demo would), then
    more when more are asked for."""
    bases = []
    for index in range(count):
        if index < len(BASES):
            name, name_en, district, district_en, address = BASES[index]
        else:
            name = f"（负载测试）培训基地 {index + 1:02d}"
            name_en = f"(Load test) Training Base {index + 1:02d}"
            district, district_en = "渝中区", "Yuzhong District"
            address = f"渝中区测试路 {index + 1} 号"
        bases.append(
            training_base(
                number=index + 1,
                name=name,
                name_en=name_en,
                district=district,
                district_en=district_en,
                address=address,
            )
        )
    return bases


def _catalogue() -> CourseIndexPage:
    home = HomePage.objects.filter(locale__language_code="zh-hans").first()
    if home is None:
        home = seed_site()
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CourseIndexPage(title="课程", slug="courses", locale=home.locale)
        )
    return catalogue


def _section(catalogue: CourseIndexPage, base: TrainingBase) -> TrainingBasePage:
    section = TrainingBasePage.objects.child_of(catalogue).filter(base=base).first()
    if section is None:
        catalogue = CourseIndexPage.objects.get(pk=catalogue.pk)
        section = catalogue.add_child(
            instance=TrainingBasePage(
                title=base.name,
                slug=f"base-{base.pk}",
                base=base,
                locale=catalogue.locale,
            )
        )
    return section


def _course_slug(course: _Course, base: TrainingBase) -> str:
    return f"{COURSE_SLUG_PREFIX}{base.pk}-{course.slot + 1}"


def _write_courses(courses: list[_Course], bases: list[TrainingBase]) -> int:
    """Published pages, built with the page API; a page an earlier run built
    to the same plan is reused. No revisions or reference index: nobody edits
    load-test pages. Returns how many pages were built."""
    existing = {
        page.slug: page
        for page in CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX)
    }
    catalogue = _catalogue()
    sections = {}
    to_build = []
    with disable_reference_index_auto_update():
        for course in courses:
            base = bases[course.base]
            page = existing.pop(_course_slug(course, base), None)
            if page is not None:
                lesson_ids = list(
                    LessonPage.objects.child_of(page)
                    .order_by("path")
                    .values_list("pk", flat=True)
                )
                same = (
                    page.title == course.title
                    and page.base_id == base.pk
                    and page.skill_area == course.skill
                    and page.delivery_mode == course.mode
                    and len(lesson_ids) == course.lessons
                )
                if same:
                    course.page_id, course.lesson_ids = page.pk, tuple(lesson_ids)
                    continue
                page.delete()
            to_build.append(course)
        # Pages of an earlier plan go before anything new is added beside them.
        for page in existing.values():
            page.delete()
        for course in to_build:
            base = bases[course.base]
            if base.pk not in sections:
                sections[base.pk] = _section(catalogue, base)
            section = sections[base.pk]
            page = section.add_child(
                instance=CoursePage(
                    title=course.title,
                    slug=_course_slug(course, base),
                    locale=section.locale,
                    base=base,
                    summary=f"负载测试用的课程：{course.title}",
                    skill_area=course.skill,
                    delivery_mode=course.mode,
                    estimated_hours=2 * course.lessons,
                )
            )
            course.page_id = page.pk
            lesson_ids = []
            for number in range(course.lessons):
                lesson = page.add_child(
                    instance=LessonPage(
                        title=f"第{number + 1}课",
                        slug=f"lesson-{number + 1}",
                        locale=page.locale,
                        summary="负载测试用的课。",
                    )
                )
                lesson_ids.append(lesson.pk)
            course.lesson_ids = tuple(lesson_ids)
    return sum(1 + course.lessons for course in to_build)


def _staff(writer: _Writer, bases: list[TrainingBase], password: str) -> list[int]:
    """One instructor per base: they teach the sessions and record outcomes."""
    first = writer.next_id(User)
    now = timezone.now().replace(tzinfo=None, microsecond=0)
    writer.insert(
        User,
        ["id", "email", "name", "password", "home_base", "date_joined"],
        [
            (
                first + index,
                f"instructor{base.pk:03d}@{LOAD_DOMAIN}",
                f"教员（负载测试）{index + 1:02d}",
                password,
                base.pk,
                now,
            )
            for index, base in enumerate(bases)
        ],
    )
    StaffRole.objects.bulk_create(
        StaffRole(user_id=first + index, role=StaffRole.Role.INSTRUCTOR, base=base)
        for index, base in enumerate(bases)
    )
    return [first + index for index in range(len(bases))]


def _trainees(
    rng, writer: _Writer, size: LoadSize, bases, password, today
) -> tuple[int, list[str]]:
    """Returns the first trainee's id and every trainee's name."""
    first = writer.next_id(User)
    joined_from = today - datetime.timedelta(days=4 * 365)
    users, needs, consents = [], [], []
    for number in range(size.trainees):
        pk = first + number
        joined = _at(
            joined_from + datetime.timedelta(days=rng.randint(0, 4 * 365 - 30)),
            rng.randint(0, 23),
            rng.randint(0, 59),
        )
        name = person_name(rng)
        users.append(
            (
                pk,
                f"trainee{number + 1:06d}@{LOAD_DOMAIN}",
                name,
                password,
                bases[rng.randrange(len(bases))].pk,
                "zh-hans" if rng.random() < 0.9 else "en",
                joined,
            )
        )
        if rng.random() >= 0.7:
            continue  # about 30% share nothing
        category = weighted(rng, CATEGORY_WEIGHTS)
        categories = {category}
        if rng.random() < 0.1:
            categories |= {"multiple", rng.choice(["visual", "hearing", "physical"])}
        candidates = NEEDS_BY_CATEGORY[category]
        functional = set(rng.sample(candidates, k=min(len(candidates), 2)))
        consented = joined + datetime.timedelta(hours=1)
        needs.append(
            (
                pk,
                *(c.value in categories for c in DisabilityCategory),
                *(n.value in functional for n in FunctionalNeed),
                consented,
                consented,
            )
        )
        consents.append((pk, ConsentEvent.Kind.GIVEN.value, consented))
    writer.insert(
        User,
        [
            "id",
            "email",
            "name",
            "password",
            "home_base",
            "preferred_language",
            "date_joined",
        ],
        users,
    )
    writer.insert(
        AccessNeeds,
        [
            "user",
            *(c.value for c in DisabilityCategory),
            *(n.value for n in FunctionalNeed),
            "consent_given_at",
            "updated_at",
        ],
        needs,
    )
    writer.insert(ConsentEvent, ["user", "kind", "at"], consents)
    return first, [user[2] for user in users]


def _sessions(sessions: list[_Session], courses, bases, instructors) -> None:
    objects = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                course_id=s.course.page_id,
                base=bases[s.base],
                name=f"{s.course.title} · {s.starts_on:%Y-%m}（{s.number:04d}）",
                starts_on=s.starts_on,
                ends_on=s.ends_on,
                delivery_mode=s.mode,
                capacity=s.capacity,
                enrolment_open=s.status == SessionStatus.PLANNED,
                approval_required=s.number % 5 == 0,
                status=s.status,
            )
            for s in sessions
        ],
        batch_size=500,
    )
    for plan, session in zip(sessions, objects, strict=True):
        plan.pk = session.pk
    through = TrainingSession.instructors.through
    through.objects.bulk_create(
        [
            through(trainingsession_id=s.pk, user_id=instructors[s.base])
            for s in sessions
        ],
        batch_size=2000,
    )


def _learner_records(
    rng, writer: _Writer, enrolments, first_trainee, bases, instructors, names, today
) -> dict[str, int]:
    now = _at(today, 0)
    first = writer.next_id(Enrolment)
    rows, certificates, outcomes, progress = [], [], [], []
    codes: set[str] = set()
    progress_id = writer.next_id(LessonProgress)
    for number, e in enumerate(enrolments):
        pk = first + number
        session = e.session
        starts, ends = session.starts_on, session.ends_on
        created = _at(
            min(starts - datetime.timedelta(days=rng.randint(7, 60)), today),
            rng.randint(8, 20),
            rng.randint(0, 59),
        )
        created = min(created, now - datetime.timedelta(hours=1))
        completed = None
        result = ""
        if e.status == Status.COMPLETED:
            completed = _at(ends - datetime.timedelta(days=rng.randint(0, 14)), 16)
            completed = max(completed, _at(starts, 17))
            changed = completed
            result = Enrolment.Result.PASSED.value
        elif e.status == Status.NOT_COMPLETED:
            changed = _at(ends, 18)
            result = Enrolment.Result.NOT_PASSED.value
        elif e.status == Status.WITHDRAWN:
            last = min(ends, today)
            span = max(0, (last - created.date()).days)
            changed = created + datetime.timedelta(days=rng.randint(0, span))
            changed = min(changed, now)
        else:
            changed = created
        assisted = rng.random() < 0.15
        rows.append(
            (
                pk,
                first_trainee + e.trainee,
                session.pk,
                e.status,
                instructors[session.base] if assisted else None,
                created,
                changed,
                completed,
                result,
            )
        )
        if e.lessons:
            yesterday = today - datetime.timedelta(days=1)
            last_day = completed.date() if completed else min(ends, yesterday)
            days = max(0, (last_day - starts).days)
            lessons = session.course.lesson_ids
            for position in range(e.lessons):
                day = starts + datetime.timedelta(
                    days=days * position // max(1, len(lessons))
                )
                opened = _at(day, rng.randint(8, 20), rng.randint(0, 59))
                done = opened + datetime.timedelta(minutes=rng.randint(10, 90))
                if completed is not None:
                    done = min(done, completed)
                    opened = min(opened, done)
                if (
                    position == e.lessons - 1
                    and e.status != Status.COMPLETED
                    and rng.random() < 0.3
                ):
                    done = None  # opened, not finished yet
                progress.append((progress_id, pk, lessons[position], opened, done))
                progress_id += 1
        if e.status != Status.COMPLETED:
            continue
        code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
        while code in codes:
            code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
        codes.add(code)
        base = bases[session.base]
        certificates.append(
            (
                pk,
                code,
                completed,
                names[e.trainee],
                session.course.title,
                session.course.title_en,
                base.name,
                base.name_en,
            )
        )
        for months in (3, 6, 12):
            due = add_months(ends, months)
            if due > today:
                break
            if rng.random() < 0.1:
                continue  # the follow-up call was missed
            weights = dict(OUTCOME_WEIGHTS[months])
            rest = 100 - sum(weights.values())
            weights |= {status: rest * part for status, part in OUTCOME_REST.items()}
            outcomes.append(
                (
                    pk,
                    months,
                    weighted(rng, weights),
                    min(due + datetime.timedelta(days=rng.randint(0, 21)), today),
                    instructors[session.base],
                )
            )
    counts = {}
    counts["enrolments"] = writer.insert(
        Enrolment,
        [
            "id",
            "trainee",
            "session",
            "status",
            "enrolled_by",
            "created_at",
            "status_changed_at",
            "completed_at",
            "final_result",
        ],
        rows,
    )
    counts["certificates"] = writer.insert(
        Certificate,
        [
            "enrolment",
            "code",
            "issued_at",
            "trainee_name",
            "course_title",
            "course_title_en",
            "base_name",
            "base_name_en",
        ],
        certificates,
    )
    counts["outcomes"] = writer.insert(
        Outcome,
        ["enrolment", "follow_up", "status", "recorded_on", "recorded_by"],
        outcomes,
    )
    counts["progress"] = writer.insert(
        LessonProgress,
        ["id", "enrolment", "lesson", "first_opened_at", "completed_at"],
        progress,
    )
    return counts


@transaction.atomic
def load_data_generate(
    *,
    size: LoadSize,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    courses_per_base: int = 3,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Replace any earlier load data with a new set of exactly `size`.
    The same seed and day give the same data. Returns the counts written."""
    load_size_check(size)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not security
    started = time.monotonic()
    step = [started]

    def done(message: str) -> None:
        now = time.monotonic()
        log(f"{message} ({now - step[0]:.1f} s)")
        step[0] = now

    load_data_delete(courses=False, log=log)
    step[0] = time.monotonic()
    bases = _bases(size.bases)
    courses = _plan_courses(rng, len(bases), courses_per_base)
    sessions = _plan_sessions(rng, size, courses, today)
    enrolments = _plan_enrolments(rng, size, sessions, today)
    _plan_lessons(rng, courses, enrolments, size.progress)
    done(
        f"Planned {len(sessions)} sessions and {len(enrolments)} enrolments "
        f"at {len(bases)} bases"
    )
    built = _write_courses(courses, bases)
    done(
        f"Course pages: {len(courses)} with {sum(c.lessons for c in courses)} "
        f"lessons ({built} pages built, the rest reused)"
    )
    writer = _Writer()
    password = make_password(None)  # unusable: nobody signs in as them
    instructors = _staff(writer, bases, password)
    _sessions(sessions, courses, bases, instructors)
    done(f"Wrote {len(sessions)} sessions")
    first_trainee, names = _trainees(rng, writer, size, bases, password, today)
    done(f"Wrote {size.trainees} trainees with their access needs")
    counts = _learner_records(
        rng, writer, enrolments, first_trainee, bases, instructors, names, today
    )
    writer.reset_sequences()
    done(
        "Wrote {enrolments} enrolments, {certificates} certificates, "
        "{outcomes} outcomes and {progress} lesson progress rows".format(**counts)
    )
    # Fresh planner statistics, so the first report is planned for this size.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done("Analysed the tables")
    log(f"Load data ready in {time.monotonic() - started:.1f} s")
    return {"sessions": len(sessions), "trainees": size.trainees, **counts}
