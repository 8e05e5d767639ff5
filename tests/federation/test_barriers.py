"""Barrier reports: the public form (anonymous, contact details, local pages
only, rate limit, confirmation), the base found from a course page, who is
emailed, statuses in the Wagtail admin and the dashboard summary."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import StaffRole, User
from federation.models import BarrierReport
from federation.selectors.barriers import barrier_summary, kept_barrier_summary
from federation.services import barriers as service
from federation.views.barriers import ANONYMOUS_LIMIT
from tests.factories import courses as course_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup

Role = StaffRole.Role
Status = BarrierReport.Status
FORM = "/en/report-a-barrier/"
SENT = "/en/report-a-barrier/sent/"
WHAT = "The video on this page has no captions."


def _post(client, **data):
    return client.post(FORM, {"what_happened": WHAT, "reply_by": "", **data})


def _summary_errors(doc) -> list[str]:
    return [a["href"] for a in doc.select(".error-summary a")]


# The form ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_fills_in_only_a_local_page(client):
    doc = assert_accessible_shell(client.get(FORM + "?from=/en/courses/"), lang="en")
    assert doc.select_one("#id_page_url")["value"] == "/en/courses/"
    assert doc.select_one("textarea#id_what_happened") is not None
    radios = doc.select("fieldset input[type=radio][name=reply_by]")
    assert [r["value"] for r in radios] == ["", "email", "phone", "sms"]
    assert (
        doc.select_one("fieldset legend")
        .get_text(strip=True)
        .startswith("How should we reply?")
    )
    for outside in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ]:
        doc = soup(client.get(FORM, {"from": outside}))
        assert not doc.select_one("#id_page_url").get("value"), outside


@pytest.mark.django_db
def test_an_anonymous_report_is_saved_and_confirmed(client):
    response = _post(client, page_url="/en/courses/?sort=new")
    assert response.status_code == 302 and response["Location"] == f"{SENT}#notice"
    report = BarrierReport.objects.get()
    assert report.what_happened == WHAT
    assert report.reporter is None and report.email == "" and report.base is None
    assert report.status == Status.NEW
    doc = assert_accessible_shell(client.get(SENT), lang="en")
    assert str(report.pk) in doc.select_one(".barrier-sent__reference").get_text()
    assert doc.select_one('main a[href="/en/courses/?sort=new"]') is not None
    # Without a report just sent, the confirmation page sends you to the form.
    assert client.get(SENT).status_code == 200
    fresh = client.__class__()
    assert fresh.get(SENT)["Location"] == FORM


@pytest.mark.django_db
def test_a_signed_in_report_is_prefilled_and_remembers_the_reporter(client):
    user = UserFactory(phone="13800138000")
    client.force_login(user)
    doc = soup(client.get(FORM))
    assert doc.select_one("#id_email")["value"] == user.email
    assert doc.select_one("#id_phone")["value"] == "13800138000"
    _post(client, reply_by="sms", phone="13800138000")
    report = BarrierReport.objects.get()
    assert report.reporter == user and report.reply_by == "sms"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reply_by", "field"),
    [("email", "email"), ("phone", "phone"), ("sms", "phone")],
)
def test_a_reply_method_needs_its_contact_detail(client, reply_by, field):
    response = _post(client, reply_by=reply_by, page_url="/en/")
    assert response.status_code == 200
    doc = soup(response)
    assert _summary_errors(doc) == [f"#id_{field}"]
    assert doc.select_one(f"#id_{field}_error") is not None
    assert doc.select_one("#id_what_happened").get_text().strip() == WHAT
    assert doc.select_one(f'input[name=reply_by][value="{reply_by}"]').has_attr(
        "checked"
    )
    assert doc.select_one("#id_page_url")["value"] == "/en/"
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
def test_what_went_wrong_is_required_and_contact_details_are_checked(client):
    doc = soup(client.post(FORM, {"what_happened": "  ", "email": "not-an-email"}))
    assert _summary_errors(doc) == ["#id_what_happened", "#id_email"]
    doc = soup(_post(client, reply_by="phone", phone="call me maybe"))
    assert _summary_errors(doc) == ["#id_phone"]
    assert doc.select_one("#id_phone")["value"] == "call me maybe"
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page_url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "evil.example/phish",
        "javascript:alert(1)",
        "/en/\ncourses/",
    ],
)
def test_a_page_outside_this_site_is_refused(client, page_url):
    doc = soup(_post(client, page_url=page_url))
    assert _summary_errors(doc) == ["#id_page_url"]
    assert not BarrierReport.objects.exists()
    with pytest.raises(service.BarrierReportError):
        service.barrier_report_create(page_url=page_url, what_happened=WHAT)


@pytest.mark.django_db
def test_anonymous_reports_are_rate_limited_per_connection(client):
    for _ in range(ANONYMOUS_LIMIT):
        assert _post(client).status_code == 302
    response = _post(client)
    assert response.status_code == 429
    doc = soup(response)
    assert "in the last hour" in doc.select_one(".error-summary").get_text()
    assert doc.select_one("#id_what_happened").get_text().strip() == WHAT
    assert BarrierReport.objects.count() == ANONYMOUS_LIMIT
    # Another connection, and anyone signed in, may still report.
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert _post(other).status_code == 302
    client.force_login(UserFactory())
    assert _post(client).status_code == 302
    cache.clear()


# Base, emails and statuses --------------------------------------------------------


class BarrierServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base = TrainingBaseFactory()
        cls.other_base = TrainingBaseFactory()
        section = course_factories.base_section(cls.base)
        cls.course = course_factories.course(section, slug="live-selling")
        cls.lesson = course_factories.lesson(cls.course)
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        cls.admin.preferred_language = "en"
        cls.admin.save()
        cls.superuser = User.objects.create_superuser(
            email="root@example.org", password="x", name="Root"
        )
        cls.instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=cls.base).user
        cls.instructor.preferred_language = "en"
        cls.instructor.save()
        cls.manager = StaffRoleFactory(role=Role.MANAGER, base=cls.base).user
        cls.elsewhere = StaffRoleFactory(role=Role.INSTRUCTOR, base=cls.other_base).user
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.trainee = UserFactory()

    def _create(self, **fields) -> BarrierReport:
        with self.captureOnCommitCallbacks(execute=True):
            return service.barrier_report_create(
                **{"page_url": self.lesson.url, "what_happened": WHAT, **fields}
            )

    def test_the_base_is_found_from_a_course_page_or_a_page_below_it(self):
        assert self.lesson.url.startswith("/zh-hans/courses/")
        for path in [
            self.course.url,
            self.lesson.url,
            self.lesson.url + "?version=easy_read#part-2",
            self.lesson.url + "no-such-page/",
        ]:
            assert service.base_for_path(path) == self.base, path
        for path in ["/zh-hans/courses/", "/zh-hans/", "/en/profile/", "/", ""]:
            assert service.base_for_path(path) is None, path
        section_url = self.course.get_parent().url
        assert service.base_for_path(section_url) is None
        report = self._create()
        assert report.base == self.base

    def test_admins_and_the_bases_staff_are_emailed_once_each(self):
        self._create(reply_by="email", email="reporter@example.org", phone="123456")
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {
            self.admin.email,
            self.superuser.email,
            self.instructor.email,
            self.manager.email,
        }
        assert len(mail.outbox) == 4
        for admin in (self.admin, self.superuser):
            assert "reporter@example.org" in by_recipient[admin.email].body
        for staff in (self.instructor, self.manager):
            body = by_recipient[staff.email].body
            assert "reporter@example.org" not in body and "123456" not in body
            assert WHAT in body
        # Each in their own language.
        assert by_recipient[self.admin.email].subject.startswith("Barrier report")
        assert by_recipient[self.instructor.email].subject.startswith("Barrier report")
        assert "/admin/barrier_reports/edit/" in by_recipient[self.admin.email].body

    def test_a_report_outside_a_course_goes_to_the_admins_only(self):
        self._create(page_url="/en/profile/")
        assert {m.to[0] for m in mail.outbox} == {
            self.admin.email,
            self.superuser.email,
        }

    def test_wont_fix_needs_a_reason_and_changes_are_logged(self):
        report = self._create()
        before = report.status_changed_at
        with pytest.raises(service.BarrierReportError) as error:
            service.barrier_report_status_set(
                report=report, status=Status.WONT_FIX, resolution="  ", actor=self.admin
            )
        assert str(error.value) == str(service.WONT_FIX_NEEDS_REASON)
        report.refresh_from_db()
        assert report.status == Status.NEW
        report = service.barrier_report_status_set(
            report=report,
            status=Status.WONT_FIX,
            resolution="The video belongs to another site.",
            actor=self.admin,
        )
        assert report.status == Status.WONT_FIX and report.status_changed_at > before
        entry = ModelLogEntry.objects.get(action=service.STATUS_LOG_ACTION)
        assert entry.user_id == self.admin.pk
        assert entry.data["status"] == ["new", "wont_fix"]

    # The Wagtail admin -------------------------------------------------------------

    def test_who_sees_which_reports_in_the_admin(self):
        mine = self._create()
        other = self._create(page_url="/en/profile/")
        index = "/admin/barrier_reports/"
        table = {
            self.admin: {mine.pk, other.pk},
            self.superuser: {mine.pk, other.pk},
            self.instructor: {mine.pk},
            self.manager: {mine.pk},
            self.elsewhere: set(),
        }
        for user, expected in table.items():
            self.client.force_login(user)
            response = self.client.get(index)
            assert response.status_code == 200, user
            edit_links = {
                int(a["href"].rstrip("/").rsplit("/", 1)[1])
                for a in soup(response).select('a[href*="/barrier_reports/edit/"]')
            }
            assert edit_links == expected, user
            for report in (mine, other):
                status = self.client.get(f"/admin/barrier_reports/edit/{report.pk}/")
                assert (status.status_code == 200) == (report.pk in expected), user
        for user in (self.trainee, self.auditor):
            self.client.force_login(user)
            assert self.client.get(index).status_code in (302, 403)

    def test_base_staff_do_not_see_the_reporters_contact_details(self):
        report = self._create(reply_by="email", email="reporter@example.org")
        url = f"/admin/barrier_reports/edit/{report.pk}/"
        self.client.force_login(self.admin)
        assert "reporter@example.org" in self.client.get(url).content.decode()
        self.client.force_login(self.instructor)
        page = self.client.get(url).content.decode()
        assert WHAT in page and "reporter@example.org" not in page

    def test_setting_a_status_in_the_admin_goes_through_the_service(self):
        report = self._create()
        url = f"/admin/barrier_reports/edit/{report.pk}/"
        self.client.force_login(self.instructor)
        response = self.client.post(url, {"status": "wont_fix", "resolution": ""})
        assert response.status_code == 200
        assert str(service.WONT_FIX_NEEDS_REASON) in response.content.decode()
        report.refresh_from_db()
        assert report.status == Status.NEW
        response = self.client.post(
            url, {"status": "in_progress", "resolution": "Captions ordered."}
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == Status.IN_PROGRESS
        assert report.resolution == "Captions ordered."
        entry = ModelLogEntry.objects.get(action=service.STATUS_LOG_ACTION)
        assert entry.user_id == self.instructor.pk
        history = self.client.get(f"/admin/barrier_reports/history/{report.pk}/")
        assert history.status_code == 200
        # Nobody adds a report in the admin, and base staff cannot delete one.
        assert self.client.get("/admin/barrier_reports/new/").status_code in (
            302,
            403,
            404,
        )
        delete = self.client.get(f"/admin/barrier_reports/delete/{report.pk}/")
        assert delete.status_code in (302, 403)


# The dashboard summary -----------------------------------------------------------


@pytest.mark.django_db
def test_the_summary_counts_by_status_and_age_in_one_query(
    django_assert_num_queries,
):
    now = timezone.now()
    rows = [
        (Status.NEW, 1),
        (Status.NEW, 10),
        (Status.IN_PROGRESS, 40),
        (Status.IN_PROGRESS, 3),
        (Status.NEW, 45),
        (Status.FIXED, 50),
        (Status.FIXED, 2),
        (Status.WONT_FIX, 8),
    ]
    for status, days in rows:
        report = BarrierReport.objects.create(what_happened="x", status=status)
        BarrierReport.objects.filter(pk=report.pk).update(
            created_at=now - datetime.timedelta(days=days)
        )
    with django_assert_num_queries(1):
        summary = barrier_summary(now=now)
    assert summary == {
        "total": 8,
        "open": 5,
        "by_status": {"new": 3, "in_progress": 2, "fixed": 2, "wont_fix": 1},
        "open_by_age": {"under_7_days": 2, "7_to_30_days": 1, "over_30_days": 2},
    }
    BarrierReport.objects.all().delete()
    assert barrier_summary()["by_status"] == dict.fromkeys(Status.values, 0)


@pytest.mark.django_db
def test_the_dashboard_summary_is_kept_until_a_report_changes_or_a_minute_passes(
    django_assert_num_queries,
):
    start = timezone.now().replace(second=5, microsecond=0)
    with time_machine.travel(start, tick=False):
        report = BarrierReport.objects.create(what_happened="x", status=Status.NEW)
        assert kept_barrier_summary()["by_status"]["new"] == 1
        with django_assert_num_queries(0):
            assert kept_barrier_summary()["open_by_age"]["under_7_days"] == 1
        # A new report, a change of status, a deletion: counted at once.
        BarrierReport.objects.create(what_happened="y", status=Status.IN_PROGRESS)
        assert kept_barrier_summary()["open"] == 2
        report.status = Status.FIXED
        report.save()
        assert kept_barrier_summary()["by_status"]["fixed"] == 1
        report.delete()
        assert kept_barrier_summary()["total"] == 1
    # Days pass without a write: the report moves into the next age band.
    with time_machine.travel(start + datetime.timedelta(days=8), tick=False):
        assert kept_barrier_summary()["open_by_age"] == {
            "under_7_days": 0,
            "7_to_30_days": 1,
            "over_30_days": 0,
        }
