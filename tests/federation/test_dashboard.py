"""The federation dashboard: figures against hand-computed expectations
(tests/federation/world.py), published (rounded) figures on the page and in
exports,
permissions, logging, bad input and query counts."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from federation.models import ReportAccess
from federation.reports import dashboard as dashboard_report
from federation.selectors import dashboard as figures
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from tests.federation import world as fixed
from tests.html import assert_accessible_shell, soup
from training.models import Enrolment

FEWER = "fewer than 5"


class FiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = fixed.build()

    def test_headline_figures_follow_the_definitions(self):
        assert figures.totals(figures.Filters()) == fixed.EXPECTED

    def test_by_base(self):
        rows = figures.breakdown(figures.Filters(), "base")
        assert rows[self.w.base_a.pk] == fixed.EXPECTED_BASE_A
        assert rows[self.w.base_b.pk] == fixed.EXPECTED_BASE_B
        assert set(rows) == {self.w.base_a.pk, self.w.base_b.pk}

    def test_by_course_skill_area_and_delivery_mode(self):
        filters = figures.Filters()
        by_course = figures.breakdown(filters, "course")
        assert by_course[self.w.course_a.pk]["enrolments"] == 10
        assert by_course[self.w.course_b.pk]["enrolments"] == 9
        by_skill = figures.breakdown(filters, "skill_area")
        assert by_skill["livestream_ecommerce"]["completions"] == 7
        assert by_skill["short_video"]["completions"] == 4
        by_mode = figures.breakdown(filters, "delivery_mode")
        assert by_mode["online"]["sessions"] == 2
        assert by_mode["online"]["enrolments"] == 9
        assert by_mode["on_site"]["sessions"] == 1  # the cancelled S3 is not held

    def test_by_disability_category(self):
        rows = figures.by_category(figures.Filters())
        assert rows["hearing"]["enrolments"] == 8  # c1-c6 in S1, c1 in S4, d1
        assert rows["hearing"]["trainees"] == 7
        # c1-c4 employed and c5 self-employed: all five are hearing.
        assert rows["hearing"]["employed_3"] == 5
        assert rows["visual"]["enrolments"] == 4
        assert rows["not_recorded"]["enrolments"] == 8
        assert rows["physical"]["enrolments"] == 0

    def test_filters(self):
        base_b = figures.totals(figures.Filters(base=self.w.base_b.pk))
        assert base_b == fixed.EXPECTED_BASE_B
        hearing = figures.totals(figures.Filters(category="hearing"))
        assert hearing["enrolments"] == 8
        assert hearing["sessions"] == 3, "the category chooses people, not sessions"
        recent = figures.totals(figures.Filters(date_from=self.w.s2.starts_on))
        assert recent["sessions"] == 2 and recent["enrolments"] == 9
        only_s1 = figures.totals(figures.Filters(date_to=self.w.s1.starts_on))
        assert only_s1 == fixed.EXPECTED_BASE_A
        online = figures.totals(figures.Filters(delivery_mode="online"))
        assert online["enrolments"] == 9
        assert (
            figures.totals(figures.Filters(skill_area="short_video"))["certified"] == 3
        )

    def test_published_base_table(self):
        """Every cell is published on its own (world.py's docstring has the
        figures): no cell is hidden only to protect another."""
        with translation.override("en"):
            data = dashboard_report.build(figures.Filters())
        base_table = data.tables[0]
        row_a, row_b = (
            next(row for row in base_table.rows if row.key == base.pk)
            for base in (self.w.base_a, self.w.base_b)
        )
        # Base B completed 4: fewer than 5. Base A's 7 is rounded to 5 and
        # shown (it used to be hidden to protect base B's 4); the total 11 is
        # rounded to 10 on its own, so 10 - 5 reveals nothing.
        assert row_b.cells["completions"].suppressed
        assert row_a.cells["completions"].value == 5
        assert row_a.cells["completions"].rounded
        assert base_table.total.cells["completions"].value == 10
        # Employment at 12 months: base A has 3 (fewer than 5), base B 0.
        assert row_a.cells["employed_12"].suppressed
        assert row_b.cells["employed_12"].value == 0
        assert base_table.total.cells["employed_12"].suppressed
        # Enrolments 10 and 9 are shown as 10 and 10; sessions are exact.
        assert row_a.cells["enrolments"].value == 10
        assert row_b.cells["enrolments"].value == 10
        assert row_b.cells["sessions"].value == 2
        assert not row_b.cells["sessions"].rounded
        with translation.override("en"):
            # 5 of 10 published, not 7 of 10 raw.
            assert str(row_a.value("completion_rate")) == "50% (5 of 10)"
            assert str(row_b.value("completion_rate")) == "–"
        assert {
            key: base_table.total.cells[key].value for key in fixed.PUBLISHED
        } == fixed.PUBLISHED

    def test_published_category_table(self):
        with translation.override("en"):
            data = dashboard_report.build(figures.Filters())
        table = next(t for t in data.tables if t.slug == "disability-categories")
        rows = {row.key: row for row in table.rows}
        # visual: d1–d4, 4 enrolments: fewer than 5; hearing 8 → 10;
        # not recorded 8 → 10; physical 0 stays 0.
        assert rows["visual"].cells["enrolments"].suppressed
        assert rows["hearing"].cells["enrolments"].value == 10
        assert rows["not_recorded"].cells["enrolments"].value == 10
        assert rows["physical"].cells["enrolments"].value == 0
        assert table.total.cells["enrolments"].value == 20  # 19, rounded

    def test_sessions_table_publishes_each_figure(self):
        with translation.override("en"):
            data = dashboard_report.build(figures.Filters())
        rows = {row.key: row for row in data.sessions.rows}
        assert list(rows) == [self.w.s4.pk, self.w.s2.pk, self.w.s1.pk]
        assert rows[self.w.s1.pk].cells["completions"].value == 5  # 7
        assert rows[self.w.s2.pk].cells["completions"].suppressed  # 4
        assert rows[self.w.s4.pk].cells["enrolments"].suppressed  # 3 people


class DashboardPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = fixed.build()

    def _get(self, url, user=None, **params):
        self.client.force_login(user or self.w.auditor)
        return self.client.get(url, params)

    def test_permissions(self):
        urls = [
            reverse("federation:dashboard"),
            reverse("federation:base", args=[self.w.base_a.pk]),
            reverse("federation:session", args=[self.w.s1.pk]),
            reverse("federation:export", args=["bases", "csv"]),
        ]
        for url in urls:
            response = self.client.get(url)
            assert (
                response.status_code == 302
                and "/accounts/login/" in response["Location"]
            )
            for user in (self.w.trainee, self.w.instructor, self.w.manager):
                self.client.force_login(user)
                assert self.client.get(url).status_code == 403, (url, user)
            for user in (self.w.auditor, self.w.admin):
                self.client.force_login(user)
                assert self.client.get(url).status_code == 200, (url, user)
            self.client.logout()

    def test_page_shows_figures_definitions_and_no_person(self):
        response = self._get("/en/federation/")
        doc = assert_accessible_shell(response, lang="en")
        text = doc.get_text(" ", strip=True)
        # Rates from the published parts: completion 11 of 16 is published as
        # 10 of 15 (67%); in work at 3 months 5 of 7 as 5 of 5 (100%).
        assert "67% (10 of 15)" in text
        assert "100% (5 of 5)" in text
        assert "rounded" in text and "Higher Education Statistics Agency" in text
        assert doc.select_one("#definitions dl") is not None
        assert "Completions in sessions that have ended" in text
        for person in self.w.people.values():
            assert person.name not in text
            assert person.email not in text
        charts = doc.select("figure.chart svg[role=img]")
        assert len(charts) >= 4
        for svg in charts:
            assert svg.get("aria-labelledby") and svg.get("aria-describedby")
        for table in doc.select("table"):
            assert table.caption is not None
        assert FEWER in text
        contents = doc.select(".page-contents a")
        assert len(contents) >= 8
        for link in contents:
            assert doc.find(id=link["href"][1:]) is not None, link["href"]

    def test_filters_live_in_the_url_and_every_view_is_logged(self):
        params = {"base": self.w.base_b.pk, "category": "hearing"}
        response = self._get("/en/federation/", **params)
        assert response.status_code == 200
        doc = soup(response)
        assert doc.select_one("form[method=get]") is not None
        assert doc.select_one("#id_base option[selected]")["value"] == str(
            self.w.base_b.pk
        )
        entry = ReportAccess.objects.latest("pk")
        assert entry.user == self.w.auditor
        assert entry.report == "dashboard" and entry.format == "html"
        assert entry.filters["base"] == str(self.w.base_b.pk)
        assert entry.filters["category"] == "hearing"
        # Export links carry the filters.
        link = doc.select_one('a[href*="/export/bases.csv"]')["href"]
        assert f"base={self.w.base_b.pk}" in link and "category=hearing" in link

    def test_bad_dates_show_an_error_and_keep_the_input(self):
        response = self._get(
            "/en/federation/", date_from="2026-05-01", date_to="2025-01-01"
        )
        assert response.status_code == 200
        doc = soup(response)
        summary = doc.select_one(".error-summary")
        assert summary is not None
        assert summary.select_one('a[href="#id_date_to"]') is not None
        assert doc.select_one("#id_date_from")["value"] == "2026-05-01"
        response = self._get("/en/federation/", date_from="not a date", base="x")
        assert response.status_code == 200
        assert soup(response).select_one(".error-summary") is not None

    def test_drill_down_base_then_session(self):
        response = self._get("/en/federation/")
        link = soup(response).select_one(
            f'a[href^="{reverse("federation:base", args=[self.w.base_a.pk])}"]'
        )
        assert link is not None
        response = self._get(link["href"].split("?")[0])
        doc = assert_accessible_shell(response, lang="en")
        assert "Base A" in doc.h1.get_text()
        session_link = doc.select_one(
            f'a[href="{reverse("federation:session", args=[self.w.s1.pk])}"]'
        )
        assert session_link is not None
        response = self._get(session_link["href"])
        doc = assert_accessible_shell(response, lang="en")
        text = doc.get_text(" ", strip=True)
        assert "S1" in doc.h1.get_text()
        assert "Withdrawn" in text and FEWER in text
        for person in self.w.people.values():
            assert person.name not in text
        assert ReportAccess.objects.filter(report="dashboard:session").exists()

    def test_csv_export_reads_back(self):
        response = self._get(
            reverse("federation:export", args=["bases", "csv"]).replace(
                "/zh-hans/", "/en/"
            ),
            base="",
        )
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        meta = {row[0]: row[1] for row in rows[: rows.index([])]}
        assert "Filters" in meta and "Exported at" in meta and "Data source" in meta
        assert "Figures calculated at" in meta
        table = rows[rows.index([]) + 1 :]
        assert table[0][:4] == [
            "Training base",
            "Sessions held",
            "Trainees",
            "Enrolments",
        ]
        by_name = {row[0]: row for row in table[1:]}
        assert by_name["Base A"][3] == "10"
        assert by_name["Base B"][4] == FEWER  # completions 4
        assert by_name["All"][4] == "10"  # 11, rounded to base 5
        assert by_name["Base B"][5] == "–"  # no rate: the page shows "–" too
        assert "rounded" in meta["Privacy"] and "HESA" in meta["Method source"]
        assert "People" in meta["People or places"]
        entry = ReportAccess.objects.latest("pk")
        assert entry.report == "dashboard:bases" and entry.format == "csv"

    def test_xlsx_export_in_chinese_reads_back(self):
        response = self._get(
            "/zh-hans/federation/export/disability-categories.xlsx", category="hearing"
        )
        workbook = load_workbook(io.BytesIO(response.content))
        sheet, about = workbook.worksheets
        with translation.override("zh-hans"):
            expected_heading = str(translation.gettext("Disability category"))
            filters_label = str(translation.gettext("Filters"))
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
        assert header[0] == expected_heading
        about_rows = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
        assert filters_label in about_rows
        values = list(sheet.iter_rows(min_row=2, values_only=True))
        assert len(values) == 9  # 8 categories and the total

    def test_barrier_reports_counted_by_status_and_age(self):
        import datetime

        from django.utils import timezone

        from federation.models import BarrierReport

        old = timezone.now() - datetime.timedelta(days=40)
        for status in ("new", "new", "in_progress", "fixed"):
            BarrierReport.objects.create(what_happened="x", status=status)
        report = BarrierReport.objects.create(what_happened="old", status="new")
        BarrierReport.objects.filter(pk=report.pk).update(created_at=old)
        doc = soup(self._get("/en/federation/"))
        by_status = {
            row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in doc.select("#barriers-status-caption ~ tbody tr")
        }
        assert by_status == {
            "New": "3",
            "In progress": "1",
            "Fixed": "1",
            "Won't fix": "0",
        }
        by_age = {
            row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in doc.select("#barriers-age-caption ~ tbody tr")
        }
        assert by_age == {"Under 7 days": "3", "7 to 30 days": "0", "Over 30 days": "1"}

    def test_figures_are_reused_for_paging_and_exports_and_dated(self):
        cache.clear()
        self.client.force_login(self.w.auditor)
        with CaptureQueriesContext(connection) as cold:
            response = self.client.get("/en/federation/")
        assert "Figures calculated at" in soup(response).get_text(" ")
        with CaptureQueriesContext(connection) as warm:
            self.client.get("/en/federation/export/bases.csv")
        enrolment_queries = [
            q for q in warm.captured_queries if "training_enrolment" in q["sql"]
        ]
        assert not enrolment_queries, "the export reuses the figures just counted"
        assert len(warm) < len(cold)

    def test_sessions_are_paged_on_the_page_and_all_in_the_export(self):
        for index in range(26):
            training_factories.session(
                course=self.w.course_b, base=self.w.base_b, name=f"Extra {index:02d}"
            )
        doc = soup(self._get("/en/federation/", page=2))
        rows = doc.select("#table-sessions-caption ~ tbody tr")
        assert len(rows) == 29 - 25  # S1, S2, S4 and 26 more; S3 was cancelled
        assert "Page 2 of 2" in doc.get_text(" ")
        response = self._get("/en/federation/export/sessions.csv")
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        table = lines[lines.index([]) + 1 :]
        assert len(table) == 1 + 29

    def test_unknown_export_table_or_format_is_404(self):
        self.client.force_login(self.w.auditor)
        assert (
            self.client.get(
                reverse("federation:export", args=["nope", "csv"])
            ).status_code
            == 404
        )
        assert (
            self.client.get(
                reverse("federation:export", args=["bases", "pdf"])
            ).status_code
            == 404
        )


@pytest.mark.django_db
def test_report_query_counts_do_not_grow_with_the_data(client, site_pages):
    w = fixed.build()
    client.force_login(w.auditor)
    urls = [
        "/en/federation/",
        f"/en/federation/bases/{w.base_b.pk}/",
        f"/en/federation/sessions/{w.s2.pk}/",
        "/en/federation/export/sessions.csv",
        "/en/federation/export/disability-categories.xlsx",
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            cache.clear()  # count the figures afresh, not from the cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            result.append(len(queries))
        return result

    counts()  # warm-up
    small = counts()
    for index in range(3):
        session = training_factories.session(
            course=w.course_b, base=w.base_b, name=f"More {index}"
        )
        for _n in range(6):
            Enrolment.objects.create(
                trainee=UserFactory(),
                session=session,
                status=Enrolment.Status.ENROLLED,
                status_changed_at=session.created_at,
            )
    for _n in range(6):
        Enrolment.objects.create(
            trainee=UserFactory(),
            session=w.s2,
            status=Enrolment.Status.COMPLETED,
            status_changed_at=w.s2.created_at,
        )
    assert counts() == small


@pytest.mark.django_db
def test_the_filters_offer_new_bases_and_courses_at_once(client, site_pages):
    """The bases and courses offered are kept between views (a kept
    fragment) and follow a new base and a renamed course at the next view,
    in each language."""
    w = fixed.build()
    client.force_login(w.auditor)

    def offered(language: str, field: str) -> list[str]:
        doc = soup(client.get(f"/{language}/federation/"))
        return [option.text for option in doc.select(f"#id_{field} option")]

    courses_before = offered("en", "course")
    offered("zh-hans", "base")
    with CaptureQueriesContext(connection) as queries:
        assert offered("en", "course") == courses_before
    assert not any('FROM "accounts_trainingbase"' in q["sql"] for q in queries)
    TrainingBaseFactory(name="新的基地", name_en="New base")
    assert "新的基地" in offered("zh-hans", "base")
    assert "New base" in offered("en", "base")
    course = w.course_b
    course.title = "改名的课程"
    course.save_revision().publish()
    assert "改名的课程" in offered("zh-hans", "course")


@pytest.mark.django_db
def test_the_period_shortcuts_follow_every_change_at_once(client, site_pages):
    """The reporting periods offered as shortcuts are kept between views (no
    query for them on the next view) and follow a new period, a period
    closed, renamed or deleted at the next view, in each language."""
    import datetime

    from django.utils import timezone

    from training.models import ReportingPeriod
    from training.services import periods as period_services

    w = fixed.build()
    client.force_login(w.auditor)

    def shortcuts(language: str = "en") -> list[str]:
        doc = soup(client.get(f"/{language}/federation/"))
        return [item.text for item in doc.select(".period-links li")]

    def ago(days: int) -> datetime.date:
        return timezone.localdate() - datetime.timedelta(days=days)

    period = period_services.period_create(
        name="较早的季度",
        name_en="An earlier quarter",
        starts_on=ago(4000),
        ends_on=ago(3910),
        actor=w.auditor,
    )
    before = shortcuts()
    assert "An earlier quarter" in before
    with CaptureQueriesContext(connection) as queries:
        assert shortcuts() == before
    assert not any('FROM "training_reportingperiod"' in q["sql"] for q in queries)

    period_services.period_close(period=period, actor=w.auditor)
    assert "An earlier quarter (closed)" in shortcuts()
    period.name_en = "A renamed quarter"
    period.save(update_fields=["name_en"])
    assert "A renamed quarter (closed)" in shortcuts()
    assert any(text.startswith("较早的季度") for text in shortcuts("zh-hans"))
    ReportingPeriod.objects.filter(pk=period.pk).delete()
    assert not any("quarter" in text for text in shortcuts())
