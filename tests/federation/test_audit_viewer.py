"""The federation audit trail viewer: who may open it, filters, old → new
values, what auditors never see, bad input, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import StaffRole
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from training.models import AuditEntry
from training.services import enrolment as enrolment_service

Role = StaffRole.Role
URL = "/en/federation/audit/"
TRAINEE_NAME = "Wang Xiaoming"
TRAINEE_EMAIL = "wang.xiaoming@example.org"
SECRET_NOTE = "Works at Wang's Noodles on Jiefang Road"


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


class AuditViewerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base_a, cls.base_b = TrainingBaseFactory(), TrainingBaseFactory()
        course = course_factories.course(course_factories.base_section(cls.base_a))
        cls.session_a = training_factories.session(
            base=cls.base_a, course=course, name="Session A"
        )
        cls.session_a2 = training_factories.session(
            base=cls.base_a, course=course, name="Session A two"
        )
        cls.session_b = training_factories.session(
            base=cls.base_b, course=course, name="Session B"
        )
        cls.trainee = UserFactory(name=TRAINEE_NAME, email=TRAINEE_EMAIL)
        cls.instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=cls.base_a).user
        cls.instructor.name = "Teacher Zhao"
        cls.instructor.save()
        cls.manager = StaffRoleFactory(role=Role.MANAGER, base=cls.base_a).user
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        # A real entry: the trainee applies themself.
        cls.enrolment = enrolment_service.enrolment_create(
            trainee=cls.trainee, session=cls.session_a, actor=cls.trainee
        )
        AuditEntry.objects.filter(pk=cls._last().pk).update(at=_at(2026, 9, 1))
        cls.outcome = cls._entry(
            session=cls.session_a,
            action="outcome.record",
            object_type="outcome",
            changes={
                "status": ["seeking_work", "employed"],
                "notes": ["", SECRET_NOTE],
                "follow_up": [None, 3],
            },
            at=_at(2026, 10, 5),
        )
        cls.other_base = cls._entry(
            session=cls.session_b,
            action="attendance.record",
            object_type="attendance",
            changes={"status": [None, "present"]},
            at=_at(2026, 9, 20),
            actor=cls.admin,
        )
        cls.certificate = cls._entry(
            session=cls.session_a2,
            action="certificate.issue",
            object_type="certificate",
            changes={"code": [None, "ABCD-1234"]},
            at=_at(2026, 11, 2),
        )
        cls.period = AuditEntry.objects.create(
            actor=cls.auditor,
            action="period.close",
            object_type="reportingperiod",
            object_id=7,
            changes={"closed_at": [None, "2026-12-01T10:00:00+08:00"]},
        )
        AuditEntry.objects.filter(pk=cls.period.pk).update(at=_at(2026, 12, 1))
        cls.unknown = AuditEntry.objects.create(
            actor=cls.admin,
            action="widget.frobnicate",
            object_type="widget",
            object_id=3,
            changes={"colour": ["red", "blue"]},
        )
        AuditEntry.objects.filter(pk=cls.unknown.pk).update(at=_at(2026, 12, 2))

    @classmethod
    def _last(cls) -> AuditEntry:
        return AuditEntry.objects.order_by("-pk").first()

    @classmethod
    def _entry(cls, *, session, at, actor=None, trainee=None, **fields) -> AuditEntry:
        entry = AuditEntry.objects.create(
            actor=actor or cls.instructor,
            object_id=fields.pop("object_id", 1),
            session=session,
            base=session.base,
            trainee=trainee or cls.trainee,
            **fields,
        )
        AuditEntry.objects.filter(pk=entry.pk).update(at=at)
        return entry

    def _get(self, who, query: str = ""):
        self.client.force_login(who)
        return self.client.get(URL + query)

    @staticmethod
    def _rows(doc) -> list[str]:
        return [row.get_text(" ", strip=True) for row in doc.select("tbody tr")]

    # Permissions -------------------------------------------------------------

    def test_permission_table(self):
        table = {
            None: 302,
            self.trainee: 403,
            self.instructor: 403,
            self.manager: 403,
            self.auditor: 200,
            self.admin: 200,
        }
        for who, expected in table.items():
            self.client.logout()
            if who is not None:
                self.client.force_login(who)
            response = self.client.get(URL)
            assert response.status_code == expected, (who, response.status_code)
            if expected == 302:
                assert "/accounts/login/" in response["Location"]

    def test_only_admins_get_the_person_filter_and_the_trainee_column(self):
        admin = soup(self._get(self.admin))
        assert admin.select_one("input#id_person") is not None
        assert "Trainee" in [th.get_text(strip=True) for th in admin.select("thead th")]
        auditor = soup(self._get(self.auditor))
        assert auditor.select_one("input#id_person") is None
        headers = [th.get_text(strip=True) for th in auditor.select("thead th")]
        assert "Trainee" not in headers and "Who" in headers

    def test_auditors_never_see_a_trainee_or_personal_notes(self):
        for query in ["", f"?person={TRAINEE_NAME}", "?action=outcome.record"]:
            page = self._get(self.auditor, query).content.decode()
            assert TRAINEE_NAME not in page, query
            assert TRAINEE_EMAIL not in page, query
            assert SECRET_NOTE not in page, query
            assert "ABCD-1234" not in page, query
        doc = soup(self._get(self.auditor, "?action=outcome.record"))
        (row,) = self._rows(doc)
        assert "Notes: — → (hidden)" in row
        assert "Outcome: Seeking work → Employed" in row
        # Staff are named; a trainee acting for themself is not.
        assert "Teacher Zhao" in row
        doc = soup(self._get(self.auditor, "?action=enrolment.create"))
        (row,) = self._rows(doc)
        assert "The trainee" in row

    def test_admins_see_the_trainee_and_the_notes(self):
        doc = soup(self._get(self.admin, "?action=outcome.record"))
        (row,) = self._rows(doc)
        assert TRAINEE_NAME in row and SECRET_NOTE in row

    # Results and filters -----------------------------------------------------

    def test_everything_newest_first_with_labels_and_old_to_new(self):
        doc = assert_accessible_shell(self._get(self.auditor), lang="en")
        assert doc.select_one("table caption") is not None
        assert all(th.get("scope") == "col" for th in doc.select("thead th"))
        rows = self._rows(doc)
        assert len(rows) == 6
        assert "6 changes match." in doc.get_text(" ", strip=True)
        assert "widget.frobnicate" in rows[0] and "Colour: red → blue" in rows[0]
        assert "Reporting period closed" in rows[1] and "Reporting period #7" in rows[1]
        assert "Closed at: — → Dec. 1, 2026, 10 a.m." in rows[1]
        assert "Certificate issued" in rows[2]
        assert "Outcome recorded" in rows[3]
        assert "Attendance recorded" in rows[4] and "Attendance: — → Present" in rows[4]
        assert "Enrolment created" in rows[5]
        assert "Status: — → Enrolled" in rows[5] or "Status: — → On the" in rows[5]
        assert self.base_b.name_en in rows[4] and "Session B" in rows[4]
        link = doc.select_one(
            f'tbody a[href="/en/teach/sessions/{self.session_b.pk}/audit/"]'
        )
        assert link is not None

    def test_filters_by_base_session_action_and_date(self):
        cases = {
            f"?base={self.base_a.pk}": 3,
            f"?base={self.base_b.pk}": 1,
            f"?base={self.base_a.pk}&session={self.session_a2.pk}": 1,
            f"?session={self.session_a.pk}": 2,
            "?action=period.close": 1,
            "?date_from=2026-09-20&date_to=2026-10-05": 2,
            "?date_from=2026-12-01": 2,
            "?date_from=2026/09/20&date_to=2026.10.05": 2,
            "?date_to=2026-09-01": 1,
            f"?base={self.base_a.pk}&action=outcome.record&date_from=2026-10-01": 1,
        }
        for query, expected in cases.items():
            doc = soup(self._get(self.auditor, query))
            assert len(self._rows(doc)) == expected, query
            assert doc.select_one(".error-summary") is None, query
        doc = soup(self._get(self.auditor, f"?base={self.base_a.pk}"))
        sessions = [o.get_text() for o in doc.select("#id_session option")]
        assert any("Session A two" in s for s in sessions)
        assert not any("Session B" in s for s in sessions)
        assert (
            doc.select_one(f'#id_base option[value="{self.base_a.pk}"]')["selected"]
            is not None
        )

    def test_every_view_is_logged_with_its_filters(self):
        from federation.models import ReportAccess

        self._get(self.auditor, f"?base={self.base_a.pk}&action=outcome.record")
        entry = ReportAccess.objects.latest("pk")
        assert entry.user == self.auditor and entry.report == "audit"
        assert entry.filters == {
            "base": str(self.base_a.pk),
            "action": "outcome.record",
        }

    def test_person_filter_matches_the_trainee_or_the_actor(self):
        doc = soup(self._get(self.admin, "?person=wang.xiaoming@"))
        assert len(self._rows(doc)) == 4
        doc = soup(self._get(self.admin, "?person=teacher zhao"))
        assert len(self._rows(doc)) == 2
        # Auditors cannot search by person: the parameter is ignored.
        doc = soup(self._get(self.auditor, "?person=teacher zhao"))
        assert len(self._rows(doc)) == 6

    def test_no_match_says_so(self):
        doc = soup(self._get(self.auditor, "?date_from=2030-01-01"))
        assert not doc.select("table")
        assert "No changes match" in doc.get_text()

    # Bad input ---------------------------------------------------------------

    def test_bad_input_shows_errors_and_keeps_input(self):
        cases = [
            ("?date_from=2026-02-30&action=quiz.start", "date_from"),
            ("?date_from=2026-10-01&date_to=2026-09-01", "date_to"),
            (f"?base={self.base_b.pk}&session={self.session_a.pk}", "session"),
            ("?action=nonsense", "action"),
            ("?base=abc", "base"),
        ]
        for query, field in cases:
            response = self._get(self.auditor, query)
            assert response.status_code == 200, query
            doc = soup(response)
            summary = doc.select_one(".error-summary")
            assert summary is not None, query
            assert summary.select_one(f'a[href="#id_{field}"]') is not None, query
            assert doc.select_one(f"#id_{field}_error") is not None, query
            assert not doc.select("tbody tr"), query
        doc = soup(self._get(self.auditor, cases[0][0]))
        assert doc.select_one("#id_date_from")["value"] == "2026-02-30"
        assert doc.select_one('#id_action option[value="quiz.start"]').has_attr(
            "selected"
        )

    # Pages and queries -------------------------------------------------------

    def test_pages_keep_the_filters(self):
        for number in range(55):
            self._entry(
                session=self.session_b,
                action="attendance.record",
                object_type="attendance",
                object_id=100 + number,
                changes={"status": [None, "absent"]},
                at=_at(2026, 9, 21),
            )
        query = f"?base={self.base_b.pk}&action=attendance.record"
        doc = soup(self._get(self.auditor, query))
        assert len(self._rows(doc)) == 50
        assert "56 changes match." in doc.get_text(" ", strip=True)
        href = doc.select_one('nav.pagination a[rel="next"]')["href"]
        assert f"base={self.base_b.pk}" in href and "action=attendance.record" in href
        assert "page=2" in href
        doc = soup(self.client.get(URL + href))
        assert len(self._rows(doc)) == 6
        previous = doc.select_one('nav.pagination a[rel="prev"]')["href"]
        assert "action=attendance.record" in previous and "page=1" in previous

    def _queries(self, who, query: str) -> int:
        self.client.force_login(who)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(URL + query)
        assert response.status_code == 200
        return len(queries)

    def test_a_fixed_number_of_queries_whatever_the_number_of_entries(self):
        query = f"?base={self.base_a.pk}&session={self.session_a.pk}"
        for who in (self.auditor, self.admin):
            self._queries(who, query)  # warm-up
        small = [
            self._queries(who, q)
            for who in (self.auditor, self.admin)
            for q in ("", query)
        ]
        for number in range(30):
            self._entry(
                session=self.session_a,
                action="enrolment.status",
                object_type="enrolment",
                object_id=200 + number,
                changes={"status": ["applied", "enrolled"]},
                at=_at(2026, 9, 2),
                actor=self.manager if number % 2 else UserFactory(),
                trainee=UserFactory(),
            )
        large = [
            self._queries(who, q)
            for who in (self.auditor, self.admin)
            for q in ("", query)
        ]
        assert small == large, (small, large)


@pytest.mark.django_db
def test_zh_hans_page_renders(client):
    client.force_login(StaffRoleFactory(role=Role.AUDITOR, base=None).user)
    response = client.get("/zh-hans/federation/audit/")
    assert response.status_code == 200
    assert_accessible_shell(response, lang="zh-Hans")
