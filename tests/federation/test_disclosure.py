"""Disclosure control in the spirit of an attacker: a group of 1 to 4 people
differs between two views of the same data, and the published numbers of
both views (parsed out of the HTML, the CSV and the XLSX, as an attacker
would) must not give its size away.

The world (all relative to today):
- SA1 at base A, course A, ended 400 days ago: 12 completions (a1–a12);
  a1–a10 recorded hearing needs; in work at 3 months a1–a8.
- SB1 at base B, course B, ended 400 days ago: 3 completions (b1–b3), all
  hearing; in work at 3 months b1, b2. Base B is the hidden group of 3.
- SA2 at base A, course A, running (started 5 days ago): 2 enrolled (r1,
  r2). The running session is the hidden group of 2 between a date range
  and the whole, and between enrolments and a rate's denominator.

Raw → published: enrolments 17 → 15; base A 14 → 15; base B 3 → fewer than
5; hearing 13 → 15; hearing at base A 10 → 10; sessions ended 15 → 15;
starting over 30 days ago 15 → 15; starting in the last 30 days 2 → fewer
than 5."""

import csv
import datetime
import io
import re

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AccessNeeds, StaffRole
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import Enrolment, Outcome
from training.services.figures import figures_rebuild

FEWER = "fewer than 5"
NO_RATE = "–"
RATE = re.compile(r"^(\d+)% \((\d+) of (\d+)\)")
NUMBER = re.compile(r"^(\d+)(?: rounded)?$")
Status = Enrolment.Status


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def parse(text: str):
    """A published figure: an int, FEWER, NO_RATE or ("rate", %, x, y)."""
    text = " ".join(str(text).split())
    if text.startswith(FEWER):
        return FEWER
    if text.startswith(NO_RATE):
        return NO_RATE
    if match := RATE.match(text):
        return ("rate", *(int(g) for g in match.groups()))
    if match := NUMBER.match(text):
        return int(match.group(1))
    raise AssertionError(f"not a published figure: {text!r}")


def html_figures(response) -> dict[str, dict[str, dict]]:
    """{table slug: {row label: {column heading: figure}}}, with the
    headline as table "headline", row "All"."""
    doc = soup(response)
    out = {
        "headline": {
            "All": {
                item.dt.get_text(" ", strip=True): parse(
                    item.dd.get_text(" ", strip=True)
                )
                for item in doc.select(".figures__item")
            }
        }
    }
    for table in doc.select("table.report-table"):
        caption = table.caption.get("id", "")
        slug = caption.removeprefix("table-").removesuffix("-caption")
        headings = [th.get_text(" ", strip=True) for th in table.thead.select("th")]
        rows = {}
        for tr in [*table.tbody.select("tr"), *table.select("tfoot tr")]:
            label = tr.th.get_text(" ", strip=True)
            values = [td.get_text(" ", strip=True) for td in tr.select("td")]
            named = dict(zip(headings[1:], values, strict=True))
            rows[label] = {
                heading: parse(value)
                for heading, value in named.items()
                if heading not in ("Training base", "Course", "Starts", "Ends")
            }
        out[slug] = rows
    return out


def counts_of(figures: dict) -> list[int]:
    """Every published count of people or places (rate parts included),
    leaving out sessions, which are exact."""
    out = []
    for rows in figures.values():
        for row in rows.values():
            for heading, value in row.items():
                if heading in ("Sessions held", "Records"):
                    continue
                if isinstance(value, int):
                    out.append(value)
                elif isinstance(value, tuple):
                    out.extend(value[2:])
    return out


def assert_publishable(figures: dict) -> None:
    for value in counts_of(figures):
        assert value % 5 == 0, value


def assert_no_difference_reveals(first: dict, second: dict, hidden: int) -> None:
    """No figure of one view minus (or plus) the same figure of the other,
    nor any two counts of the two views, gives the hidden count."""
    for value in counts_of(first):
        for other in counts_of(second):
            assert abs(value - other) != hidden, (value, other)
            assert value + other != hidden
    assert_publishable(first)
    assert_publishable(second)


class DisclosureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.base_a = TrainingBaseFactory(name="甲基地", name_en="Base A")
        cls.base_b = TrainingBaseFactory(name="乙基地", name_en="Base B")
        course_a = course_factories.course(
            course_factories.base_section(cls.base_a), title="课程甲"
        )
        course_b = course_factories.course(
            course_factories.base_section(cls.base_b), title="课程乙"
        )
        cls.sa1 = training_factories.session(
            name="SA1",
            base=cls.base_a,
            course=course_a,
            starts_on=day(-500),
            ends_on=day(-400),
            status="finished",
        )
        cls.sb1 = training_factories.session(
            name="SB1",
            base=cls.base_b,
            course=course_b,
            starts_on=day(-500),
            ends_on=day(-400),
            status="finished",
        )
        cls.sa2 = training_factories.session(
            name="SA2",
            base=cls.base_a,
            course=course_a,
            starts_on=day(-5),
            ends_on=day(30),
            status="running",
        )
        recorder = StaffRoleFactory(
            role=StaffRole.Role.INSTRUCTOR, base=cls.base_a
        ).user
        now = timezone.now()
        needs, outcomes = [], []
        for session, prefix, size, hearing, working in (
            (cls.sa1, "a", 12, 10, 8),
            (cls.sb1, "b", 3, 3, 2),
        ):
            for i in range(1, size + 1):
                person = UserFactory(name=f"学员{prefix}{i}")
                enrolment = Enrolment.objects.create(
                    trainee=person,
                    session=session,
                    status=Status.COMPLETED,
                    status_changed_at=now,
                    completed_at=now,
                )
                if i <= hearing:
                    needs.append(
                        AccessNeeds(user=person, hearing=True, consent_given_at=now)
                    )
                if i <= working:
                    outcomes.append(
                        Outcome(
                            enrolment=enrolment,
                            follow_up=3,
                            status="employed",
                            recorded_on=session.ends_on + datetime.timedelta(days=95),
                            recorded_by=recorder,
                        )
                    )
        for i in (1, 2):
            Enrolment.objects.create(
                trainee=UserFactory(name=f"学员r{i}"),
                session=cls.sa2,
                status=Status.ENROLLED,
                status_changed_at=now,
            )
        AccessNeeds.objects.bulk_create(needs)
        Outcome.objects.bulk_create(outcomes)
        figures_rebuild()  # bulk_create sends no signals
        cls.auditor = StaffRoleFactory(role=StaffRole.Role.AUDITOR, base=None).user

    def setUp(self):
        self.client.force_login(self.auditor)

    def page(self, url="/en/federation/", **params):
        response = self.client.get(url, params)
        assert response.status_code == 200, url
        return html_figures(response)

    def headline(self, figures, heading):
        return figures["headline"]["All"][heading]

    def test_every_published_count_is_zero_a_multiple_of_five_or_fewer(self):
        for figures in (
            self.page(),
            self.page(base=self.base_b.pk),
            self.page(f"/en/federation/bases/{self.base_a.pk}/"),
            self.page(f"/en/federation/sessions/{self.sb1.pk}/"),
            self.page(category="hearing"),
        ):
            assert_publishable(figures)

    def test_filter_against_unfiltered(self):
        """Base B's 3 people: the whole (17) against ?base=A (14)."""
        whole, base_a = self.page(), self.page(base=self.base_a.pk)
        assert self.headline(whole, "Enrolments") == 15
        assert self.headline(base_a, "Enrolments") == 15
        assert_no_difference_reveals(whole, base_a, 3)
        # And the other way round: ?base=B shows fewer than 5, not 3.
        base_b = self.page(base=self.base_b.pk)
        assert self.headline(base_b, "Enrolments") == FEWER
        assert_no_difference_reveals(whole, base_b, 14)

    def test_drill_down_against_dashboard(self):
        whole = self.page()
        drill = self.page(f"/en/federation/bases/{self.base_a.pk}/")
        assert self.headline(drill, "Enrolments") == 15
        assert_no_difference_reveals(whole, drill, 3)
        # The dashboard's base table against the drill-down's headline.
        bases = whole["bases"]
        assert bases["Base B"]["Enrolments"] == FEWER
        assert bases["Base A"]["Enrolments"] == self.headline(drill, "Enrolments")

    def test_session_drill_down_against_base(self):
        """SA2's 2 places: base A (14) against session SA1 (12)."""
        base = self.page(f"/en/federation/bases/{self.base_a.pk}/")
        session = self.page(f"/en/federation/sessions/{self.sa1.pk}/")
        assert self.headline(session, "Enrolments") == 10
        assert_no_difference_reveals(base, session, 2)

    def test_category_against_category_and_base(self):
        """Hearing: 13 people (10 at A, 3 at B); hearing at A: 10."""
        hearing = self.page(category="hearing")
        hearing_a = self.page(category="hearing", base=self.base_a.pk)
        assert self.headline(hearing, "Enrolments") == 15
        assert self.headline(hearing_a, "Enrolments") == 10
        assert_no_difference_reveals(hearing, hearing_a, 3)

    def test_date_range_against_unfiltered(self):
        """Sessions starting up to 30 days ago: 15 places; all: 17."""
        whole = self.page()
        old = self.page(date_to=day(-30).isoformat())
        recent = self.page(date_from=day(-30).isoformat())
        assert self.headline(old, "Enrolments") == 15
        assert self.headline(recent, "Enrolments") == FEWER
        assert_no_difference_reveals(whole, old, 2)

    def test_headline_enrolments_against_a_rate_denominator(self):
        """17 enrolments, 15 in ended sessions: the rate's denominator is
        published (15) and so are the enrolments (15): 2 is not revealed."""
        whole = self.page()
        enrolments = self.headline(whole, "Enrolments")
        rate = self.headline(whole, "Completion rate")
        assert rate == ("rate", 100, 15, 15)
        assert enrolments - rate[3] != 2
        # In work at 3 months: 10 of 15 people, published from 10 and 15.
        assert self.headline(whole, "In work at 3 months") == ("rate", 67, 10, 15)

    def test_page_against_csv_and_xlsx(self):
        whole = self.page()
        for slug in ("headline", "bases", "disability-categories"):
            url = reverse("federation:export", args=[slug, "csv"]).replace(
                "/zh-hans/", "/en/"
            )
            rows = list(
                csv.reader(
                    io.StringIO(self.client.get(url).content.decode("utf-8-sig"))
                )
            )
            table = rows[rows.index([]) + 1 :]
            headings = table[0]
            from_csv = {
                row[0]: {
                    h: parse(v) for h, v in zip(headings[1:], row[1:], strict=True)
                }
                for row in table[1:]
            }
            xlsx_url = url.replace(".csv", ".xlsx")
            sheet = load_workbook(
                io.BytesIO(self.client.get(xlsx_url).content)
            ).worksheets[0]
            values = list(sheet.iter_rows(values_only=True))
            from_xlsx = {
                row[0]: {
                    h: parse(v) for h, v in zip(values[0][1:], row[1:], strict=True)
                }
                for row in values[1:]
            }
            assert from_csv == from_xlsx, slug
            assert from_csv == whole[slug], slug
            assert_publishable({"csv": from_csv})

    def test_the_same_query_publishes_the_same_figures(self):
        first = self.page(category="hearing")
        again = self.page(category="hearing")
        assert first == again
