"""Writing the plan: staff, trainees with their access needs, sessions and
the learner records (enrolments, progress, certificates, outcomes)."""

import datetime

from django.utils import timezone

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
from demo.load.plan import (
    CATEGORY_WEIGHTS,
    OUTCOME_REST,
    OUTCOME_WEIGHTS,
    SessionPlan,
    at,
)
from demo.load.rows import Writer
from demo.load.size import LOAD_DOMAIN, LoadSize
from demo.random_data import NEEDS_BY_CATEGORY, person_name, weighted
from training.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    TrainingSession,
)
from training.selectors.certificates import CODE_ALPHABET, CODE_LENGTH

Status = Enrolment.Status


def write_staff(writer: Writer, bases: list[TrainingBase], password: str) -> list[int]:
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


def write_trainees(
    rng, writer: Writer, size: LoadSize, bases, password, today
) -> tuple[int, list[str]]:
    """Returns the first trainee's id and every trainee's name."""
    first = writer.next_id(User)
    joined_from = today - datetime.timedelta(days=4 * 365)
    users, needs, consents = [], [], []
    for number in range(size.trainees):
        pk = first + number
        joined = at(
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


def write_sessions(sessions: list[SessionPlan], courses, bases, instructors) -> None:
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
                enrolment_open=s.status == TrainingSession.Status.PLANNED,
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


def write_learner_records(
    rng, writer: Writer, enrolments, first_trainee, bases, instructors, names, today
) -> dict[str, int]:
    now = at(today, 0)
    first = writer.next_id(Enrolment)
    rows, certificates, outcomes, progress = [], [], [], []
    codes: set[str] = set()
    progress_id = writer.next_id(LessonProgress)
    for number, e in enumerate(enrolments):
        pk = first + number
        session = e.session
        starts, ends = session.starts_on, session.ends_on
        created = at(
            min(starts - datetime.timedelta(days=rng.randint(7, 60)), today),
            rng.randint(8, 20),
            rng.randint(0, 59),
        )
        created = min(created, now - datetime.timedelta(hours=1))
        completed = None
        result = ""
        if e.status == Status.COMPLETED:
            completed = at(ends - datetime.timedelta(days=rng.randint(0, 14)), 16)
            completed = max(completed, at(starts, 17))
            changed = completed
            result = Enrolment.Result.PASSED.value
        elif e.status == Status.NOT_COMPLETED:
            changed = at(ends, 18)
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
                opened = at(day, rng.randint(8, 20), rng.randint(0, 59))
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
