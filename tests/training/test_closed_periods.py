"""Closed reporting periods: every write to a locked record is refused with
the same message, unlocked records still change, a late follow-up is kept
as an amendment that no published figure of the closed period counts until
it is reopened, reopening unlocks and folds amendments in, and creating,
closing and reopening are logged."""

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from accounts.models import StaffRole
from federation.selectors import dashboard
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup
from training.audit_display import describe
from training.models import (
    Attendance,
    AuditEntry,
    Certificate,
    Enrolment,
    LessonProgress,
    Outcome,
    ReportingPeriod,
)
from training.selectors.learning import course_lessons
from training.selectors.periods import outcomes_counted
from training.services import enrolment as enrolment_service
from training.services import periods, roster_import
from training.services.enrolment import EnrolmentError
from training.services.progress import (
    certificate_issue,
    lesson_completion_record,
)
from training.services.records import RecordError, attendance_record, outcome_record

Role = StaffRole.Role
Status = Enrolment.Status


def days(n: int) -> datetime.date:
    """A day relative to today, so the world is the same whenever it runs."""
    return timezone.localdate() + datetime.timedelta(days=n)


class World(TestCase):
    """A first period (ended, closed by an auditor) with a session that
    started and ended in it, and a later, open period with a running session."""

    @classmethod
    def setUpTestData(cls):
        cls.base = StaffRoleFactory(role=Role.MANAGER).base
        cls.manager = StaffRole.objects.get(base=cls.base).user
        cls.instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=cls.base).user
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        cls.trainee = UserFactory(name="王小明")
        cls.first = ReportingPeriod.objects.create(
            name="上半年", starts_on=days(-400), ends_on=days(-150)
        )
        cls.later = ReportingPeriod.objects.create(
            name="下半年", starts_on=days(-149), ends_on=days(200)
        )
        cls.locked_session = training_factories.session(
            base=cls.base,
            capacity=2,
            lessons=2,
            # Follow-ups at 3 and 6 months fall due in the period, the one at
            # 12 months after it (outcomes are refused before they are due).
            starts_on=days(-360),
            ends_on=days(-350),
        )
        cls.open_session = training_factories.session(
            base=cls.base,
            course=cls.locked_session.course,
            capacity=5,
            starts_on=days(-10),
            ends_on=days(30),
        )
        session = cls.locked_session
        cls.enrolled = enrolment_service.enrolment_create(
            trainee=cls.trainee, session=session, actor=cls.trainee
        )
        # A place given up and a place offered, written as they stand.
        for status in (Status.WITHDRAWN, Status.OFFERED):
            cls.offered = Enrolment.objects.create(
                trainee=UserFactory(),
                session=session,
                status=status,
                status_changed_at=timezone.now(),
            )
        cls.outcome = outcome_record(
            enrolment=cls.enrolled,
            follow_up=3,
            status=Outcome.Status.SEEKING_WORK,
            recorded_on=days(-160),
            actor=cls.instructor,
        )
        cls.applied = Enrolment.objects.create(
            trainee=UserFactory(),
            session=session,
            status=Status.APPLIED,
            status_changed_at=timezone.now(),
        )
        cls.newcomer = UserFactory(name="新学员")
        periods.period_close(period=cls.first, actor=cls.auditor)
        cls.first.refresh_from_db()

    def locked_message(self) -> str:
        """In English, as the /en/ pages and the services under
        override("en") say it."""
        closed_on = timezone.localtime(self.first.closed_at).date()
        with override("en"):
            return str(
                periods.PERIOD_LOCKED
                % {"name": "上半年", "date": date_format(closed_on, "DATE_FORMAT")}
            )


class LockedWritesTests(World):
    def test_every_locked_write_is_refused_with_the_message(self):
        session = self.locked_session
        writes = {
            "enrol": lambda: enrolment_service.enrolment_create(
                trainee=self.newcomer, session=session, actor=self.instructor
            ),
            "accept": lambda: enrolment_service.enrolment_accept(
                enrolment=self.applied, actor=self.instructor
            ),
            "withdraw": lambda: enrolment_service.enrolment_withdraw(
                enrolment=self.enrolled, actor=self.instructor
            ),
            "close enrolment": lambda: enrolment_service.enrolment_close(
                enrolment=self.enrolled, actor=self.instructor
            ),
            "answer offer": lambda: enrolment_service.enrolment_offer_respond(
                enrolment=self.offered, accept=True, actor=self.offered.trainee
            ),
            "attendance": lambda: attendance_record(
                enrolment=self.enrolled,
                day=session.starts_on,
                status=Attendance.Status.PRESENT,
                actor=self.instructor,
            ),
            "new outcome dated in the period": lambda: outcome_record(
                enrolment=self.enrolled,
                follow_up=6,
                status=Outcome.Status.EMPLOYED,
                recorded_on=days(-155),
                actor=self.instructor,
            ),
            "move a locked outcome to an open date": lambda: outcome_record(
                enrolment=self.enrolled,
                follow_up=3,
                status=Outcome.Status.EMPLOYED,
                recorded_on=days(-100),
                actor=self.instructor,
            ),
            "certificate": lambda: certificate_issue(
                enrolment=self.enrolled, actor=self.admin
            ),
        }
        entries = AuditEntry.objects.count()
        for name, write in writes.items():
            with self.subTest(name), override("en"):
                with self.assertRaises(periods.PeriodLocked) as caught:
                    write()
                self.assertEqual(str(caught.exception), self.locked_message())
        # The module's own error classes, so their views show the message.
        with self.assertRaises(EnrolmentError):
            writes["withdraw"]()
        with self.assertRaises(RecordError):
            writes["attendance"]()
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertEqual(
            sorted(session.enrolments.values_list("status", flat=True)),
            sorted([Status.ENROLLED, Status.OFFERED, Status.WITHDRAWN, Status.APPLIED]),
        )
        self.assertFalse(Attendance.objects.exists())
        self.outcome.refresh_from_db()
        self.assertEqual(self.outcome.status, Outcome.Status.SEEKING_WORK)
        self.assertEqual(self.enrolled.outcomes.count(), 1)
        self.assertFalse(Certificate.objects.exists())

    def test_roster_import_is_refused_as_a_whole(self):
        data = "email,name\nnew.one@example.org,新学员\n".encode()
        with override("en"):
            plan = roster_import.roster_import_preview(
                session=self.locked_session, filename="roster.csv", data=data
            )
            self.assertFalse(plan.is_valid)
            self.assertIn(self.locked_message(), [p.message for p in plan.problems])
            plan = roster_import.roster_import_commit(
                session=self.locked_session,
                rows=roster_import.rows_from_lists(
                    [[2, "new.one@example.org", "甲", ""]]
                ),
                actor=self.instructor,
            )
        self.assertFalse(plan.is_valid)
        self.assertEqual(self.locked_session.enrolments.count(), 4)

    def test_finishing_lessons_in_a_locked_session_keeps_progress_only(self):
        for lesson in course_lessons(self.enrolled):
            lesson_completion_record(
                enrolment=self.enrolled, lesson=lesson, actor=self.trainee
            )
        self.assertEqual(
            LessonProgress.objects.filter(
                enrolment=self.enrolled, completed_at__isnull=False
            ).count(),
            2,
        )
        self.enrolled.refresh_from_db()
        self.assertEqual(self.enrolled.status, Status.ENROLLED)
        self.assertFalse(Certificate.objects.exists())

    def test_records_outside_closed_periods_still_change(self):
        enrolment = enrolment_service.enrolment_create(
            trainee=self.newcomer, session=self.open_session, actor=self.newcomer
        )
        attendance_record(
            enrolment=enrolment,
            day=self.open_session.starts_on,
            status=Attendance.Status.PRESENT,
            actor=self.instructor,
        )
        for lesson in course_lessons(enrolment):
            lesson_completion_record(
                enrolment=enrolment, lesson=lesson, actor=self.newcomer
            )
        enrolment.refresh_from_db()
        self.assertEqual(enrolment.status, Status.COMPLETED)
        self.assertTrue(Certificate.objects.filter(enrolment=enrolment).exists())

    def test_a_later_follow_up_of_a_locked_session_can_be_recorded(self):
        outcome = outcome_record(
            enrolment=self.enrolled,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            recorded_on=days(-20),
            actor=self.instructor,
        )
        self.assertEqual(outcome.recorded_on, days(-20))
        self.assertEqual(outcome.amends_period, self.first)
        # Saving the same answer again changes nothing and is not refused.
        outcome_record(
            enrolment=self.enrolled,
            follow_up=3,
            status=Outcome.Status.SEEKING_WORK,
            recorded_on=days(-160),
            actor=self.instructor,
        )

    def test_reopening_allows_changes_again(self):
        periods.period_reopen(
            period=self.first, actor=self.admin, reason="基地补录出勤"
        )
        attendance_record(
            enrolment=self.enrolled,
            day=self.locked_session.starts_on,
            status=Attendance.Status.PRESENT,
            actor=self.instructor,
        )
        enrolment_service.enrolment_withdraw(
            enrolment=self.enrolled, actor=self.instructor
        )
        self.enrolled.refresh_from_db()
        self.assertEqual(self.enrolled.status, Status.WITHDRAWN)
        # Closed again: locked again.
        periods.period_close(period=self.first, actor=self.auditor)
        with self.assertRaises(periods.PeriodLocked):
            enrolment_service.enrolment_offer_respond(
                enrolment=self.offered, accept=True, actor=self.offered.trainee
            )

    def test_the_guard_is_one_query(self):
        with self.assertNumQueries(1):
            periods.period_lock_check(session=self.open_session)
        with self.assertNumQueries(1), self.assertRaises(periods.PeriodLocked):
            periods.period_lock_check(
                session=self.open_session, recorded_on=[days(-1), days(-200)]
            )
        with self.assertNumQueries(0):
            periods.period_lock_check()


class ClosingAndReopeningTests(World):
    def test_close_and_reopen_are_logged(self):
        closing = AuditEntry.objects.get(action="period.close")
        self.assertEqual(closing.object_type, "reportingperiod")
        self.assertEqual(closing.object_id, self.first.pk)
        self.assertEqual(closing.actor, self.auditor)
        self.assertEqual(closing.changes["closed_at"][0], None)
        self.assertEqual(self.first.closed_by, self.auditor)
        # Closing again is idempotent: no second entry, same close time.
        periods.period_close(period=self.first, actor=self.admin)
        self.assertEqual(AuditEntry.objects.filter(action="period.close").count(), 1)
        period = periods.period_reopen(
            period=self.first, actor=self.admin, reason="  更正结业记录 "
        )
        self.assertFalse(period.is_closed)
        self.assertEqual(period.reopened_by, self.admin)
        self.assertEqual(period.reopen_reason, "更正结业记录")
        reopening = AuditEntry.objects.get(action="period.reopen")
        self.assertEqual(reopening.actor, self.admin)
        self.assertEqual(reopening.object_id, self.first.pk)
        self.assertEqual(reopening.changes["reopen_reason"], [None, "更正结业记录"])
        self.assertEqual(reopening.changes["closed_at"][1], None)

    def test_who_may_close_and_reopen(self):
        table = {
            "trainee": (False, False),
            "instructor": (False, False),
            "manager": (False, False),
            "auditor": (True, False),
            "admin": (True, True),
        }
        for who, (may_close, may_reopen) in table.items():
            user = getattr(self, who)
            with self.subTest(who):
                period = ReportingPeriod.objects.create(
                    name=f"测试 {who}", starts_on=days(-500), ends_on=days(-400)
                )
                if may_close:
                    period = periods.period_close(period=period, actor=user)
                    self.assertTrue(period.is_closed)
                else:
                    with self.assertRaisesMessage(
                        periods.PeriodError, str(periods.CLOSE_NOT_ALLOWED)
                    ):
                        periods.period_close(period=period, actor=user)
                    period.closed_at = timezone.now()
                    period.save()
                if may_reopen:
                    period = periods.period_reopen(
                        period=period, actor=user, reason="测试"
                    )
                    self.assertFalse(period.is_closed)
                else:
                    with self.assertRaisesMessage(
                        periods.PeriodError, str(periods.REOPEN_NOT_ALLOWED)
                    ):
                        periods.period_reopen(period=period, actor=user, reason="测试")
                period.delete()

    def test_reopening_needs_a_reason(self):
        with self.assertRaisesMessage(
            periods.PeriodError, str(periods.REOPEN_REASON_REQUIRED)
        ):
            periods.period_reopen(period=self.first, actor=self.admin, reason="  ")
        self.first.refresh_from_db()
        self.assertTrue(self.first.is_closed)

    def test_closing_is_refused_while_sessions_run(self):
        training_factories.session(
            base=self.base,
            course=self.locked_session.course,
            starts_on=days(-5),
            ends_on=days(60),
        )
        with override("en"), self.assertRaises(periods.PeriodError) as caught:
            periods.period_close(period=self.later, actor=self.auditor)
        message = str(caught.exception)
        self.assertIn(
            "2 sessions that start in this period have not ended yet", message
        )
        with override("en"):
            self.assertIn(date_format(days(60), "DATE_FORMAT"), message)
        self.later.refresh_from_db()
        self.assertFalse(self.later.is_closed)
        self.assertFalse(
            AuditEntry.objects.filter(
                object_type="reportingperiod", object_id=self.later.pk
            ).exists()
        )

    def test_periods_may_not_overlap_or_end_before_they_start(self):
        with self.assertRaisesMessage(
            periods.PeriodError, str(periods.PERIOD_ENDS_BEFORE_START)
        ):
            periods.period_create(
                name="倒序", starts_on=days(400), ends_on=days(300), actor=self.auditor
            )
        with override("en"), self.assertRaises(periods.PeriodError) as caught:
            periods.period_create(
                name="重叠", starts_on=days(150), ends_on=days(300), actor=self.auditor
            )
        self.assertIn("下半年", str(caught.exception))
        period = periods.period_create(
            name="明年", starts_on=days(201), ends_on=days(400), actor=self.auditor
        )
        self.assertEqual(period.name, "明年")
        with self.assertRaises(periods.PeriodError):
            periods.period_create(
                name="讲师",
                starts_on=days(500),
                ends_on=days(600),
                actor=self.instructor,
            )


class TeachPagesShowTheRefusalTests(World):
    """The instructor pages show the message (never a 500) and keep what was
    typed."""

    def setUp(self):
        self.client.force_login(self.instructor)
        self.pk = self.locked_session.pk

    def test_attendance(self):
        day = self.locked_session.starts_on.isoformat()
        response = self.client.post(
            f"/en/teach/sessions/{self.pk}/attendance/?day={day}",
            {f"trainee_{self.enrolled.pk}": "absent"},
        )
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIn(self.locked_message(), doc.select_one(".error-summary").text)
        checked = doc.select_one(f"input[name=trainee_{self.enrolled.pk}][checked]")
        self.assertEqual(checked["value"], "absent")

    def test_outcomes(self):
        response = self.client.post(
            f"/en/teach/sessions/{self.pk}/enrolments/{self.enrolled.pk}/outcomes/",
            {
                "follow_up": "6",
                "status": "employed",
                "recorded_on": days(-155).isoformat(),
                "notes": "在超市工作",
            },
        )
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIn(self.locked_message(), doc.select_one(".error-summary").text)
        self.assertEqual(
            doc.select_one("#id_recorded_on")["value"], days(-155).isoformat()
        )
        self.assertEqual(doc.select_one("#id_notes").text.strip(), "在超市工作")

    def test_withdraw_and_assisted_enrolment(self):
        for url, data in [
            (
                f"/en/teach/sessions/{self.pk}/enrolments/{self.enrolled.pk}/withdraw/",
                {},
            ),
            (
                f"/en/teach/sessions/{self.pk}/enrol/",
                {"trainee": self.newcomer.pk, "q": self.newcomer.email},
            ),
        ]:
            with self.subTest(url):
                response = self.client.post(url, data, follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertIn(self.locked_message(), soup(response).text)
        self.enrolled.refresh_from_db()
        self.assertEqual(self.enrolled.status, Status.ENROLLED)
        self.assertFalse(self.newcomer.enrolments.exists())

    def test_import(self):
        upload = SimpleUploadedFile(
            "roster.csv", b"email,name\nnew.one@example.org,A\n", "text/csv"
        )
        response = self.client.post(
            f"/en/teach/sessions/{self.pk}/import/", {"file": upload}
        )
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIn(self.locked_message(), doc.select_one(".error-summary").text)
        self.assertIsNone(doc.select_one("input[name=token]"))


class AmendmentsTests(World):
    """A late follow-up of a closed period's session is accepted and kept
    apart: the period's published figures stay as they were closed until a
    federation admin reopens it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Completions whose 6-month follow-up is due, as they stood when the
        # period was closed (written straight, the period being closed now).
        cls.completed = [
            Enrolment.objects.create(
                trainee=UserFactory(),
                session=cls.locked_session,
                status=Status.COMPLETED,
                status_changed_at=timezone.now(),
                completed_at=timezone.now(),
            )
            for _ in range(2)
        ]

    def figures(self) -> dict:
        """Every raw figure the dashboard publishes for the closed period
        (suppression only rounds these)."""
        filters = dashboard.Filters(
            date_from=self.first.starts_on, date_to=self.first.ends_on
        )
        computed = dashboard.compute(filters)
        counts = dashboard.session_counts(
            dashboard.Filters(session=self.locked_session.pk)
        )
        return {
            "total": computed.total,
            "groups": computed.groups,
            "categories": computed.categories,
            "session": counts.total,
            "outcomes": counts.outcomes,
        }

    def late(self, enrolment, *, status=Outcome.Status.EMPLOYED, on=-20):
        return outcome_record(
            enrolment=enrolment,
            follow_up=6,
            status=status,
            recorded_on=days(on),
            actor=self.instructor,
        )

    def test_time_passing_changes_no_published_figure(self):
        """The 12-month follow-ups of the closed period's session fall due
        after it was closed: its figures stay as of the day it was closed."""
        before = self.figures()
        later = timezone.now() + datetime.timedelta(days=400)
        with time_machine.travel(later, tick=False):
            self.assertEqual(self.figures(), before)

    def test_a_late_outcome_changes_no_published_figure(self):
        before = self.figures()
        outcome = self.late(self.completed[0])
        self.assertEqual(outcome.amends_period, self.first)
        self.assertNotIn(outcome, outcomes_counted())
        self.assertEqual(self.figures(), before)
        # Correcting the amendment keeps it an amendment.
        outcome = self.late(self.completed[0], status=Outcome.Status.SELF_EMPLOYED)
        self.assertEqual(outcome.amends_period, self.first)
        self.assertEqual(self.figures(), before)
        entries = AuditEntry.objects.filter(
            action="outcome.record", object_id=outcome.pk
        ).order_by("pk")
        self.assertEqual(entries[0].changes["amends_period"], [None, "上半年"])
        self.assertEqual(len(entries), 2)

    def test_reopening_folds_amendments_in_and_closing_again_locks(self):
        before = self.figures()
        amendment = self.late(self.completed[0])
        periods.period_reopen(period=self.first, actor=self.admin, reason="补录随访")
        amendment.refresh_from_db()
        self.assertIsNone(amendment.amends_period)
        reopened = self.figures()
        self.assertEqual(
            reopened["total"]["employed_6"], before["total"]["employed_6"] + 1
        )
        entry = AuditEntry.objects.get(action="period.reopen")
        self.assertEqual(entry.changes["amendments_folded_in"], [None, 1])
        # Closed again: the new state is locked, later outcomes are amendments.
        periods.period_close(period=self.first, actor=self.auditor)
        self.assertEqual(self.figures(), reopened)
        later = self.late(self.completed[1])
        self.assertEqual(later.amends_period, self.first)
        self.assertEqual(self.figures(), reopened)
        # The folded-in outcome is counted in the closed figures: locked.
        with self.assertRaises(periods.PeriodLocked):
            self.late(self.completed[0], status=Outcome.Status.SEEKING_WORK)

    def test_a_late_outcome_dated_in_the_closed_period_is_refused(self):
        with override("en"), self.assertRaises(RecordError) as caught:
            self.late(self.completed[0], on=-155)
        self.assertEqual(str(caught.exception), self.locked_message())
        self.assertFalse(Outcome.objects.filter(enrolment=self.completed[0]).exists())

    def test_recording_an_amendment_is_a_fixed_number_of_queries(self):
        with CaptureQueriesContext(connection) as small:
            self.late(self.completed[0])
        with CaptureQueriesContext(connection) as large:
            self.late(self.completed[1])
        self.assertEqual(len(small), len(large))


class PeriodAuditTests(World):
    def test_create_close_and_reopen_each_write_one_readable_entry(self):
        entries = AuditEntry.objects.count()
        period = periods.period_create(
            name="明年上半年",
            starts_on=days(201),
            ends_on=days(380),
            actor=self.auditor,
        )
        created = AuditEntry.objects.get(action="period.create")
        self.assertEqual(AuditEntry.objects.count(), entries + 1)
        self.assertEqual(
            (created.object_type, created.object_id, created.actor),
            ("reportingperiod", period.pk, self.auditor),
        )
        self.assertEqual(created.changes["name"], [None, "明年上半年"])
        self.assertEqual(created.changes["starts_on"], [None, days(201).isoformat()])
        # A refused create writes nothing.
        with self.assertRaises(periods.PeriodError):
            periods.period_create(
                name="重叠", starts_on=days(300), ends_on=days(400), actor=self.auditor
            )
        self.assertEqual(AuditEntry.objects.count(), entries + 1)
        with override("en"):
            shown = describe(created, show_people=False)
            self.assertEqual(shown.action_label, "Reporting period created")
            # A period's name names no one: auditors see it.
            self.assertIn(("name (Chinese)", "—", "明年上半年"), shown.change_list)
        reopen = periods.period_reopen(
            period=self.first, actor=self.admin, reason="更正"
        )
        periods.period_close(period=reopen, actor=self.auditor)
        for action in ("period.create", "period.reopen"):
            self.assertEqual(AuditEntry.objects.filter(action=action).count(), 1)
        # Closed twice (in World, then here): one entry each time.
        self.assertEqual(AuditEntry.objects.filter(action="period.close").count(), 2)
        self.assertEqual(AuditEntry.objects.count(), entries + 3)
        with override("en"):
            labels = {
                describe(entry).action_label
                for entry in AuditEntry.objects.filter(action__startswith="period.")
            }
        self.assertEqual(
            labels,
            {
                "Reporting period created",
                "Reporting period closed",
                "Reporting period reopened",
            },
        )


class TeachPagesAmendmentTests(World):
    def setUp(self):
        self.client.force_login(self.instructor)
        self.url = (
            f"/en/teach/sessions/{self.locked_session.pk}/enrolments/"
            f"{self.enrolled.pk}/outcomes/"
        )

    def test_a_late_follow_up_is_saved_as_an_amendment(self):
        response = self.client.post(
            self.url,
            {"follow_up": "6", "status": "employed", "recorded_on": days(-5)},
        )
        self.assertEqual(response.status_code, 302)
        outcome = Outcome.objects.get(enrolment=self.enrolled, follow_up=6)
        self.assertEqual(outcome.amends_period, self.first)

    def test_changing_a_counted_outcome_shows_the_message(self):
        response = self.client.post(
            self.url,
            {"follow_up": "3", "status": "employed", "recorded_on": days(-160)},
        )
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIn(self.locked_message(), doc.select_one(".error-summary").text)
        self.outcome.refresh_from_db()
        self.assertEqual(self.outcome.status, Outcome.Status.SEEKING_WORK)

    def test_accepting_an_application_shows_the_message(self):
        response = self.client.post(
            f"/en/teach/sessions/{self.locked_session.pk}/enrolments/"
            f"{self.applied.pk}/accept/",
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.locked_message(), soup(response).text)
        self.applied.refresh_from_db()
        self.assertEqual(self.applied.status, Status.APPLIED)
