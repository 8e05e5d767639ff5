"""Reconciliation pages: each check finds its hand-made inconsistency and
nothing on clean data, the comparison with the federation totals, the
period forms, permissions, access logging and a fixed number of queries."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from accounts.models import StaffRole
from federation.models import ReportAccess
from federation.selectors import reconciliation as selectors
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import (
    Certificate,
    Enrolment,
    Outcome,
    ReportingPeriod,
    TrainingSession,
)
from training.services import periods
from training.services.records import outcome_record

Role = StaffRole.Role
Status = Enrolment.Status


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def enrol(session, status, *, completed=False, certificate=False, name=None):
    """Written straight to the database, as a broken import or old data
    would, bypassing the services' rules."""
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        trainee=UserFactory(name=name) if name else UserFactory(),
        session=session,
        status=status,
        status_changed_at=now,
        completed_at=now if completed else None,
    )
    if certificate:
        Certificate.objects.create(
            enrolment=enrolment,
            code=f"TEST{enrolment.pk:016d}",
            issued_at=now,
            trainee_name="x",
            course_title="x",
            base_name="x",
        )
    return enrolment


class World(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base_a = TrainingBaseFactory()
        cls.base_b = TrainingBaseFactory()
        cls.trainee = UserFactory()
        cls.instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=cls.base_a).user
        cls.manager = StaffRoleFactory(role=Role.MANAGER, base=cls.base_a).user
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        cls.period = ReportingPeriod.objects.create(
            name="上半年", starts_on=days(-500), ends_on=days(-150)
        )
        # Ended long enough ago for every follow-up to be due: outcomes are
        # refused before they are due.
        cls.session_a = training_factories.session(
            base=cls.base_a,
            capacity=2,
            lessons=0,
            starts_on=days(-480),
            ends_on=days(-470),
            name="有问题的班",
        )
        cls.course = cls.session_a.course
        # Clean: completed with a certificate, and enrolled.
        cls.done = enrol(
            cls.session_a,
            Status.COMPLETED,
            completed=True,
            certificate=True,
            name="李秘密",
        )
        enrol(cls.session_a, Status.ENROLLED)
        # Completion without enrolment, twice; a certificate without completion.
        enrol(cls.session_a, Status.WITHDRAWN, completed=True, certificate=True)
        enrol(cls.session_a, Status.COMPLETED)
        # Three places taken of two: over capacity.
        # An outcome dated before the session ended.
        Outcome.objects.create(
            enrolment=cls.done,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            recorded_on=days(-471),
            recorded_by=cls.instructor,
        )
        # An outcome dated in the period, changed while it was reopened.
        outcome_record(
            enrolment=cls.done,
            follow_up=3,
            status=Outcome.Status.SEEKING_WORK,
            recorded_on=days(-160),
            actor=cls.instructor,
        )
        periods.period_close(period=cls.period, actor=cls.auditor)
        periods.period_reopen(period=cls.period, actor=cls.admin, reason="补录")
        outcome_record(
            enrolment=cls.done,
            follow_up=3,
            status=Outcome.Status.EMPLOYED,
            recorded_on=days(-160),
            actor=cls.instructor,
        )
        # Base B: clean data only, plus a session outside the period.
        cls.session_b = training_factories.session(
            base=cls.base_b,
            course=cls.course,
            capacity=5,
            starts_on=days(-240),
            ends_on=days(-210),
        )
        for _ in range(2):
            enrol(cls.session_b, Status.COMPLETED, completed=True, certificate=True)
        enrol(cls.session_b, Status.NOT_COMPLETED)
        outside = training_factories.session(
            base=cls.base_b,
            course=cls.course,
            capacity=1,
            starts_on=days(-100),
            ends_on=days(-90),
        )
        enrol(outside, Status.WITHDRAWN, completed=True, certificate=True)
        enrol(outside, Status.ENROLLED)
        enrol(outside, Status.ENROLLED)

    def base_url(self, base=None, period=None) -> str:
        base = base or self.base_a
        period = period or self.period
        return f"/en/federation/reconciliation/bases/{base.pk}/?period={period.pk}"


class ChecksTests(World):
    def test_each_check_finds_its_inconsistency(self):
        sessions = selectors.base_sessions(self.base_a, self.period)
        flags = {
            flag.check.key: flag
            for flag in selectors.base_flags(self.base_a, self.period, sessions)
        }
        self.assertEqual(
            {key: flag.total for key, flag in flags.items()},
            {
                "completion_without_enrolment": 2,
                "certificate_without_completion": 1,
                "outcome_before_end": 1,
                "over_capacity": 1,
                "outcome_edited_after_close": 1,
            },
        )
        for flag in flags.values():
            self.assertEqual([row.session_id for row in flag.rows], [self.session_a.pk])
        over = flags["over_capacity"].rows[0]
        self.assertEqual((over.seats, over.capacity), (3, 2))

    def test_clean_data_raises_no_flag(self):
        sessions = selectors.base_sessions(self.base_b, self.period)
        self.assertEqual([s.pk for s in sessions], [self.session_b.pk])
        flags = selectors.base_flags(self.base_b, self.period, sessions)
        self.assertEqual([flag.total for flag in flags], [0] * 5)
        bases = {b.pk: b for b in selectors.bases_with_flags(self.period)}
        self.assertEqual(bases[self.base_a.pk].flags, 6)
        self.assertEqual(bases[self.base_b.pk].flags, 0)
        self.assertEqual(bases[self.base_b.pk].sessions_in_period, 1)

    def test_edits_before_the_first_close_are_not_flagged(self):
        other = ReportingPeriod.objects.create(
            name="更早", starts_on=days(-900), ends_on=days(-600)
        )
        session = training_factories.session(
            base=self.base_a,
            course=self.course,
            starts_on=days(-850),
            ends_on=days(-800),
        )
        enrolment = enrol(session, Status.COMPLETED, completed=True)
        outcome_record(
            enrolment=enrolment,
            follow_up=3,
            status=Outcome.Status.EMPLOYED,
            recorded_on=days(-700),
            actor=self.instructor,
        )
        periods.period_close(period=other, actor=self.auditor)
        sessions = selectors.base_sessions(self.base_a, other)
        flags = selectors.base_flags(self.base_a, other, sessions)
        self.assertEqual([flag.total for flag in flags], [0] * 5)

    def test_comparison_with_the_federation_totals(self):
        sessions = selectors.base_sessions(self.base_a, self.period)
        rows = {
            row.key: (row.base, row.federation)
            for row in selectors.comparison(self.base_a, self.period, sessions)
        }
        # The base counts every certificate; the dashboard only those of
        # enrolments (not the withdrawn trainee's).
        self.assertEqual(
            rows,
            {
                "sessions": (1, 1),
                "enrolled": (3, 3),
                "completed": (2, 2),
                "certified": (2, 1),
            },
        )

    def test_cancelled_sessions_are_listed_but_not_summed(self):
        cancelled = training_factories.session(
            base=self.base_b,
            course=self.course,
            starts_on=days(-230),
            ends_on=days(-220),
            status=TrainingSession.Status.CANCELLED,
        )
        enrol(cancelled, Status.ENROLLED)
        sessions = selectors.base_sessions(self.base_b, self.period)
        self.assertEqual(len(sessions), 2)
        rows = selectors.comparison(self.base_b, self.period, sessions)
        self.assertEqual([(r.base, r.federation) for r in rows][:2], [(1, 1), (3, 3)])


class PagesTests(World):
    def test_base_page_for_an_admin(self):
        self.client.force_login(self.admin)
        doc = soup(self.client.get(self.base_url()))
        self.assertEqual(doc.h1.get_text(strip=True), f"Reconciliation: {self.base_a}")
        text = doc.get_text(" ", strip=True)
        self.assertIn("Differs by 1", text)
        self.assertEqual(text.count("Matches"), 3)
        records = doc.select("#sessions-caption")[0].find_parent("table")
        self.assertEqual(
            [td.get_text(strip=True) for td in records.select("tbody td.numeric")],
            ["2", "3", "2", "2"],
        )
        self.assertEqual(len(doc.select("section.flag--found")), 5)
        self.assertIn("What to do:", text)

    def test_auditors_see_no_names_and_small_counts_suppressed(self):
        self.client.force_login(self.auditor)
        response = self.client.get(self.base_url())
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertNotIn("李秘密", html)
        doc = soup(response)
        records = doc.select("#sessions-caption")[0].find_parent("table")
        self.assertEqual(
            [td.get_text(strip=True) for td in records.select("tbody td.numeric")],
            ["2", "fewer than 5", "fewer than 5", "fewer than 5"],
        )
        # Flags count records exactly: they name no one.
        self.assertIn("Completions without enrolment: 2", doc.get_text(" "))
        # The admin sees "Differs by 1"; an exact gap of 1 to 4 people would
        # be a small count, so the auditor learns only that the counts differ.
        text = doc.get_text(" ", strip=True)
        self.assertIn("Differs", text)
        self.assertNotIn("Differs by", text)

    def test_index_lists_periods_and_bases_with_their_counts(self):
        self.client.force_login(self.auditor)
        doc = soup(
            self.client.get(f"/en/federation/reconciliation/?period={self.period.pk}")
        )
        rows = {
            tr.th.get_text(strip=True): tr.select("td")[-1].get_text(strip=True)
            for tr in doc.select("#bases-caption")[0].find_parent("table").tbody("tr")
        }
        self.assertEqual(rows[self.base_a.display_name], "6")
        self.assertEqual(rows[self.base_b.display_name], "none")
        link = doc.find("a", string=self.base_a.display_name)
        self.assertEqual(
            link["href"],
            f"/en/federation/reconciliation/bases/{self.base_a.pk}/"
            f"?period={self.period.pk}",
        )
        periods_table = doc.select("#periods-caption")[0].find_parent("table")
        self.assertIn("Why: 补录", periods_table.get_text(" ", strip=True))
        # The period is open again: auditors may close it, not reopen.
        self.assertIsNotNone(
            doc.select_one(f'a[href$="/periods/{self.period.pk}/close/"]')
        )

    def test_every_view_is_logged(self):
        self.client.force_login(self.auditor)
        self.client.get(self.base_url())
        self.client.get("/en/federation/reconciliation/")
        logged = list(
            ReportAccess.objects.filter(report="reconciliation").order_by("pk")
        )
        self.assertEqual(len(logged), 2)
        self.assertEqual(logged[0].user, self.auditor)
        self.assertEqual(logged[0].format, "html")
        self.assertEqual(
            logged[0].filters,
            {"base": str(self.base_a.pk), "period": str(self.period.pk)},
        )
        self.assertEqual(logged[1].filters, {"period": str(self.period.pk)})

    def test_a_bad_period_is_a_form_error_not_a_500(self):
        self.client.force_login(self.admin)
        for value in ["999999", "abc", ""]:
            for url in [
                f"/en/federation/reconciliation/?period={value}",
                f"/en/federation/reconciliation/bases/{self.base_a.pk}/?period={value}",
            ]:
                with self.subTest(url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    doc = soup(response)
                    summary = doc.select_one(".error-summary")
                    self.assertIsNotNone(summary)
                    self.assertEqual(summary.select_one("a")["href"], "#id_period")
                    self.assertIsNone(doc.select_one("section.flag"))

    def test_an_unknown_base_is_404(self):
        self.client.force_login(self.admin)
        response = self.client.get("/en/federation/reconciliation/bases/999999/")
        self.assertEqual(response.status_code, 404)


class PeriodFormsTests(World):
    url = "/en/federation/reconciliation/"

    def test_create_a_period(self):
        self.client.force_login(self.auditor)
        response = self.client.post(
            self.url,
            {
                "new-name": "下半年",
                "new-starts_on": days(-149).isoformat(),
                "new-ends_on": days(30).isoformat(),
            },
        )
        period = ReportingPeriod.objects.get(name="下半年")
        self.assertRedirects(
            response,
            f"{self.url}?period={period.pk}#notice",
            fetch_redirect_response=False,
        )

    def test_create_errors_keep_the_input(self):
        self.client.force_login(self.auditor)
        cases = [
            ((days(10), days(5)), "#id_new-ends_on", "on or after the start date"),
            ((days(-200), days(-100)), None, "overlap the period 上半年"),
        ]
        for (starts, ends), anchor, message in cases:
            with self.subTest(message):
                response = self.client.post(
                    self.url,
                    {
                        "new-name": "新的",
                        "new-starts_on": starts.isoformat(),
                        "new-ends_on": ends.isoformat(),
                    },
                )
                self.assertEqual(response.status_code, 200)
                doc = soup(response)
                summary = doc.select_one(".error-summary")
                self.assertIn(message, summary.get_text())
                if anchor:
                    self.assertEqual(summary.a["href"], anchor)
                self.assertEqual(doc.select_one("#id_new-name")["value"], "新的")
                self.assertEqual(
                    doc.select_one("#id_new-starts_on")["value"], starts.isoformat()
                )
        self.assertEqual(ReportingPeriod.objects.count(), 1)

    def test_close_confirms_then_closes(self):
        self.client.force_login(self.auditor)
        url = f"/en/federation/reconciliation/periods/{self.period.pk}/close/"
        doc = soup(self.client.get(url))
        text = doc.get_text(" ", strip=True)
        self.assertIn("2 sessions that start in the period", text)
        self.assertIn("7 enrolments", text)
        self.assertIn("2 follow-up outcomes dated in the period", text)
        self.period.refresh_from_db()
        self.assertFalse(self.period.is_closed)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.period.refresh_from_db()
        self.assertTrue(self.period.is_closed)
        self.assertEqual(self.period.closed_by, self.auditor)

    def test_closing_while_sessions_run_shows_why(self):
        running = ReportingPeriod.objects.create(
            name="本期", starts_on=days(-20), ends_on=days(20)
        )
        training_factories.session(
            base=self.base_a, course=self.course, starts_on=days(-5), ends_on=days(9)
        )
        self.client.force_login(self.admin)
        response = self.client.post(
            f"/en/federation/reconciliation/periods/{running.pk}/close/"
        )
        self.assertEqual(response.status_code, 200)
        summary = soup(response).select_one(".error-summary")
        self.assertIn(
            "1 session that starts in this period has not ended", summary.text
        )
        running.refresh_from_db()
        self.assertFalse(running.is_closed)

    def test_reopen_needs_a_reason(self):
        periods.period_close(period=self.period, actor=self.auditor)
        self.client.force_login(self.admin)
        url = f"/en/federation/reconciliation/periods/{self.period.pk}/reopen/"
        response = self.client.post(url, {"reason": "  "})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            soup(response).select_one(".error-summary a")["href"], "#id_reason"
        )
        self.period.refresh_from_db()
        self.assertTrue(self.period.is_closed)
        response = self.client.post(url, {"reason": "基地更正"})
        self.assertEqual(response.status_code, 302)
        self.period.refresh_from_db()
        self.assertFalse(self.period.is_closed)
        self.assertEqual(self.period.reopen_reason, "基地更正")


class PermissionsTests(World):
    # role -> (reports, close, reopen)
    TABLE = {
        "anonymous": ("login", "login", "login"),
        "trainee": (403, 403, 403),
        "instructor": (403, 403, 403),
        "manager": (403, 403, 403),
        "auditor": (200, 200, 403),
        "admin": (200, 200, 200),
    }

    def _status(self, response) -> int | str:
        if response.status_code == 302 and "/accounts/login/" in response["Location"]:
            return "login"
        return response.status_code

    def test_who_may_do_what(self):
        periods.period_close(period=self.period, actor=self.auditor)
        closed = ReportingPeriod.objects.create(
            name="旧", starts_on=days(-900), ends_on=days(-800)
        )
        periods.period_close(period=closed, actor=self.auditor)
        open_period = ReportingPeriod.objects.create(
            name="新", starts_on=days(-799), ends_on=days(-700)
        )
        for who, (reports, close, reopen) in self.TABLE.items():
            with self.subTest(who):
                self.client.logout()
                if who != "anonymous":
                    self.client.force_login(getattr(self, who))
                for url in ["/en/federation/reconciliation/", self.base_url()]:
                    self.assertEqual(self._status(self.client.get(url)), reports, url)
                close_url = (
                    f"/en/federation/reconciliation/periods/{open_period.pk}/close/"
                )
                reopen_url = (
                    f"/en/federation/reconciliation/periods/{closed.pk}/reopen/"
                )
                self.assertEqual(self._status(self.client.get(close_url)), close)
                self.assertEqual(self._status(self.client.get(reopen_url)), reopen)
                response = self.client.post(reopen_url, {"reason": "x"})
                if reopen == 200:
                    self.assertEqual(response.status_code, 302)
                else:
                    self.assertEqual(self._status(response), reopen)
                closed.refresh_from_db()
                self.assertEqual(closed.is_closed, reopen != 200)
                if not closed.is_closed:
                    periods.period_close(period=closed, actor=self.auditor)
                response = self.client.post(
                    "/en/federation/reconciliation/",
                    {
                        "new-name": f"由 {who}",
                        "new-starts_on": days(1000).isoformat(),
                        "new-ends_on": days(1001).isoformat(),
                    },
                )
                created = ReportingPeriod.objects.filter(name=f"由 {who}")
                self.assertEqual(created.exists(), reports == 200)
                created.delete()

    def test_reopen_button_only_for_admins(self):
        periods.period_close(period=self.period, actor=self.auditor)
        selector = f'a[href$="/periods/{self.period.pk}/reopen/"]'
        self.client.force_login(self.auditor)
        doc = soup(self.client.get("/en/federation/reconciliation/"))
        self.assertIsNone(doc.select_one(selector))
        self.client.force_login(self.admin)
        doc = soup(self.client.get("/en/federation/reconciliation/"))
        self.assertIsNotNone(doc.select_one(selector))


class QueryCountTests(World):
    def _queries(self, url: str) -> int:
        self.client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def _grow(self, n: int) -> None:
        for number in range(n):
            session = training_factories.session(
                base=self.base_a if number % 2 else self.base_b,
                course=self.course,
                capacity=1,
                starts_on=days(-260 + number),
                ends_on=days(-205),
                name=f"新班 {number}",
            )
            enrol(session, Status.WITHDRAWN, completed=True, certificate=True)
            enrolment = enrol(session, Status.COMPLETED, completed=True)
            enrol(session, Status.ENROLLED)
            Outcome.objects.create(
                enrolment=enrolment,
                follow_up=3,
                status=Outcome.Status.UNKNOWN,
                recorded_on=days(-206),
                recorded_by=self.instructor,
            )
        TrainingBaseFactory.create_batch(n)

    def test_a_fixed_number_of_queries_whatever_the_data_size(self):
        self.client.force_login(self.auditor)
        index = f"/en/federation/reconciliation/?period={self.period.pk}"
        small = (self._queries(index), self._queries(self.base_url()))
        self._grow(6)
        large = (self._queries(index), self._queries(self.base_url()))
        self.assertEqual(small, large)
        doc = soup(self.client.get(self.base_url()))
        self.assertIn("Sessions over capacity: 4", doc.get_text(" "))
        self.assertLessEqual(large[1], 30, large)


class AmendmentsTests(World):
    """Outcomes recorded for a closed period's sessions are listed apart,
    without the trainee, until a federation admin reopens the period."""

    def close_and_amend(self):
        periods.period_close(period=self.period, actor=self.auditor)
        return outcome_record(
            enrolment=self.done,
            follow_up=12,
            status=Outcome.Status.SELF_EMPLOYED,
            recorded_on=days(-10),
            actor=self.instructor,
        )

    def amendment_rows(self, url: str) -> list[list[str]]:
        doc = soup(self.client.get(url))
        caption = doc.select_one("#amendments-caption")
        if caption is None:
            return []
        return [
            [cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
            for tr in caption.find_parent("table").tbody("tr")
        ]

    def test_the_amendment_is_listed_on_both_pages_without_the_trainee(self):
        amendment = self.close_and_amend()
        self.assertEqual(amendment.amends_period, self.period)
        self.assertEqual(
            [o.pk for o in selectors.amendments(self.period)], [amendment.pk]
        )
        self.assertEqual(selectors.amendments(self.period, base=self.base_b), [])
        with override("en"):
            amendment_day = date_format(days(-10), "DATE_FORMAT")
        for who in (self.auditor, self.admin):
            self.client.force_login(who)
            with self.subTest(who=str(who)):
                base_rows = self.amendment_rows(self.base_url())
                self.assertEqual(len(base_rows), 1)
                self.assertIn("有问题的班", base_rows[0][0])
                self.assertEqual(base_rows[0][1], "12 months")
                self.assertEqual(base_rows[0][2], amendment_day)
                self.assertEqual(base_rows[0][3], str(self.instructor))
                index = f"/en/federation/reconciliation/?period={self.period.pk}"
                rows = self.amendment_rows(index)
                self.assertEqual(rows[0][0], self.base_a.display_name)
                self.assertEqual(len(rows), 1)
                html = self.client.get(self.base_url()).content.decode()
                self.assertNotIn("李秘密", html)
        self.assertEqual(self.amendment_rows(self.base_url(base=self.base_b)), [])

    def test_reopening_folds_the_amendment_in(self):
        self.close_and_amend()
        periods.period_reopen(period=self.period, actor=self.admin, reason="补录随访")
        self.assertEqual(selectors.amendments(self.period), [])
        self.client.force_login(self.auditor)
        doc = soup(self.client.get(self.base_url()))
        self.assertIsNone(doc.select_one("#amendments-caption"))
        self.assertIn(
            "The period is open",
            doc.select_one("#amendments-heading").find_parent("section").text,
        )

    def test_the_pages_keep_a_fixed_number_of_queries_with_amendments(self):
        self.close_and_amend()
        self.client.force_login(self.auditor)
        index = f"/en/federation/reconciliation/?period={self.period.pk}"

        def queries(url: str) -> int:
            self.client.get(url)
            with CaptureQueriesContext(connection) as captured:
                self.client.get(url)
            return len(captured)

        small = (queries(index), queries(self.base_url()))
        for _ in range(4):
            enrolment = enrol(self.session_a, Status.COMPLETED, completed=True)
            outcome_record(
                enrolment=enrolment,
                follow_up=12,
                status=Outcome.Status.EMPLOYED,
                recorded_on=days(-5),
                actor=StaffRoleFactory(role=Role.INSTRUCTOR, base=self.base_a).user,
            )
        self.assertEqual(len(selectors.amendments(self.period)), 5)
        self.assertEqual((queries(index), queries(self.base_url())), small)
