"""The federation dashboard's incubated businesses: raw figures from a small
hand-built set, published with the same disclosure control as every other
figure, on the page and in the CSV/XLSX exports; filters; who sees them;
query counts.

The set (dates relative to today), at incubation base I:
- b1–b3 registered 25 months ago: 12-month checks all operating; 24-month
  checks b1, b2 operating, b3 not (it closed).
- b4–b7 registered 13 months ago: 12-month checks b4–b6 operating, b7 none.
- b8 registered 2 months ago.
Each has 2 jobs, 1 of them for a disabled person.
At incubation base J: one business registered 1 month ago, 3 jobs, 0 for
disabled people.

Raw: I: started 8, old enough for 12 months 7, operating at 12 months 6,
old enough for 24 months 3, operating at 24 months 2, jobs 16, for disabled
people 8. J: started 1, jobs 3. All: started 9, jobs 19, for disabled 8.

Published (0 stays 0; 1–4 "fewer than 5"; else nearest 5, half up): I:
started 10, 12-month denominator 5, operating 5, rate 100% (5 of 5);
24 months: both parts fewer than 5, so no rate; jobs 15, for disabled 10.
J: started fewer than 5, jobs fewer than 5, for disabled 0. All: started 10,
jobs 20, for disabled 10."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from accounts.models import StaffRole
from careers.selectors.businesses import figures_by_base
from federation.suppression import FEWER_THAN
from tests.careers.businesses_world import business, months_ago
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db
Role = StaffRole.Role


def build() -> SimpleNamespace:
    w = SimpleNamespace()
    w.i = TrainingBaseFactory(incubation=True, name="孵化基地甲", name_en="Incubator I")
    w.j = TrainingBaseFactory(incubation=True, name="孵化基地乙", name_en="Incubator J")
    founder = UserFactory()
    jobs = {"jobs_created": 2, "jobs_for_disabled": 1}
    for n in range(3):
        business(
            w.i,
            [founder],
            registered_on=months_ago(25),
            checks=[(6, True), (12, True), (24, n < 2)],
            closed_on=None if n < 2 else months_ago(1),
            name=f"b{n + 1}",
            **jobs,
        )
    for n in range(4):
        business(
            w.i,
            [founder],
            registered_on=months_ago(13),
            checks=[(6, True), *([(12, True)] if n < 3 else [])],
            name=f"b{n + 4}",
            **jobs,
        )
    business(w.i, [founder], registered_on=months_ago(2), name="b8", **jobs)
    business(w.j, [founder], registered_on=months_ago(1), name="j1", jobs_created=3)
    w.auditor = StaffRoleFactory(role=Role.AUDITOR, base=None).user
    w.manager = StaffRoleFactory(role=Role.MANAGER, base=w.i).user
    return w


@pytest.fixture
def w(site_pages):
    cache.clear()
    return build()


def test_raw_figures_by_base(w):
    figures = figures_by_base(today=timezone.localdate())
    assert figures[w.i.pk] == {
        "started": 8,
        "due_12": 7,
        "operating_12": 6,
        "due_24": 3,
        "operating_24": 2,
        "jobs_created": 16,
        "jobs_for_disabled": 8,
    }
    assert figures[w.j.pk]["started"] == 1 and figures[w.j.pk]["due_12"] == 0


def test_period_and_base_filters(w):
    today = timezone.localdate()
    recent = figures_by_base(today=today, date_from=months_ago(14))
    assert recent[w.i.pk]["started"] == 5 and recent[w.j.pk]["started"] == 1
    older = figures_by_base(today=today, date_to=months_ago(12))
    assert older[w.i.pk]["started"] == 7 and w.j.pk not in older
    only_j = figures_by_base(today=today, base_id=w.j.pk)
    assert list(only_j) == [w.j.pk]


def _table(response):
    section = (
        soup(response).select_one("#table-businesses-heading").find_parent("section")
    )
    rows = {}
    for tr in section.select("tbody tr, tfoot tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        rows[cells[0]] = cells[1:]
    return section, rows


def test_the_dashboard_publishes_them_rounded(client, w):
    client.force_login(w.auditor)
    response = client.get("/en/federation/")
    section, rows = _table(response)
    fewer = str(FEWER_THAN)
    i, j, total = rows["Incubator I"], rows["Incubator J"], rows["All"]
    assert i[0].startswith("10") and i[1].startswith("5")
    assert i[2].startswith("100%") and "(5 of 5)" in i[2]
    assert i[3] == fewer and i[4] == "–"
    assert i[5].startswith("15") and i[6].startswith("10")
    assert j[0] == fewer and j[5] == fewer and j[6] == "0"
    assert total[0].startswith("10") and total[5].startswith("20")
    text = section.get_text(" ")
    assert "disability category filters do not apply" in text
    # The category filter is ignored, and the page says so.
    response = client.get("/en/federation/", {"category": "hearing"})
    section, rows = _table(response)
    assert rows["Incubator I"][0].startswith("10")
    assert "not applied here" in section.get_text(" ")


def test_csv_and_xlsx_exports_match_the_page(client, w):
    client.force_login(w.auditor)
    response = client.get("/en/federation/export/businesses.csv")
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    table = lines[lines.index([]) + 1 :]
    assert table[0][:3] == [
        "Incubation base",
        "Businesses started",
        "Old enough for the 12-month check",
    ]
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["Incubator I"][1:] == [
        "10",
        "5",
        "100% (5 of 5)",
        str(FEWER_THAN),
        "–",
        "15",
        "10",
    ]
    assert by_name["Incubator J"][1] == str(FEWER_THAN)
    assert by_name["All"][1] == "10"
    response = client.get("/zh-hans/federation/export/businesses.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    with translation.override("zh-hans"):
        heading = translation.gettext("Incubation base")
    assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == heading
    assert len(list(sheet.iter_rows(min_row=2))) == 3


def test_only_auditors_and_admins_see_the_dashboard(client, w):
    client.force_login(w.manager)
    assert client.get("/en/federation/").status_code == 403
    assert client.get("/en/federation/export/businesses.csv").status_code == 403
    client.force_login(w.auditor)
    # Auditors see figures only: never the business records.
    assert client.get("/en/teach/businesses/").status_code == 403


def test_the_dashboard_query_count_does_not_grow_with_businesses(client, w):
    client.force_login(w.auditor)

    def queries(url) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/en/federation/", "/en/federation/export/businesses.csv"]
    [queries(url) for url in urls]
    small = [queries(url) for url in urls]
    more = TrainingBaseFactory(incubation=True)
    founder = UserFactory()
    for n in range(8):
        business(
            more,
            [founder],
            registered_on=months_ago(n * 4),
            checks=[(6, True), (12, n % 2 == 0)] if n > 3 else [],
        )
    assert [queries(url) for url in urls] == small
