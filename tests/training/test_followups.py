"""Follow-ups as a workflow: due dates refused early on every path, a
cohort entered in one all-or-nothing form, trainees reporting their own
status, instructors confirming it, and reports counting confirmed outcomes
only."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from accounts.models import StaffRole
from core.dates import add_months
from federation.selectors import dashboard
from federation.selectors import reconciliation as reconciliation_selectors
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup
from training.audit_display import describe
from training.models import AuditEntry, Enrolment, Outcome, ReportingPeriod
from training.selectors import followups as selectors
from training.selectors.followups import State
from training.services import periods
from training.services.followups import (
    ALREADY_CONFIRMED,
    NOT_YOUR_PLACE,
    BulkOutcomeError,
    FollowUpError,
    OutcomeRow,
    outcome_confirm,
    outcome_self_report,
    outcomes_record_bulk,
)
from training.services.records import (
    OUTCOME_IN_FUTURE,
    OutcomeDateError,
    RecordLocked,
    outcome_record,
)

Role = StaffRole.Role
Status = Enrolment.Status


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def complete(session, name: str = "") -> Enrolment:
    now = timezone.now()
    return Enrolment.objects.create(
        trainee=UserFactory(name=name) if name else UserFactory(),
        session=session,
        status=Status.COMPLETED,
        status_changed_at=now,
        completed_at=now,
    )


class World(TestCase):
    """A session that ended six months and ten days ago: the follow-up at 3
    months is overdue, the one at 6 months is due (ten days ago), the one at
    12 months is not due yet. Three trainees completed it, one is still
    listed as enrolled (not followed up)."""

    @classmethod
    def setUpTestData(cls):
        cls.instructor = StaffRoleFactory(role=Role.INSTRUCTOR).user
        cls.base = StaffRole.objects.get(user=cls.instructor).base
        cls.manager = StaffRoleFactory(role=Role.MANAGER, base=cls.base).user
        cls.other_instructor = StaffRoleFactory(role=Role.INSTRUCTOR).user
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        ends_on = add_months(today(), -6) - datetime.timedelta(days=10)
        cls.session = training_factories.session(
            base=cls.base,
            lessons=0,
            starts_on=ends_on - datetime.timedelta(days=60),
            ends_on=ends_on,
            name="电商客服班",
        )
        cls.session.instructors.add(cls.instructor)
        cls.ann = complete(cls.session, "安安")
        cls.bo = complete(cls.session, "博博")
        cls.cai = complete(cls.session, "彩彩")
        cls.enrolled = Enrolment.objects.create(
            trainee=UserFactory(name="未结业"),
            session=cls.session,
            status=Status.ENROLLED,
            status_changed_at=timezone.now(),
        )
        cls.trainee = cls.ann.trainee
        cls.url = f"/en/teach/sessions/{cls.session.pk}/follow-ups/"

    def report_url(self, enrolment=None, months=6) -> str:
        enrolment = enrolment or self.ann
        return f"/en/follow-ups/{enrolment.pk}/{months}/"

    def post_bulk(self, follow_up: int, data: dict):
        return self.client.post(f"{self.url}?follow_up={follow_up}", data)


class DueDateRuleTests(TestCase):
    """Follow-up N may be recorded from N months after the session ended."""

    def test_due_dates_as_a_table(self):
        instructor = StaffRoleFactory(role=Role.INSTRUCTOR).user
        base = StaffRole.objects.get(user=instructor).base
        # months since the session ended -> follow-ups that may be recorded today
        table = {
            0: set(),
            2: set(),
            3: {3},
            5: {3},
            6: {3, 6},  # the issue: a 12-month result six months after
            11: {3, 6},
            12: {3, 6, 12},
            14: {3, 6, 12},
        }
        for months, allowed in table.items():
            ends_on = add_months(today(), -months)
            session = training_factories.session(
                base=base,
                lessons=0,
                starts_on=ends_on - datetime.timedelta(days=30),
                ends_on=ends_on,
            )
            enrolment = complete(session)
            for follow_up in (3, 6, 12):
                with self.subTest(months=months, follow_up=follow_up):
                    record = lambda: outcome_record(  # noqa: E731
                        enrolment=enrolment,  # noqa: B023
                        follow_up=follow_up,  # noqa: B023
                        status=Outcome.Status.EMPLOYED,
                        recorded_on=today(),
                        actor=instructor,
                    )
                    if follow_up in allowed:
                        self.assertEqual(record().follow_up, follow_up)
                    else:
                        due = add_months(ends_on, follow_up)
                        with override("en"):
                            with self.assertRaises(OutcomeDateError) as caught:
                                record()
                            message = str(caught.exception)
                            self.assertIn(date_format(due, "DATE_FORMAT"), message)
                        self.assertFalse(
                            Outcome.objects.filter(
                                enrolment=enrolment, follow_up=follow_up
                            ).exists()
                        )

    def test_the_day_before_the_due_date_and_a_future_date_are_refused(self):
        instructor = StaffRoleFactory(role=Role.INSTRUCTOR).user
        base = StaffRole.objects.get(user=instructor).base
        ends_on = add_months(today(), -4)
        session = training_factories.session(
            base=base, lessons=0, starts_on=ends_on, ends_on=ends_on
        )
        enrolment = complete(session)
        due = add_months(ends_on, 3)
        cases = {
            due - datetime.timedelta(days=1): False,
            due: True,
            today(): True,
            days(1): False,
        }
        for recorded_on, allowed in cases.items():
            with self.subTest(recorded_on=recorded_on):
                record = lambda: outcome_record(  # noqa: E731
                    enrolment=enrolment,
                    follow_up=3,
                    status=Outcome.Status.SEEKING_WORK,
                    recorded_on=recorded_on,  # noqa: B023
                    actor=instructor,
                )
                if allowed:
                    self.assertEqual(record().recorded_on, recorded_on)
                else:
                    with self.assertRaises(OutcomeDateError):
                        record()
        with self.assertRaisesMessage(OutcomeDateError, str(OUTCOME_IN_FUTURE)):
            outcome_record(
                enrolment=enrolment,
                follow_up=3,
                status=Outcome.Status.SEEKING_WORK,
                recorded_on=days(1),
                actor=instructor,
            )


class SelectorTests(World):
    def test_states_of_each_follow_up(self):
        outcome_record(
            enrolment=self.bo,
            follow_up=3,
            status=Outcome.Status.EMPLOYED,
            recorded_on=days(-5),
            actor=self.instructor,
        )
        outcome_self_report(
            enrolment=self.cai,
            follow_up=6,
            status=Outcome.Status.SEEKING_WORK,
            actor=self.cai.trainee,
        )
        rows = {
            row.enrolment.pk: {n: cell.state for n, cell in row.cells.items()}
            for row in selectors.session_followups(self.session, today=today())
        }
        self.assertEqual(set(rows), {self.ann.pk, self.bo.pk, self.cai.pk})
        self.assertEqual(
            rows[self.ann.pk], {3: State.OVERDUE, 6: State.DUE, 12: State.NOT_DUE}
        )
        self.assertEqual(rows[self.bo.pk][3], State.DONE)
        self.assertEqual(rows[self.cai.pk][6], State.REPORTED)

    def test_overdue_boundary_is_thirty_days(self):
        due = add_months(self.session.ends_on, 6)
        for offset, state in ((0, State.DUE), (30, State.DUE), (31, State.OVERDUE)):
            with self.subTest(offset=offset):
                on = due + datetime.timedelta(days=offset)
                self.assertEqual(selectors.follow_up_state(due, None, on), state)
        self.assertEqual(
            selectors.follow_up_state(due, None, due - datetime.timedelta(days=1)),
            State.NOT_DUE,
        )

    def test_overdue_across_the_sessions_someone_runs(self):
        overdue = selectors.overdue_followups(self.instructor, today=today())
        self.assertEqual(
            [(o.session_id, o.months, o.people) for o in overdue],
            [(self.session.pk, 3, 3)],
        )
        # A self-report still waits for confirmation: still overdue.
        outcome = outcome_self_report(
            enrolment=self.ann,
            follow_up=3,
            status=Outcome.Status.EMPLOYED,
            actor=self.trainee,
        )
        overdue = selectors.overdue_followups(self.instructor, today=today())
        self.assertEqual(overdue[0].people, 3)
        outcome_confirm(outcome=outcome, actor=self.instructor)
        overdue = selectors.overdue_followups(self.instructor, today=today())
        self.assertEqual(overdue[0].people, 2)
        self.assertEqual(
            selectors.overdue_followups(self.other_instructor, today=today()), []
        )
        self.assertEqual(len(selectors.overdue_followups(self.admin, today=today())), 1)


class BulkEntryTests(World):
    def setUp(self):
        self.client.force_login(self.instructor)

    def test_the_page_lists_who_is_due_and_the_rows_of_the_chosen_follow_up(self):
        doc = soup(self.client.get(self.url))
        caption = doc.select_one("#due-caption")
        self.assertIsNotNone(caption)
        names = [th.get_text(strip=True) for th in doc.select("tbody th[scope=row]")]
        self.assertEqual(sorted(names), sorted(["安安", "博博", "彩彩"]))
        self.assertNotIn("未结业", doc.get_text())
        self.assertIn("Overdue", doc.select_one("tbody").get_text())
        self.assertIsNone(doc.select_one("#bulk-caption"))
        doc = soup(self.client.get(f"{self.url}?follow_up=6"))
        table = doc.select_one("#bulk-caption").find_parent("table")
        self.assertEqual(len(table.select("tbody tr")), 3)
        self.assertEqual([th["scope"] for th in table.select("thead th")], ["col"] * 5)
        select = doc.select_one(f"#id_status_{self.ann.pk}")
        label = doc.select_one(f"label[for=id_status_{self.ann.pk}]")
        self.assertIn("安安", label.get_text())
        self.assertIsNotNone(select)
        self.assertEqual(
            doc.select_one(f"#id_recorded_on_{self.ann.pk}")["value"],
            today().isoformat(),
        )
        # Not due: no rows, and a sentence that says so.
        doc = soup(self.client.get(f"{self.url}?follow_up=12"))
        self.assertIsNone(doc.select_one("#bulk-caption"))
        self.assertIn("No one is due", doc.get_text())
        # A follow-up that does not exist is a form error, not a 500.
        response = self.client.get(f"{self.url}?follow_up=7")
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(soup(response).select_one(".error-summary"))

    def test_blank_rows_are_skipped_and_filled_rows_saved(self):
        response = self.post_bulk(
            6,
            {
                f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
                f"recorded_on_{self.ann.pk}": days(-1).isoformat(),
                f"notes_{self.ann.pk}": "超市收银",
                f"status_{self.bo.pk}": "",
                f"recorded_on_{self.bo.pk}": today().isoformat(),
                f"notes_{self.bo.pk}": "",
                f"status_{self.cai.pk}": Outcome.Status.SEEKING_WORK,
                f"recorded_on_{self.cai.pk}": today().isoformat(),
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"{self.url}?follow_up=6#notice")
        saved = {
            o.enrolment_id: o
            for o in Outcome.objects.filter(enrolment__session=self.session)
        }
        self.assertEqual(set(saved), {self.ann.pk, self.cai.pk})
        self.assertEqual(saved[self.ann.pk].notes, "超市收银")
        self.assertTrue(saved[self.ann.pk].confirmed)
        self.assertEqual(saved[self.ann.pk].confirmed_by, self.instructor)
        self.assertEqual(saved[self.ann.pk].follow_up, 6)
        self.assertEqual(AuditEntry.objects.filter(action="outcome.record").count(), 2)
        # Existing outcomes come back in the form, editable; saving them
        # unchanged writes nothing.
        doc = soup(self.client.get(f"{self.url}?follow_up=6"))
        chosen = doc.select_one(f"#id_status_{self.ann.pk} option[selected]")
        self.assertEqual(chosen["value"], Outcome.Status.EMPLOYED)
        self.assertEqual(
            doc.select_one(f"#id_notes_{self.ann.pk}")["value"], "超市收银"
        )
        self.post_bulk(
            6,
            {
                f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
                f"recorded_on_{self.ann.pk}": days(-1).isoformat(),
                f"notes_{self.ann.pk}": "超市收银",
            },
        )
        self.assertEqual(AuditEntry.objects.filter(action="outcome.record").count(), 2)

    def test_one_bad_row_saves_nothing_and_keeps_every_input(self):
        too_early = add_months(self.session.ends_on, 6) - datetime.timedelta(days=1)
        data = {
            f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
            f"recorded_on_{self.ann.pk}": today().isoformat(),
            f"notes_{self.ann.pk}": "第一行",
            f"status_{self.bo.pk}": Outcome.Status.FURTHER_TRAINING,
            f"recorded_on_{self.bo.pk}": too_early.isoformat(),
            f"notes_{self.bo.pk}": "第二行",
            f"status_{self.cai.pk}": Outcome.Status.SEEKING_WORK,
            f"recorded_on_{self.cai.pk}": today().isoformat(),
        }
        response = self.post_bulk(6, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Outcome.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action="outcome.record").exists())
        doc = soup(response)
        summary = doc.select_one(".error-summary")
        link = summary.select_one("a")
        self.assertEqual(link["href"], f"#id_recorded_on_{self.bo.pk}")
        self.assertIn("博博", link.get_text())
        row = doc.select_one(f"#id_recorded_on_{self.bo.pk}").find_parent("tr")
        self.assertIn("row--error", row["class"])
        self.assertIn(
            "cannot be recorded before then",
            row.select_one(".field__errors").get_text(),
        )
        self.assertIn(
            f"id_recorded_on_{self.bo.pk}_error",
            doc.select_one(f"#id_recorded_on_{self.bo.pk}")["aria-describedby"],
        )
        # Every row's input is kept, the good rows' too.
        self.assertEqual(doc.select_one(f"#id_notes_{self.ann.pk}")["value"], "第一行")
        self.assertEqual(
            doc.select_one(f"#id_recorded_on_{self.bo.pk}")["value"],
            too_early.isoformat(),
        )
        chosen = doc.select_one(f"#id_status_{self.cai.pk} option[selected]")
        self.assertEqual(chosen["value"], Outcome.Status.SEEKING_WORK)

    def test_form_errors_are_shown_per_row(self):
        response = self.post_bulk(
            6,
            {
                f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
                f"recorded_on_{self.ann.pk}": "not a date",
                f"status_{self.bo.pk}": "",
                f"notes_{self.bo.pk}": "只写了备注",
                f"status_{self.cai.pk}": Outcome.Status.EMPLOYED,
                f"recorded_on_{self.cai.pk}": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Outcome.objects.exists())
        links = [a["href"] for a in soup(response).select(".error-summary a")]
        self.assertEqual(
            sorted(links),
            sorted(
                [
                    f"#id_recorded_on_{self.ann.pk}",
                    f"#id_status_{self.bo.pk}",
                    f"#id_recorded_on_{self.cai.pk}",
                ]
            ),
        )

    def test_the_service_is_all_or_nothing(self):
        rows = [
            OutcomeRow(self.ann, Outcome.Status.EMPLOYED, today()),
            OutcomeRow(self.bo, Outcome.Status.EMPLOYED, days(1)),
        ]
        with self.assertRaises(BulkOutcomeError) as caught:
            outcomes_record_bulk(follow_up=6, rows=rows, actor=self.instructor)
        self.assertEqual(set(caught.exception.errors), {self.bo.pk})
        self.assertFalse(Outcome.objects.exists())


class SelfReportTests(World):
    def test_the_trainee_reports_and_the_instructor_confirms(self):
        self.client.force_login(self.trainee)
        doc = soup(self.client.get(self.report_url()))
        fieldset = doc.select_one("form fieldset")
        self.assertIsNotNone(fieldset.select_one("legend"))
        self.assertEqual(len(fieldset.select("input[type=radio]")), 5)
        response = self.client.post(
            self.report_url(),
            {"status": Outcome.Status.EMPLOYED, "notes": "在超市上班"},
        )
        self.assertEqual(response.status_code, 302)
        outcome = Outcome.objects.get(enrolment=self.ann, follow_up=6)
        self.assertTrue(outcome.self_reported)
        self.assertFalse(outcome.confirmed)
        self.assertEqual(outcome.recorded_by, self.trainee)
        self.assertEqual(outcome.recorded_on, today())
        doc = soup(self.client.get(self.report_url()))
        self.assertIsNone(doc.select_one("form.form"))
        self.assertIn("your instructor will confirm it", doc.get_text().lower())
        # The instructor sees it waiting and confirms it with the box.
        self.client.force_login(self.instructor)
        doc = soup(self.client.get(f"{self.url}?follow_up=6"))
        box = doc.select_one(f"#id_confirm_{self.ann.pk}")
        self.assertIsNotNone(box)
        self.assertIn("waiting for you to confirm", doc.get_text())
        row = {
            f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
            f"recorded_on_{self.ann.pk}": today().isoformat(),
            f"notes_{self.ann.pk}": "在超市上班",
        }
        # Saving the form with the report left as it is, box not ticked,
        # leaves it waiting.
        self.assertEqual(self.post_bulk(6, row).status_code, 302)
        outcome.refresh_from_db()
        self.assertFalse(outcome.confirmed)
        self.assertFalse(AuditEntry.objects.filter(action="outcome.confirm").exists())
        response = self.post_bulk(
            6,
            {
                f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
                f"recorded_on_{self.ann.pk}": today().isoformat(),
                f"notes_{self.ann.pk}": "在超市上班",
                f"confirm_{self.ann.pk}": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        outcome.refresh_from_db()
        self.assertTrue(outcome.confirmed)
        self.assertEqual(outcome.confirmed_by, self.instructor)
        self.assertIsNotNone(outcome.confirmed_at)
        entry = AuditEntry.objects.get(action="outcome.confirm")
        self.assertEqual(entry.actor, self.instructor)
        self.assertEqual(entry.trainee, self.trainee)
        with override("en"):
            described = describe(entry)
            self.assertEqual(described.action_label, "Trainee's report confirmed")
        # Once confirmed, the trainee can no longer replace it.
        with self.assertRaisesMessage(FollowUpError, str(ALREADY_CONFIRMED)):
            outcome_self_report(
                enrolment=self.ann,
                follow_up=6,
                status=Outcome.Status.SEEKING_WORK,
                actor=self.trainee,
            )
        self.client.force_login(self.trainee)
        doc = soup(self.client.get(self.report_url()))
        self.assertIn("has recorded this follow-up", doc.get_text())

    def test_a_missing_status_is_an_error_with_the_notes_kept(self):
        self.client.force_login(self.trainee)
        response = self.client.post(self.report_url(), {"notes": "还在找"})
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIsNotNone(doc.select_one(".error-summary"))
        self.assertEqual(doc.select_one("#id_notes").get_text().strip(), "还在找")
        self.assertFalse(Outcome.objects.exists())

    def test_not_due_yet(self):
        self.client.force_login(self.trainee)
        response = self.client.get(self.report_url(months=12))
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        self.assertIsNone(doc.select_one("form.form"))
        due = add_months(self.session.ends_on, 12)
        with override("en"):
            self.assertIn(date_format(due, "DATE_FORMAT"), doc.get_text())
        self.client.post(self.report_url(months=12), {"status": "employed"})
        self.assertFalse(Outcome.objects.exists())
        with self.assertRaises(OutcomeDateError):
            outcome_self_report(
                enrolment=self.ann,
                follow_up=12,
                status=Outcome.Status.EMPLOYED,
                actor=self.trainee,
            )

    def test_only_the_trainee_of_the_place(self):
        with self.assertRaisesMessage(FollowUpError, str(NOT_YOUR_PLACE)):
            outcome_self_report(
                enrolment=self.ann,
                follow_up=6,
                status=Outcome.Status.EMPLOYED,
                actor=self.bo.trainee,
            )
        self.assertEqual(self.client.get(self.report_url()).status_code, 302)
        for who, enrolment, months, expected in [
            (self.bo.trainee, self.ann, 6, 404),
            (self.instructor, self.ann, 6, 404),
            (self.enrolled.trainee, self.enrolled, 6, 404),
            (self.trainee, self.ann, 7, 404),
            (self.trainee, self.ann, 3, 200),
        ]:
            with self.subTest(who=str(who), months=months):
                self.client.force_login(who)
                response = self.client.get(self.report_url(enrolment, months))
                self.assertEqual(response.status_code, expected)

    def test_a_confirmation_that_would_change_a_closed_period_is_refused(self):
        outcome = outcome_self_report(
            enrolment=self.ann,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            actor=self.trainee,
        )
        period = ReportingPeriod.objects.create(
            name="上一期",
            starts_on=self.session.starts_on,
            ends_on=self.session.ends_on,
        )
        periods.period_close(period=period, actor=self.auditor)
        with self.assertRaises(RecordLocked):
            outcome_confirm(outcome=outcome, actor=self.instructor)
        outcome.refresh_from_db()
        self.assertFalse(outcome.confirmed)
        # A report made after the close is an amendment: it may be confirmed,
        # and is listed apart on reconciliation once it is.
        late = outcome_self_report(
            enrolment=self.bo,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            actor=self.bo.trainee,
        )
        self.assertEqual(late.amends_period, period)
        self.assertEqual(reconciliation_selectors.amendments(period), [])
        outcome_confirm(outcome=late, actor=self.instructor)
        self.assertEqual(reconciliation_selectors.amendments(period), [late])


class ReconciliationTests(World):
    def test_confirming_after_the_close_is_refused_then_flagged_once_reopened(self):
        """A report dated in a period is locked with it; confirming it after
        a reopening changes the figures, so reconciliation lists it."""
        outcome = outcome_self_report(
            enrolment=self.ann,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            actor=self.trainee,
        )
        period = ReportingPeriod.objects.create(
            name="本月", starts_on=days(-5), ends_on=today()
        )
        periods.period_close(period=period, actor=self.auditor)
        with self.assertRaises(RecordLocked):
            outcome_confirm(outcome=outcome, actor=self.instructor)
        periods.period_reopen(period=period, actor=self.admin, reason="确认自报")
        outcome_confirm(outcome=outcome, actor=self.instructor)
        sessions = reconciliation_selectors.base_sessions(self.base, period)
        flags = {
            flag.check.key: flag.total
            for flag in reconciliation_selectors.base_flags(self.base, period, sessions)
        }
        self.assertEqual(flags["outcome_edited_after_close"], 1)


class PermissionTests(World):
    def test_who_may_use_the_follow_up_page(self):
        table = {
            "anonymous": (302, 302),
            "trainee": (403, 403),
            "other_instructor": (403, 403),
            "auditor": (403, 403),
            "instructor": (200, 302),
            "manager": (200, 302),
            "admin": (200, 302),
        }
        data = {
            f"status_{self.ann.pk}": Outcome.Status.EMPLOYED,
            f"recorded_on_{self.ann.pk}": today().isoformat(),
        }
        for who, (get, post) in table.items():
            with self.subTest(who):
                Outcome.objects.all().delete()
                self.client.logout()
                if who != "anonymous":
                    self.client.force_login(getattr(self, who))
                url = f"{self.url}?follow_up=6"
                self.assertEqual(self.client.get(url).status_code, get)
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, post)
                saved = Outcome.objects.filter(enrolment=self.ann).exists()
                self.assertEqual(saved, post == 302 and who != "anonymous")


class ReportsCountConfirmedTests(World):
    def employed(self, n: int) -> int:
        filters = dashboard.Filters(session=self.session.pk)
        return dashboard.totals(filters)[f"employed_{n}"]

    def test_an_unconfirmed_report_does_not_count_until_confirmed(self):
        self.assertEqual(self.employed(6), 0)
        outcome = outcome_self_report(
            enrolment=self.ann,
            follow_up=6,
            status=Outcome.Status.EMPLOYED,
            actor=self.trainee,
        )
        self.assertEqual(self.employed(6), 0)
        counts = dashboard.outcome_statuses(dashboard.Filters(session=self.session.pk))
        self.assertEqual(counts[(6, Outcome.Status.EMPLOYED)], 0)
        outcome_confirm(outcome=outcome, actor=self.instructor)
        self.assertEqual(self.employed(6), 1)
        counts = dashboard.outcome_statuses(dashboard.Filters(session=self.session.pk))
        self.assertEqual(counts[(6, Outcome.Status.EMPLOYED)], 1)


class QueryCountTests(World):
    def queries(self, url: str) -> int:
        self.client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_the_follow_up_page_is_a_fixed_number_of_queries(self):
        self.client.force_login(self.instructor)
        urls = [self.url, f"{self.url}?follow_up=3", f"{self.url}?follow_up=6"]
        small = [self.queries(url) for url in urls]
        for number in range(6):
            enrolment = complete(self.session, f"学员{number}")
            outcome_record(
                enrolment=enrolment,
                follow_up=3,
                status=Outcome.Status.EMPLOYED,
                recorded_on=days(-1),
                actor=self.instructor,
            )
            outcome_self_report(
                enrolment=enrolment,
                follow_up=6,
                status=Outcome.Status.SEEKING_WORK,
                actor=enrolment.trainee,
            )
        large = [self.queries(url) for url in urls]
        self.assertEqual(small, large)

    def test_the_teach_home_is_a_fixed_number_of_queries(self):
        self.client.force_login(self.instructor)
        small = self.queries("/en/teach/")
        doc = soup(self.client.get("/en/teach/"))
        self.assertEqual(len(doc.select("#overdue-caption")), 1)
        for number in range(4):
            ends_on = add_months(today(), -14) - datetime.timedelta(days=number)
            session = training_factories.session(
                base=self.base,
                course=self.session.course,
                starts_on=ends_on - datetime.timedelta(days=10),
                ends_on=ends_on,
                name=f"往期 {number}",
            )
            complete(session)
            complete(session)
        large = self.queries("/en/teach/")
        self.assertEqual(small, large)
        doc = soup(self.client.get("/en/teach/"))
        rows = (
            doc.select_one("#overdue-caption").find_parent("table").select("tbody tr")
        )
        self.assertEqual(len(rows), 1 + 4 * 3)
        links = [row.select_one("a")["href"] for row in rows]
        self.assertIn(f"{self.url}?follow_up=3", links)
