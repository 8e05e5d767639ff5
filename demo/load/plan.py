"""Planning the load data in memory, from one seeded random generator:
courses, sessions, enrolments and how many lessons each works through."""

import datetime
from dataclasses import dataclass

from courses.models import (
    DeliveryMode,
    SkillArea,
)
from demo.load.size import MAX_LESSONS, PROGRESS_DOES_NOT_FIT, LoadSize
from demo.random_data import weighted
from training.models import (
    Enrolment,
    TrainingSession,
)

Status = Enrolment.Status
SessionStatus = TrainingSession.Status


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


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
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
class CoursePlan:
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
class SessionPlan:
    number: int
    base: int
    course: CoursePlan
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    mode: str
    capacity: int = 1
    pk: int = 0


@dataclass
class EnrolmentPlan:
    session: SessionPlan
    trainee: int
    status: str
    share: float  # of the course's lessons worked through
    lessons: int = 0


def plan_courses(rng, bases: int, per_base: int) -> list[CoursePlan]:
    courses = []
    skills = list(SkillArea)
    for base in range(bases):
        for slot, skill in enumerate(rng.sample(skills, k=min(per_base, len(skills)))):
            zh, en = COURSE_NAMES[skill]
            level_zh, level_en = LEVELS[slot % len(LEVELS)]
            courses.append(
                CoursePlan(
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


def plan_sessions(rng, size: LoadSize, courses: list[CoursePlan], today):
    by_base: dict[int, list[CoursePlan]] = {}
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
            SessionPlan(number + 1, base, course, starts, ends, status.value, mode)
        )
    return sessions


def plan_enrolments(rng, size: LoadSize, sessions: list[SessionPlan], today):
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
            enrolments.append(EnrolmentPlan(session, trainee, status.value, share))
    return enrolments


def plan_lessons(rng, courses, enrolments, progress: int) -> None:
    """Choose how many lessons each course has so that the trainees' work
    adds up to `progress` rows, then settle each enrolment's count exactly:
    rounding is evened out on trainees part-way through, so completions keep
    every lesson (unless nothing else fits)."""
    working = [e for e in enrolments if e.share > 0]
    partial = [e for e in working if e.status != Status.COMPLETED]
    rng.shuffle(partial)
    complete = [e for e in working if e.status == Status.COMPLETED]

    def lessons(course: CoursePlan, scale: int) -> int:
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
