"""Who is counted, and how often (issue #11 items 1 and 2).

Staff places: a base with 7 genuine completions (published as 5: 7 rounds
to 5); one more place, if it were counted, would make 8 (published as 10),
so the page shows whether a staff place was counted. One test per staff
role, at the selector (raw) and on the page (published).

People once: in work and new businesses count each person once per course,
by their latest outcome at that follow-up, among completions whose
follow-up is due."""

import datetime

from django.test import TestCase
from django.utils import timezone

from accounts.models import StaffRole
from federation.selectors import dashboard as figures
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import Enrolment, Outcome

Role = StaffRole.Role
Status = Enrolment.Status


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def complete(session, person) -> Enrolment:
    now = timezone.now()
    return Enrolment.objects.create(
        trainee=person,
        session=session,
        status=Status.COMPLETED,
        status_changed_at=now,
        completed_at=now,
    )


class StaffPlacesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base_a = TrainingBaseFactory(name="甲基地", name_en="Base A")
        cls.base_b = TrainingBaseFactory(name="乙基地", name_en="Base B")
        course = course_factories.course(
            course_factories.base_section(cls.base_a), title="课程甲"
        )
        course_b = course_factories.course(
            course_factories.base_section(cls.base_b), title="课程乙"
        )
        cls.session_a = training_factories.session(
            name="SA",
            base=cls.base_a,
            course=course,
            starts_on=day(-500),
            ends_on=day(-400),
            status="finished",
        )
        cls.session_b = training_factories.session(
            name="SB",
            base=cls.base_b,
            course=course_b,
            starts_on=day(-500),
            ends_on=day(-400),
            status="finished",
        )
        for _n in range(7):
            complete(cls.session_a, UserFactory())
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user

    def assert_counted(self, person, *, counted: bool):
        complete(self.session_a, person)
        raw = 8 if counted else 7
        base_a = figures.Filters(base=self.base_a.pk)
        totals = figures.totals(base_a)
        assert totals["enrolments"] == raw
        assert totals["trainees"] == raw
        assert totals["completions"] == raw
        assert totals["due_3"] == raw
        assert figures.by_category(base_a)["not_recorded"]["enrolments"] == raw
        assert (
            figures.enrolment_statuses(figures.Filters(session=self.session_a.pk))[
                Status.COMPLETED
            ]
            == raw
        )
        self.client.force_login(self.auditor)
        doc = soup(self.client.get(f"/en/federation/bases/{self.base_a.pk}/"))
        headline = {
            item.dt.get_text(strip=True): item.dd.get_text(" ", strip=True)
            for item in doc.select(".figures__item")
        }
        # 7 is published as 5, 8 as 10.
        assert headline["Enrolments"].split()[0] == ("10" if counted else "5")
        assert headline["Trainees"].split()[0] == ("10" if counted else "5")

    def test_instructor_of_the_base_is_not_counted(self):
        person = StaffRoleFactory(role=Role.INSTRUCTOR, base=self.base_a).user
        self.assert_counted(person, counted=False)

    def test_manager_of_the_base_is_not_counted(self):
        person = StaffRoleFactory(role=Role.MANAGER, base=self.base_a).user
        self.assert_counted(person, counted=False)

    def test_instructor_of_another_base_is_counted_as_a_trainee_here(self):
        person = StaffRoleFactory(role=Role.INSTRUCTOR, base=self.base_b).user
        # Also in a session of their own base: that place is not counted.
        complete(self.session_b, person)
        self.assert_counted(person, counted=True)
        assert figures.totals(figures.Filters(base=self.base_b.pk))["enrolments"] == 0

    def test_auditor_is_not_counted(self):
        person = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        self.assert_counted(person, counted=False)

    def test_federation_admin_is_not_counted(self):
        person = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        self.assert_counted(person, counted=False)

    def test_superuser_is_not_counted(self):
        person = UserFactory(is_superuser=True, is_staff=True)
        self.assert_counted(person, counted=False)


class PeopleOnceTests(TestCase):
    """Course A: SA1 ended 400 days ago, SA2 ended 200 days ago (both due at
    3 and 6 months). Course B: SB ended 400 days ago.
    - p completed SA1 (3 months: employed, recorded first) and SA2
      (3 months: seeking work, recorded later): once in due_3, latest is
      seeking work, so not in work.
    - q completed SA1 (3 months: seeking work, recorded later) and SA2
      (3 months: employed, recorded first): latest is seeking work too.
    - r completed SA1 and SA2, self-employed at 6 months on both: once in
      due_6, once in work at 6 months, one new business.
    - s completed SA2 only, employed at 3 months: in work.
    - t did not complete SA1, self-employed at 3 months: not counted at all.
    - p also completed SB (course B), employed at 3 months: counted once more
      for course B.
    Raw: due_3 = p, q, r, s (course A) + p (course B) = 5; employed_3 = s,
    p (B) = 2; due_6 = 5; employed_6 = r = 1; businesses = r = 1. Enrolments
    are places: p 3, q 2, r 2, s 1, t 1 = 9; trainees 5."""

    @classmethod
    def setUpTestData(cls):
        base = TrainingBaseFactory(name="甲基地", name_en="Base A")
        course_a = course_factories.course(course_factories.base_section(base))
        course_b = course_factories.course(course_factories.base_section(base))

        def session(name, course, end):
            return training_factories.session(
                name=name,
                base=base,
                course=course,
                starts_on=day(end - 60),
                ends_on=day(end),
                status="finished",
            )

        sa1 = session("SA1", course_a, -400)
        sa2 = session("SA2", course_a, -200)
        sb = session("SB", course_b, -400)
        recorder = StaffRoleFactory(role=Role.INSTRUCTOR, base=base).user
        people = {name: UserFactory() for name in "pqrst"}

        def outcome(enrolment, follow_up, status, recorded):
            Outcome.objects.create(
                enrolment=enrolment,
                follow_up=follow_up,
                status=status,
                recorded_on=day(recorded),
                recorded_by=recorder,
            )

        outcome(complete(sa1, people["p"]), 3, "employed", -100)
        outcome(complete(sa2, people["p"]), 3, "seeking_work", -50)
        outcome(complete(sa1, people["q"]), 3, "seeking_work", -50)
        outcome(complete(sa2, people["q"]), 3, "employed", -100)
        outcome(complete(sa1, people["r"]), 6, "self_employed", -100)
        outcome(complete(sa2, people["r"]), 6, "self_employed", -20)
        outcome(complete(sa2, people["s"]), 3, "employed", -50)
        outcome(complete(sb, people["p"]), 3, "employed", -50)
        not_completed = Enrolment.objects.create(
            trainee=people["t"],
            session=sa1,
            status=Status.NOT_COMPLETED,
            status_changed_at=timezone.now(),
        )
        outcome(not_completed, 3, "self_employed", -100)

    def test_outcome_figures_count_people_once_by_their_latest_outcome(self):
        totals = figures.totals(figures.Filters())
        assert totals["enrolments"] == 9
        assert totals["trainees"] == 5
        assert totals["completions"] == 8
        assert totals["due_3"] == 5
        assert totals["employed_3"] == 2
        assert totals["due_6"] == 5
        assert totals["employed_6"] == 1
        assert totals["businesses"] == 1

    def test_breakdowns_count_each_person_once_too(self):
        """By session, each person is counted at their latest due completion
        of the course (SA2 for p, q, r and s; SB for p's course B)."""
        rows = figures.breakdown(figures.Filters(), "session")
        assert sum(row["due_3"] for row in rows.values()) == 5
        assert sum(row["businesses"] for row in rows.values()) == 1
        by_name = {
            figures.sessions_with_place().get(pk=pk).name: row
            for pk, row in rows.items()
        }
        assert by_name["SA1"]["due_3"] == 0
        assert by_name["SA2"]["due_3"] == 4
        assert by_name["SB"]["employed_3"] == 1
