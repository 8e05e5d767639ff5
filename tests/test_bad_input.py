"""No input answers 500: every page and form that takes parameters is sent NUL
characters, overlong values and malformed ids and dates, in the query string
and in the form, and must answer below 500 (a form error, a 400, 403 or 404
page). Backend-neutral: runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from accounts.models import StaffRole
from federation.models import ReportAccess
from federation.services.report_access import report_access_record
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from training.models import Enrolment

Role = StaffRole.Role

BAD_VALUES = [
    "a\x00b",
    "\x00",
    "x" * 10_000,
    "9" * 5_000,
    "-1",
    "0",
    "99999999999999999999999",
    "2026-02-30",
    "2026-13-45",
    "1e5",
    "abc",
    " ",
    "[]",
    "中文",
]

# Every parameter name a form or view of ours reads (from the URLconfs' views
# and their forms), sent all at once with the same bad value.
PARAMETERS = [
    "action",
    "answer",
    "base",
    "categories",
    "category",
    "code",
    "comment",
    "confirm",
    "consent",
    "course",
    "date_from",
    "date_to",
    "day",
    "delivery_mode",
    "dir",
    "email",
    "ends_on",
    "follow_up",
    "format",
    "home_base",
    "mode",
    "name",
    "needs",
    "next",
    "notes",
    "page",
    "page_url",
    "period",
    "phone",
    "preferred_language",
    "q",
    "reason",
    "recorded_on",
    "reply_by",
    "skill",
    "skill_area",
    "sort",
    "starts_on",
    "status",
    "text_size",
    "theme",
    "token",
    "trainee",
    "verdict",
    "version",
    "what_happened",
    "new-name",
    "new-starts_on",
    "new-ends_on",
    "file",
]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base = TrainingBaseFactory()
        cls.course = course_factories.course(course_factories.base_section(cls.base))
        cls.lesson = course_factories.lesson(cls.course, title="第1课")
        cls.session = training_factories.session(base=cls.base, course=cls.course)
        cls.trainee = UserFactory()
        cls.enrolment = Enrolment.objects.create(
            trainee=cls.trainee,
            session=cls.session,
            status=Enrolment.Status.ENROLLED,
            status_changed_at=timezone.now(),
        )
        cls.manager = StaffRoleFactory(role=Role.MANAGER, base=cls.base).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user

    def _send(self, method: str, url: str):
        for value in BAD_VALUES:
            data = dict.fromkeys(PARAMETERS, value)
            with self.subTest(method=method, url=url, value=value[:20]):
                if method == "GET":
                    response = self.client.get(url, data)
                else:
                    data.pop("file")
                    response = self.client.post(url, data)
                assert response.status_code < 500, (method, url, value[:20])

    def _each(self, endpoints):
        for method, url in endpoints:
            self._send(method, url)

    def test_public_pages(self):
        self._each(
            [
                ("GET", "/en/"),
                ("GET", self.course.url),
                ("GET", course_factories.catalogue().url),
                ("GET", "/en/verify/"),
                ("GET", "/en/verify/%00/"),
                ("GET", "/en/certificates/nope/"),
                ("GET", "/en/report-a-barrier/"),
                ("POST", "/en/report-a-barrier/"),
                ("GET", "/en/accounts/login/"),
                ("POST", "/en/accounts/login/"),
                ("POST", "/en/accounts/signup/"),
                ("POST", "/en/accounts/login/code/"),
                ("GET", "/en/display/"),
                ("POST", "/en/display/"),
                ("GET", "/en/no-such-page/"),
            ]
        )

    def test_trainee_pages(self):
        self.client.force_login(self.trainee)
        self._each(
            [
                ("GET", "/en/profile/"),
                ("POST", "/en/profile/details/"),
                ("POST", "/en/profile/needs/"),
                ("POST", "/en/profile/needs/withdraw/"),
                ("POST", "/en/profile/delete/"),
                ("GET", "/en/display/"),
                ("POST", "/en/display/"),
                ("GET", "/en/learning/"),
                ("POST", f"/en/sessions/{self.session.pk}/enrol/"),
                ("POST", f"/en/enrolments/{self.enrolment.pk}/withdraw/"),
                ("POST", f"/en/enrolments/{self.enrolment.pk}/offer/"),
                ("POST", f"/en/enrolments/{self.enrolment.pk}/confirm/"),
                ("POST", f"/en/lessons/{self.lesson.pk}/complete/"),
                ("GET", self.lesson.url),
            ]
        )

    def test_teaching_pages(self):
        self.client.force_login(self.manager)
        session = f"/en/teach/sessions/{self.session.pk}"
        enrolment = f"{session}/enrolments/{self.enrolment.pk}"
        self._each(
            [
                ("GET", "/en/teach/"),
                ("GET", f"{session}/"),
                ("GET", f"{session}/roster.csv"),
                ("GET", f"{session}/roster.xlsx"),
                ("GET", f"{session}/enrol/"),
                ("POST", f"{session}/enrol/"),
                ("POST", f"{enrolment}/accept/"),
                ("POST", f"{enrolment}/withdraw/"),
                ("POST", f"{enrolment}/confirm-code/"),
                ("GET", f"{enrolment}/outcomes/"),
                ("POST", f"{enrolment}/outcomes/"),
                ("GET", f"{session}/attendance/"),
                ("POST", f"{session}/attendance/"),
                ("GET", f"{session}/import/"),
                ("POST", f"{session}/import/"),
                ("POST", f"{session}/import/confirm/"),
                ("GET", f"{session}/audit/"),
                ("GET", f"/en/teach/trainees/{self.trainee.pk}/needs/"),
                ("GET", "/en/teach/marking/"),
            ]
        )

    def test_federation_pages(self):
        self.client.force_login(self.admin)
        self._each(
            [
                ("GET", "/en/federation/"),
                ("GET", "/en/federation/export/bases.csv"),
                ("GET", "/en/federation/export/bases.xlsx"),
                ("GET", "/en/federation/export/sessions.csv"),
                ("GET", f"/en/federation/bases/{self.base.pk}/"),
                ("GET", f"/en/federation/sessions/{self.session.pk}/"),
                ("GET", "/en/federation/audit/"),
                ("GET", "/en/federation/reconciliation/"),
                ("POST", "/en/federation/reconciliation/"),
                ("GET", f"/en/federation/reconciliation/bases/{self.base.pk}/"),
                ("POST", "/en/federation/reconciliation/periods/1/close/"),
                ("POST", "/en/federation/reconciliation/periods/1/reopen/"),
            ]
        )

    def test_a_nul_character_is_answered_with_our_400_page(self):
        self.client.force_login(self.admin)
        response = self.client.get("/en/federation/audit/", {"q": "a\x00b"})
        assert response.status_code == 400
        assert "We could not read this request" in response.content.decode()
        response = self.client.post("/en/report-a-barrier/", {"what_happened": "\x00"})
        assert response.status_code == 400


@pytest.mark.django_db
def test_report_access_stores_filters_without_nul_and_cut_to_length():
    user = UserFactory()
    access = report_access_record(
        user=user,
        report="audit",
        filters={
            "q\x00": "a\x00b",
            "long": "x" * 10_000,
            "date_from": datetime.date(2026, 1, 1),
            "when": timezone.localdate(),
        },
    )
    stored = ReportAccess.objects.get(pk=access.pk).filters
    assert stored["q"] == "ab"
    assert len(stored["long"]) == 200
    assert stored["date_from"] == "2026-01-01"
