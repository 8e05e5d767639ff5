"""Records in both languages on the federation's pages (issue 14, point 3):
a reporting period is created with a Chinese name (required) and an English
one (optional); periods, sessions and bases show in the reader's language,
and a record with no English shows its Chinese marked lang="zh-Hans"."""

import datetime

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone, translation

from accounts.models import StaffRole
from federation.reports import dashboard as dashboard_report
from federation.selectors import dashboard as figures
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import AuditEntry, Enrolment, ReportingPeriod
from training.services import periods

Role = StaffRole.Role
ZH_PERIOD, EN_PERIOD = "前年全年", "The year before last"
ZH_SESSION, EN_SESSION = "电商摄影 秋季班", "Shop photography, autumn"
INDEX = "/{language}/federation/reconciliation/"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def lang_of(doc, text: str) -> str | None:
    node = doc.find(string=lambda s: s and text in s)
    assert node is not None, text
    for parent in node.parents:
        if parent.has_attr("lang"):
            return parent["lang"]
    return None


class BilingualRecords(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base = TrainingBaseFactory(name="南岸基地", name_en="Nan'an Base")
        cls.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
        cls.admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
        cls.period = ReportingPeriod.objects.create(
            name=ZH_PERIOD, name_en=EN_PERIOD, starts_on=days(-700), ends_on=days(-400)
        )
        cls.chinese_only = ReportingPeriod.objects.create(
            name="只有中文的期间", starts_on=days(-399), ends_on=days(-300)
        )
        # Over capacity (one place, two enrolled): a flagged row on the base page.
        cls.session = training_factories.session(
            base=cls.base,
            name=ZH_SESSION,
            name_en=EN_SESSION,
            capacity=1,
            lessons=0,
            starts_on=days(-690),
            ends_on=days(-680),
        )
        for _ in range(2):
            Enrolment.objects.create(
                trainee=UserFactory(),
                session=cls.session,
                status=Enrolment.Status.ENROLLED,
                status_changed_at=timezone.now(),
            )

    def setUp(self):
        cache.clear()

    def get(self, url: str, user=None):
        self.client.force_login(user or self.auditor)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_the_period_form_takes_both_names(self):
        self.client.force_login(self.auditor)
        doc = soup(self.get(INDEX.format(language="en")))
        labels = {
            label["for"]: label.get_text(" ", strip=True) for label in doc("label")
        }
        self.assertTrue(labels["id_new-name"].startswith("Name in Chinese"))
        self.assertNotIn("(optional)", labels["id_new-name"])
        self.assertTrue(labels["id_new-name_en"].startswith("Name in English"))
        self.assertIn("(optional)", labels["id_new-name_en"])
        response = self.client.post(
            INDEX.format(language="en"),
            {
                "new-name": "去年上半年",
                "new-name_en": "First half of last year",
                "new-starts_on": days(-299).isoformat(),
                "new-ends_on": days(-200).isoformat(),
            },
        )
        self.assertEqual(response.status_code, 302)
        period = ReportingPeriod.objects.get(name="去年上半年")
        self.assertEqual(period.name_en, "First half of last year")
        entry = AuditEntry.objects.get(action="period.create", object_id=period.pk)
        self.assertEqual(entry.changes["name_en"], [None, "First half of last year"])
        # The English name is optional.
        period = periods.period_create(
            name=" 去年下半年 ",
            starts_on=days(-199),
            ends_on=days(-100),
            actor=self.auditor,
        )
        self.assertEqual((period.name, period.name_en), ("去年下半年", ""))

    def test_the_chinese_name_is_required_and_the_input_kept(self):
        self.client.force_login(self.auditor)
        response = self.client.post(
            INDEX.format(language="en"),
            {
                "new-name": "",
                "new-name_en": "Only English",
                "new-starts_on": days(-299).isoformat(),
                "new-ends_on": days(-200).isoformat(),
            },
        )
        self.assertEqual(response.status_code, 200)
        doc = soup(response)
        summary = doc.select_one(".error-summary")
        with translation.override("en"):
            self.assertIn(str(periods.PERIOD_NAME_REQUIRED), summary.get_text())
        self.assertEqual(summary.a["href"], "#id_new-name")
        self.assertEqual(doc.select_one("#id_new-name_en")["value"], "Only English")
        self.assertFalse(ReportingPeriod.objects.filter(name_en="Only English"))
        with self.assertRaisesMessage(
            periods.PeriodError, str(periods.PERIOD_NAME_REQUIRED)
        ):
            periods.period_create(
                name="  ",
                name_en="Only English",
                starts_on=days(-299),
                ends_on=days(-200),
                actor=self.auditor,
            )

    def test_periods_show_in_the_readers_language(self):
        url = INDEX.format(language="{}") + f"?period={self.period.pk}"
        english = soup(self.get(url.format("en")))
        periods_table = english.select_one("#periods-caption").find_parent("table")
        text = periods_table.get_text(" ", strip=True)
        self.assertIn(EN_PERIOD, text)
        self.assertNotIn(ZH_PERIOD, text)
        self.assertIn(EN_PERIOD, english.select_one("#bases-heading").get_text())
        self.assertEqual(lang_of(periods_table, "只有中文的期间"), "zh-Hans")
        chinese = self.get(url.format("zh-hans")).content.decode()
        self.assertIn(ZH_PERIOD, chinese)
        self.assertNotIn(EN_PERIOD, chinese)
        for page in ("close", "reopen"):
            periods.period_close(period=self.period, actor=self.auditor)
            doc = soup(
                self.get(
                    f"/en/federation/reconciliation/periods/{self.period.pk}/{page}/",
                    user=self.admin,
                )
            )
            self.assertIn(EN_PERIOD, doc.h1.get_text())
            self.assertIn(EN_PERIOD, doc.title.get_text())

    def test_the_locked_record_message_names_the_period_in_the_readers_language(
        self,
    ):
        periods.period_close(period=self.period, actor=self.auditor)
        for language, name, other in [
            ("en", EN_PERIOD, ZH_PERIOD),
            ("zh-hans", ZH_PERIOD, EN_PERIOD),
        ]:
            with translation.override(language):
                with self.assertRaises(periods.PeriodLocked) as raised:
                    periods.period_lock_check(session=self.session)
                self.assertIn(name, str(raised.exception))
                self.assertNotIn(other, str(raised.exception))

    def test_sessions_on_the_reconciliation_and_dashboard_pages(self):
        base_url = (
            "/{}/federation/reconciliation/bases/"
            f"{self.base.pk}/?period={self.period.pk}"
        )
        english = soup(self.get(base_url.format("en"), user=self.admin))
        self.assertIn("Nan'an Base", english.h1.get_text())
        text = english.get_text(" ", strip=True)
        self.assertIn(EN_SESSION, text)
        self.assertNotIn(ZH_SESSION, text)
        chinese = soup(self.get(base_url.format("zh-hans"), user=self.admin))
        self.assertIn(ZH_SESSION, chinese.get_text())
        self.assertNotIn(EN_SESSION, chinese.get_text())
        session_page = soup(self.get(f"/en/federation/sessions/{self.session.pk}/"))
        self.assertIn(EN_SESSION, session_page.h1.get_text())
        self.assertNotIn(ZH_SESSION, session_page.title.get_text())
        # The dashboard's session rows: the cached figures hold both names.
        for language, name in [("en", EN_SESSION), ("zh-hans", ZH_SESSION)]:
            with translation.override(language):
                data = dashboard_report.build(figures.Filters())
            labels = {row.key: row.label for row in data.sessions.rows}
            self.assertEqual(labels[self.session.pk], name)

    def test_a_session_without_english_is_marked_chinese(self):
        self.session.name_en = ""
        self.session.save(update_fields=["name_en"])
        doc = soup(
            self.get(f"/en/federation/sessions/{self.session.pk}/", user=self.admin)
        )
        self.assertEqual(lang_of(doc.h1, ZH_SESSION), "zh-Hans")
