"""A small, fixed set of training records whose federation figures were
worked out by hand (see EXPECTED), relative to today so they never go stale.

Sessions:
- S1 at base A (course A, on site): ended 400 days ago, so the 3, 6 and
  12-month follow-ups are all due. 10 enrolments: 7 completed (c1–c7; 6 with a
  certificate), 3 did not complete (n1–n3); also a withdrawal and a place on
  the waiting list, which are not enrolments.
- S2 at base B (course B, online): ended 50 days ago, no follow-up due yet.
  6 enrolments: 4 completed (d1–d4; 3 certified), 2 still enrolled (e1, e2).
- S3 at base A: cancelled, with 2 enrolments that must not count anywhere.
- S4 at base B (course B, online): running. 3 enrolments: c1 (who also took
  S1), f1, f2.
Outcomes of S1's completions: 3 months: c1–c4 employed, c5 self-employed,
c6 seeking work. 6 months: c1–c3 employed, c5 and c6 self-employed. 12 months:
c1, c2 employed, c5 self-employed, c3 unknown. n1 (did not complete) reported
self-employed at 6 months.
Access needs: c1–c6 hearing; d1–d4 visual, d1 also hearing; nobody else.
Staff: an instructor and a manager of base A, an auditor and a federation
admin, none of them enrolled (tests/federation/test_disclosure.py adds staff
places and shows they never count).

Raw figures (EXPECTED): in work and new businesses count people once per
course, by their latest outcome at that follow-up, among completions whose
follow-up is due: in work at 3 months c1–c5 = 5 of 7, at 6 months c1–c3,
c5, c6 = 5 of 7, at 12 months c1, c2, c5 = 3 of 7; new businesses c5 and c6
= 2 (n1 did not complete, so is not counted).

Published figures (PUBLISHED, federation.suppression: 0 stays 0, 1–4 is
"fewer than 5", anything else rounds to the nearest 5, half up; sessions are
exact; rates come from the published parts):
- All: 3 sessions; enrolments 19 → 20; trainees 18 → 20; ended 16 → 15;
  completions 11 → 10; certified 9 → 10; due 7 → 5; in work 5 → 5, 5 → 5,
  3 → fewer than 5; new businesses 2 → fewer than 5. Completion rate 10 of 15
  = 67%; certification rate 10 of 15 = 67%; in work at 3 and 6 months
  5 of 5 = 100%; at 12 months no rate ("–": a part is fewer than 5).
- Base A: enrolments 10 → 10, completions 7 → 5, certified 6 → 5,
  completion rate 5 of 10 = 50%.
- Base B: enrolments 9 → 10, completions 4 → fewer than 5, completion rate
  "–"."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from accounts.models import AccessNeeds, StaffRole
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from training.models import Certificate, Enrolment, Outcome, TrainingSession
from training.services.figures import figures_rebuild

Status = Enrolment.Status
Role = StaffRole.Role

EXPECTED = {
    "sessions": 3,
    "enrolments": 19,
    "trainees": 18,
    "ended": 16,
    "completions": 11,
    "completions_ended": 11,
    "certified": 9,
    "certified_ended": 9,
    "due_3": 7,
    "due_6": 7,
    "due_12": 7,
    "employed_3": 5,
    "employed_6": 5,
    "employed_12": 3,
    "businesses": 2,
}
EXPECTED_BASE_A = {
    "sessions": 1,
    "enrolments": 10,
    "trainees": 10,
    "ended": 10,
    "completions": 7,
    "completions_ended": 7,
    "certified": 6,
    "certified_ended": 6,
    "due_3": 7,
    "due_6": 7,
    "due_12": 7,
    "employed_3": 5,
    "employed_6": 5,
    "employed_12": 3,
    "businesses": 2,
}
EXPECTED_BASE_B = {
    "sessions": 2,
    "enrolments": 9,
    "trainees": 9,
    "ended": 6,
    "completions": 4,
    "completions_ended": 4,
    "certified": 3,
    "certified_ended": 3,
    "due_3": 0,
    "due_6": 0,
    "due_12": 0,
    "employed_3": 0,
    "employed_6": 0,
    "employed_12": 0,
    "businesses": 0,
}
PUBLISHED = {
    "sessions": 3,
    "enrolments": 20,
    "trainees": 20,
    "ended": 15,
    "completions": 10,
    "completions_ended": 10,
    "certified": 10,
    "certified_ended": 10,
    "due_3": 5,
    "due_6": 5,
    "due_12": 5,
    "employed_3": 5,
    "employed_6": 5,
    "employed_12": None,
    "businesses": None,
}


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _enrol(session, trainee, status, *, certificate=False):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=status,
        status_changed_at=now,
        completed_at=now if status == Status.COMPLETED else None,
    )
    if certificate:
        Certificate.objects.create(
            enrolment=enrolment,
            code=f"TEST{enrolment.pk:08d}",
            issued_at=now,
            trainee_name=trainee.name,
            course_title=session.course.title,
            base_name=session.base.name,
        )
    return enrolment


def build() -> SimpleNamespace:
    base_a = TrainingBaseFactory(name="甲基地", name_en="Base A")
    base_b = TrainingBaseFactory(name="乙基地", name_en="Base B")
    course_a = course_factories.course(
        course_factories.base_section(base_a),
        title="直播课程甲",
        skill_area="livestream_ecommerce",
    )
    course_b = course_factories.course(
        course_factories.base_section(base_b),
        title="短视频课程乙",
        skill_area="short_video",
    )

    def session(name, base, course, start, end, mode, status):
        return training_factories.session(
            name=name,
            base=base,
            course=course,
            starts_on=_days(start),
            ends_on=_days(end),
            delivery_mode=mode,
            status=status,
            capacity=30,
        )

    finished = TrainingSession.Status.FINISHED
    s1 = session("S1 甲", base_a, course_a, -500, -400, "on_site", finished)
    s2 = session("S2 乙", base_b, course_b, -100, -50, "online", finished)
    s3 = session("S3 取消", base_a, course_a, -90, -60, "on_site", "cancelled")
    s4 = session("S4 进行中", base_b, course_b, -10, 30, "online", "running")

    people = {
        name: UserFactory(name=f"学员{name}")
        for name in (
            *(f"c{i}" for i in range(1, 8)),
            "n1",
            "n2",
            "n3",
            "w1",
            "w2",
            *(f"d{i}" for i in range(1, 5)),
            "e1",
            "e2",
            "x1",
            "x2",
            "f1",
            "f2",
        )
    }
    enrolments = {}
    for i in range(1, 8):
        enrolments[f"c{i}"] = _enrol(
            s1, people[f"c{i}"], Status.COMPLETED, certificate=i <= 6
        )
    for name in ("n1", "n2", "n3"):
        enrolments[name] = _enrol(s1, people[name], Status.NOT_COMPLETED)
    _enrol(s1, people["w1"], Status.WITHDRAWN)
    _enrol(s1, people["w2"], Status.WAITLISTED)
    for i in range(1, 5):
        _enrol(s2, people[f"d{i}"], Status.COMPLETED, certificate=i <= 3)
    for name in ("e1", "e2"):
        _enrol(s2, people[name], Status.ENROLLED)
    for name in ("x1", "x2"):
        _enrol(s3, people[name], Status.ENROLLED)
    for name in ("c1", "f1", "f2"):
        _enrol(s4, people[name], Status.ENROLLED)

    recorder = StaffRoleFactory(role=Role.INSTRUCTOR, base=base_a).user
    outcomes = {
        3: {"c1": "employed", "c2": "employed", "c3": "employed", "c4": "employed"}
        | {"c5": "self_employed", "c6": "seeking_work"},
        6: {"c1": "employed", "c2": "employed", "c3": "employed"}
        | {"c5": "self_employed", "c6": "self_employed", "n1": "self_employed"},
        12: {"c1": "employed", "c2": "employed", "c5": "self_employed"}
        | {"c3": "unknown"},
    }
    Outcome.objects.bulk_create(
        Outcome(
            enrolment=enrolments[name],
            follow_up=follow_up,
            status=status,
            recorded_on=s1.ends_on + datetime.timedelta(days=31 * follow_up),
            recorded_by=recorder,
        )
        for follow_up, statuses in outcomes.items()
        for name, status in statuses.items()
    )
    consent = timezone.now()
    AccessNeeds.objects.bulk_create(
        [
            *(
                AccessNeeds(
                    user=people[f"c{i}"], hearing=True, consent_given_at=consent
                )
                for i in range(1, 7)
            ),
            *(
                AccessNeeds(
                    user=people[f"d{i}"],
                    visual=True,
                    hearing=i == 1,
                    consent_given_at=consent,
                )
                for i in range(1, 5)
            ),
        ]
    )
    figures_rebuild()  # bulk_create sends no signals (as the load generator)
    return SimpleNamespace(
        base_a=base_a,
        base_b=base_b,
        course_a=course_a,
        course_b=course_b,
        s1=s1,
        s2=s2,
        s3=s3,
        s4=s4,
        people=people,
        recorder=recorder,
        auditor=StaffRoleFactory(role=Role.AUDITOR, base=None).user,
        admin=StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user,
        manager=StaffRoleFactory(role=Role.MANAGER, base=base_a).user,
        instructor=recorder,
        trainee=people["c1"],
    )
