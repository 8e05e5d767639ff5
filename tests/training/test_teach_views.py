"""Instructor pages: permission tables, roster, needs, assisted enrolment,
withdrawal, attendance, outcomes, export and the audit trail."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from accounts.models import AccessNeeds, NeedsAccessLog, StaffRole
from core.dates import add_months
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from tests.shared_data import fresh, shared_data
from training.models import Attendance, AuditEntry, Certificate, Enrolment, Outcome
from training.selectors.learning import course_lessons
from training.services import enrolment as enrolment_service
from training.services import progress as progress_service
from training.services.records import OUTCOME_NOT_DUE
from training.wagtail_hooks import register_my_sessions_menu_item

pytestmark = pytest.mark.django_db
Role = StaffRole.Role
Status = Enrolment.Status


def build_world() -> SimpleNamespace:
    """Two bases, a session at each, and one person in every role."""
    base_a, base_b = TrainingBaseFactory(), TrainingBaseFactory()
    session_a = training_factories.session(base=base_a, capacity=5, lessons=3)
    session_b = training_factories.session(base=base_b, capacity=5, lessons=1)
    world = SimpleNamespace(
        base_a=base_a,
        base_b=base_b,
        session_a=session_a,
        session_b=session_b,
        trainee=UserFactory(name="王小明"),
        instructor_a=StaffRoleFactory(role=Role.INSTRUCTOR, base=base_a).user,
        instructor_b=StaffRoleFactory(role=Role.INSTRUCTOR, base=base_b).user,
        manager_a=StaffRoleFactory(role=Role.MANAGER, base=base_a).user,
        auditor=StaffRoleFactory(role=Role.AUDITOR, base=None).user,
        admin=StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user,
    )
    world.enrolment = enrolment_service.enrolment_create(
        trainee=world.trainee, session=session_a, actor=world.trainee
    )
    return world


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # Built once for the module (tests/shared_data.py); each test rolls back
    # to it and gets its own copy of the objects.
    with shared_data(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(_world, db):
    return fresh(_world)


def _client_for(client, world, who: str):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


ROLES = [
    "anonymous",
    "trainee",
    "instructor_a",
    "instructor_b",
    "manager_a",
    "auditor",
    "admin",
]


# Permission tables -----------------------------------------------------------------

ROSTER_TABLE = {
    "anonymous": "login",
    "trainee": "refused",
    "instructor_a": "allowed",
    "instructor_b": "refused",
    "manager_a": "allowed",
    "auditor": "refused",
    "admin": "allowed",
}
AUDIT_TABLE = ROSTER_TABLE | {"instructor_a": "refused", "auditor": "allowed"}
LIST_TABLE = {
    "anonymous": "login",
    "trainee": "refused",
    "instructor_a": "allowed",
    "instructor_b": "allowed",
    "manager_a": "allowed",
    "auditor": "allowed",
    "admin": "allowed",
}
NEEDS_TABLE = {
    "anonymous": "login",
    "trainee": "allowed",
    "instructor_a": "allowed",
    "instructor_b": "refused",
    "manager_a": "allowed",
    "auditor": "refused",
    "admin": "allowed",
}
SESSION_PAGES = [
    "teach:roster",
    "teach:attendance",
    "teach:enrol",
    "teach:import",
    "teach:export_csv",
    "teach:export_xlsx",
]


def _pages(world) -> list[tuple[str, dict]]:
    """Every instructor page, with the table that says who may open it."""
    session, enrolment = world.session_a.pk, world.enrolment.pk
    pages = [(reverse(name, args=[session]), ROSTER_TABLE) for name in SESSION_PAGES]
    pages += [
        (reverse(name, args=[session, enrolment]), ROSTER_TABLE)
        for name in ("teach:withdraw", "teach:outcomes")
    ]
    pages.append((reverse("teach:audit", args=[session]), AUDIT_TABLE))
    pages.append((reverse("teach:sessions"), LIST_TABLE))
    pages.append((reverse("teach:trainee_needs", args=[world.trainee.pk]), NEEDS_TABLE))
    return pages


@pytest.mark.parametrize("who", ROLES)
def test_permission_table(client, world, who):
    client = _client_for(client, world, who)
    wrong = []
    for url, table in _pages(world):
        status_code = client.get(url).status_code
        expected = {"login": (302,), "allowed": (200,), "refused": (403, 404)}[
            table[who]
        ]
        if status_code not in expected:
            wrong.append(f"{url}: {status_code}, expected {table[who]}")
    assert not wrong, f"{who}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("who", ["trainee", "instructor_b", "auditor"])
def test_refused_people_cannot_post_either(client, world, who):
    client = _client_for(client, world, who)
    session, enrolment = world.session_a, world.enrolment
    posts = [
        (reverse("teach:withdraw", args=[session.pk, enrolment.pk]), {}),
        (reverse("teach:accept", args=[session.pk, enrolment.pk]), {}),
        (reverse("teach:enrol", args=[session.pk]), {"trainee": who}),
        (reverse("teach:attendance", args=[session.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (403, 404)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ENROLLED


def test_an_enrolment_of_another_session_is_not_found(client, world):
    other = enrolment_service.enrolment_create(
        trainee=UserFactory(home_base=world.base_b),
        session=world.session_b,
        actor=world.instructor_b,
    )
    client.force_login(world.instructor_a)
    url = reverse("teach:withdraw", args=[world.session_a.pk, other.pk])
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == Status.ENROLLED


# My sessions -----------------------------------------------------------------------


def test_my_sessions_lists_only_own_bases_with_counts(client, world):
    session = world.session_a
    enrolment_service.enrolment_create(
        trainee=UserFactory(home_base=world.base_a),
        session=session,
        actor=world.instructor_a,
    )
    client.force_login(world.instructor_a)
    response = client.get("/zh-hans/teach/")
    doc = assert_accessible_shell(response, lang="zh-Hans")
    rows = doc.select("table tbody tr")
    assert len(rows) == 1
    assert session.name in rows[0].get_text()
    cells = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert cells[-3:] == ["2 / 5", "0", "0"]
    assert doc.select_one('nav a[href$="/teach/"]') is not None


def test_my_sessions_shows_every_session_to_a_federation_admin(client, world):
    client.force_login(world.admin)
    doc = soup(client.get("/en/teach/"))
    assert len(doc.select("table tbody tr")) == 2


def test_teaching_link_is_not_shown_to_trainees(client, world):
    client.force_login(world.trainee)
    doc = soup(client.get(reverse("profile")))
    assert doc.select_one('nav a[href$="/teach/"]') is None


def test_wagtail_admin_menu_links_staff_to_my_sessions(client, rf, world):
    item = register_my_sessions_menu_item()
    request = rf.get("/admin/")
    for user, shown in [(world.instructor_a, True), (world.trainee, False)]:
        request.user = user
        assert item.is_shown(request) is shown
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    # The sidebar menu is rendered as JSON props for Wagtail's sidebar.
    assert '"url": "/zh-hans/teach/"' in response.content.decode()
    # Menu items are built once per process: the link still follows the
    # language of each request.
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    assert '"url": "/en/teach/"' in client.get("/admin/").content.decode()


def test_session_navigation_is_the_same_on_every_page(client, world):
    client.force_login(world.manager_a)
    session = world.session_a.pk
    audit_link = f'a[href="/en/teach/sessions/{session}/audit/"]'
    for path in ("", "attendance/", "enrol/", "import/"):
        doc = soup(client.get(f"/en/teach/sessions/{session}/{path}"))
        assert doc.select_one(f"nav.teach-nav {audit_link}") is not None, path
    client.force_login(world.instructor_a)
    doc = soup(client.get(f"/en/teach/sessions/{session}/attendance/"))
    assert doc.select_one(f"nav.teach-nav {audit_link}") is None


# Roster ----------------------------------------------------------------------------


def _add_trainees(session, count: int, actor) -> list[Enrolment]:
    enrolments = [
        # Linked to the base (home base), so staff enrolment gives a place.
        enrolment_service.enrolment_create(
            trainee=UserFactory(home_base=session.base), session=session, actor=actor
        )
        for _ in range(count)
    ]
    lessons = list(course_lessons(enrolments[0]))
    for enrolment in enrolments[::2]:
        if enrolment.status != Status.ENROLLED:
            continue
        for lesson in lessons:
            progress_service.lesson_completion_record(
                enrolment=enrolment, lesson=lesson, actor=enrolment.trainee
            )
    return enrolments


def test_roster_is_an_accessible_table(client, world):
    lessons = list(course_lessons(world.enrolment))
    progress_service.lesson_completion_record(
        enrolment=world.enrolment, lesson=lessons[0], actor=world.trainee
    )
    client.force_login(world.instructor_a)
    response = client.get(f"/en/teach/sessions/{world.session_a.pk}/")
    doc = assert_accessible_shell(response, lang="en")
    region = doc.select_one('.table-scroll[role="region"][tabindex="0"]')
    table = region.select_one("table")
    assert region["aria-labelledby"] == table.caption["id"]
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert table.select_one("tbody th")["scope"] == "row"
    assert table.select_one('thead th[aria-sort="ascending"]').a.get_text() == (
        "Trainee"
    )
    row = table.select_one("tbody tr").get_text(" ", strip=True)
    assert "王小明" in row and "1 of 3 lessons" in row and "Self" in row
    progress = table.select_one("tbody progress")
    assert progress["max"] == "3" and progress["value"] == "1"
    needs_link = table.select_one(
        f'a[href$="/teach/trainees/{world.trainee.pk}/needs/"]'
    )
    assert needs_link is not None


def test_roster_sorts_by_links_and_marks_the_sorted_column(client, world):
    enrolment_service.enrolment_create(
        trainee=UserFactory(name="Aaron"), session=world.session_a, actor=world.admin
    )
    client.force_login(world.instructor_a)
    url = f"/en/teach/sessions/{world.session_a.pk}/"
    names = [th.get_text(strip=True) for th in soup(client.get(url)).select("tbody th")]
    assert names == ["Aaron", "王小明"]
    doc = soup(client.get(url + "?sort=name&dir=desc"))
    assert [th.get_text(strip=True) for th in doc.select("tbody th")] == [
        "王小明",
        "Aaron",
    ]
    assert doc.select_one('thead th[aria-sort="descending"]').a["href"] == (
        "?sort=name&dir=asc"
    )
    doc = soup(client.get(url + "?sort=status"))
    sorted_headers = doc.select("thead th[aria-sort]")
    assert len(sorted_headers) == 1
    assert sorted_headers[0].a.get_text() == "Status"


def test_roster_filters_by_status_with_a_get_form(client, world):
    session = world.session_a
    waiting = training_factories.session(base=world.base_a, capacity=1, lessons=1)
    enrolment_service.enrolment_create(
        trainee=UserFactory(name="第一", home_base=world.base_a),
        session=waiting,
        actor=world.admin,
    )
    enrolment_service.enrolment_create(
        trainee=UserFactory(name="候补", home_base=world.base_a),
        session=waiting,
        actor=world.admin,
    )
    client.force_login(world.instructor_a)
    doc = soup(client.get(f"/en/teach/sessions/{waiting.pk}/?status=waitlisted"))
    assert doc.select_one("form[method=get] select#id_status") is not None
    assert [th.get_text(strip=True) for th in doc.select("tbody th")] == ["候补"]
    assert doc.select_one('thead th a[href*="status=waitlisted"]') is not None
    doc = soup(client.get(f"/en/teach/sessions/{session.pk}/?status=withdrawn"))
    assert "No trainees have this status." in doc.get_text()


def _roster_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_roster_runs_a_fixed_number_of_queries(client, world):
    session = world.session_a
    client.force_login(world.instructor_a)
    url = reverse("teach:roster", args=[session.pk])
    client.get(url)  # warm-up
    _add_trainees(session, 3, world.instructor_a)
    small = _roster_queries(client, url)
    assert Certificate.objects.filter(enrolment__session=session).count() >= 2
    for number in range(2):
        course_factories.lesson(session.course, title=f"新课 {number}")
    _add_trainees(session, 20, world.instructor_a)
    large = _roster_queries(client, url)
    assert large == small, f"{small} queries with 4 trainees, {large} with 24"
    with translation.override("en"):
        english = reverse("teach:roster", args=[session.pk])
    assert "of 5 lessons" in client.get(english).content.decode()
    assert small <= 12


def test_my_sessions_and_audit_trail_run_a_fixed_number_of_queries(client, world):
    client.force_login(world.admin)
    list_url = reverse("teach:sessions")
    audit_url = reverse("teach:audit", args=[world.session_a.pk])
    client.get(list_url), client.get(audit_url)
    _add_trainees(world.session_a, 2, world.admin)
    small = (_roster_queries(client, list_url), _roster_queries(client, audit_url))
    for _ in range(3):
        training_factories.session(base=world.base_b, lessons=0)
    _add_trainees(world.session_a, 12, world.admin)
    large = (_roster_queries(client, list_url), _roster_queries(client, audit_url))
    assert small == large


# Access needs ----------------------------------------------------------------------


def test_staff_see_needs_and_every_view_is_logged(client, world):
    AccessNeeds.objects.create(
        user=world.trainee,
        visual=True,
        screen_reader=True,
        notes="请提前发材料。",
        consent_given_at=timezone.now(),
    )
    client.force_login(world.instructor_a)
    url = f"/en/teach/trainees/{world.trainee.pk}/needs/"
    response = client.get(url)
    text = assert_accessible_shell(response, lang="en").get_text()
    assert "Visual" in text and "Screen reader" in text and "请提前发材料。" in text
    client.get(url)
    log = NeedsAccessLog.objects.filter(subject=world.trainee)
    assert log.count() == 2
    assert {entry.viewer for entry in log} == {world.instructor_a}
    assert log.first().path == url


def test_needs_views_by_the_trainee_are_not_logged_and_refusals_show_nothing(
    client, world
):
    AccessNeeds.objects.create(
        user=world.trainee, notes="秘密备注", consent_given_at=timezone.now()
    )
    url = reverse("teach:trainee_needs", args=[world.trainee.pk])
    client.force_login(world.trainee)
    assert client.get(url).status_code == 200
    client.force_login(world.auditor)
    response = client.get(url)
    assert response.status_code == 403
    assert "秘密备注" not in response.content.decode()
    assert not NeedsAccessLog.objects.exists()


def test_instructor_loses_access_to_needs_when_trainee_withdraws(client, world):
    enrolment_service.enrolment_withdraw(enrolment=world.enrolment, actor=world.admin)
    client.force_login(world.instructor_a)
    url = reverse("teach:trainee_needs", args=[world.trainee.pk])
    assert client.get(url).status_code == 403


# Assisted enrolment, accept, decline, withdraw -----------------------------------------


def test_assisted_enrolment_finds_by_email_or_name_and_records_it(client, world):
    # Issue #11: part of a name finds only people linked to the base (here by
    # home base), and the post carries the search that found the person.
    person = UserFactory(name="李四", email="lisi@example.org", home_base=world.base_a)
    client.force_login(world.instructor_a)
    url = f"/en/teach/sessions/{world.session_a.pk}/enrol/"
    for query in ("LiSi@example.org", "李"):
        doc = soup(client.get(url, {"q": query}))
        assert doc.select_one("form[method=get] input#id_q") is not None
        buttons = doc.select("main form[method=post] button")
        assert [b.get_text(" ", strip=True) for b in buttons] == ["Enrol 李四"]
    response = client.post(url, {"trainee": person.pk, "q": "李"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(trainee=person, session=world.session_a)
    assert enrolment.is_assisted and enrolment.enrolled_by == world.instructor_a
    entry = AuditEntry.objects.get(action="enrolment.create", trainee=person)
    assert entry.actor == world.instructor_a
    assert entry.changes["assisted"] == [None, True]
    doc = soup(client.get(url, {"q": "lisi@example.org"}))
    assert not doc.select("main form[method=post] button")
    assert "Already in this session" in doc.get_text()
    doc = soup(client.get(f"/en/teach/sessions/{world.session_a.pk}/"))
    assert "Staff (assisted)" in doc.select_one("tbody").get_text()


def test_search_without_a_query_shows_an_error_in_the_summary(client, world):
    client.force_login(world.instructor_a)
    doc = soup(client.get(f"/en/teach/sessions/{world.session_a.pk}/enrol/", {"q": ""}))
    assert doc.select_one('.error-summary a[href="#id_q"]') is not None


def test_accept_and_decline_applications(client, world):
    session = training_factories.session(
        base=world.base_a, capacity=1, lessons=1, approval_required=True
    )
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    applications = [
        enrolment_service.enrolment_create(trainee=p, session=session, actor=p)
        for p in (first, second, third)
    ]
    assert {a.status for a in applications} == {Status.APPLIED}
    client.force_login(world.instructor_a)
    accept = reverse("teach:accept", args=[session.pk, applications[0].pk])
    assert client.get(accept).status_code == 405
    client.post(accept)
    client.post(reverse("teach:accept", args=[session.pk, applications[1].pk]))
    with translation.override("en"):
        decline = reverse("teach:withdraw", args=[session.pk, applications[2].pk])
    page = soup(client.get(decline))
    assert "Decline this application?" in page.h1.get_text()
    client.post(decline)
    statuses = [Enrolment.objects.get(pk=a.pk).status for a in applications]
    assert statuses == [Status.ENROLLED, Status.WAITLISTED, Status.WITHDRAWN]


def test_withdraw_asks_first_then_offers_the_seat(client, world):
    session = training_factories.session(base=world.base_a, capacity=1, lessons=1)
    holder, waiting = UserFactory(), UserFactory()
    held = enrolment_service.enrolment_create(
        trainee=holder, session=session, actor=holder
    )
    queued = enrolment_service.enrolment_create(
        trainee=waiting, session=session, actor=waiting
    )
    client.force_login(world.instructor_a)
    url = reverse("teach:withdraw", args=[session.pk, held.pk])
    page = client.get(url)
    assert page.status_code == 200
    held.refresh_from_db()
    assert held.status == Status.ENROLLED, "a GET changes nothing"
    client.post(url)
    client.post(url)  # a second click changes nothing more
    held.refresh_from_db(), queued.refresh_from_db()
    assert held.status == Status.WITHDRAWN
    assert queued.status == Status.OFFERED
    assert (
        AuditEntry.objects.filter(action="enrolment.status", object_id=held.pk).count()
        == 1
    )


# Attendance ------------------------------------------------------------------------


def _attendance_url(world, day: datetime.date) -> str:
    return f"/en/teach/sessions/{world.session_a.pk}/attendance/?day={day.isoformat()}"


def test_attendance_day_is_chosen_from_the_session_dates(client, world):
    client.force_login(world.instructor_a)
    session = world.session_a
    second_day = session.starts_on + datetime.timedelta(days=1)
    doc = soup(client.get(_attendance_url(world, second_day)))
    options = doc.select("select#id_day option")
    assert options[0]["value"] == session.starts_on.isoformat()
    assert options[-1]["value"] == session.ends_on.isoformat()
    selected = doc.select_one("select#id_day option[selected]")["value"]
    assert selected == second_day.isoformat()
    fieldset = doc.select_one("form[method=post] fieldset")
    assert fieldset.legend.get_text(strip=True).startswith("王小明")
    labels = [label.get_text(strip=True) for label in fieldset.select("label")]
    assert labels == ["Present", "Absent", "Absent with reason"]


def test_attendance_is_saved_idempotently(client, world):
    client.force_login(world.instructor_a)
    day = world.session_a.starts_on + datetime.timedelta(days=1)
    field = f"trainee_{world.enrolment.pk}"
    url = _attendance_url(world, day)
    assert client.post(url, {field: "present"}).status_code == 302
    assert client.post(url, {field: "present"}).status_code == 302
    record = Attendance.objects.get()
    assert (record.day, record.status) == (day, "present")
    assert AuditEntry.objects.filter(action="attendance.record").count() == 1
    client.post(url, {field: "excused"})
    assert Attendance.objects.get().status == "excused"
    assert AuditEntry.objects.filter(action="attendance.record").count() == 2
    doc = soup(client.get(url))
    assert doc.select_one(f"input[name={field}][checked]")["value"] == "excused"


def test_attendance_errors_are_summarised_and_input_kept(client, world):
    second = enrolment_service.enrolment_create(
        trainee=UserFactory(name="赵六", home_base=world.base_a),
        session=world.session_a,
        actor=world.admin,
    )
    client.force_login(world.instructor_a)
    url = _attendance_url(world, world.session_a.starts_on + datetime.timedelta(days=2))
    response = client.post(url, {f"trainee_{world.enrolment.pk}": "absent"})
    assert response.status_code == 200
    doc = soup(response)
    summary = doc.select_one(".error-summary")
    assert summary.select_one(f'a[href="#id_trainee_{second.pk}_0"]') is not None
    kept = doc.select_one(f"input[name=trainee_{world.enrolment.pk}][checked]")
    assert kept["value"] == "absent"
    assert not Attendance.objects.exists(), "nothing saved until every row is right"


def test_attendance_for_a_day_outside_the_session_falls_back_to_a_session_day(
    client, world
):
    client.force_login(world.instructor_a)
    url = _attendance_url(world, world.session_a.ends_on + datetime.timedelta(days=32))
    client.post(url, {f"trainee_{world.enrolment.pk}": "present"})
    day = Attendance.objects.get().day
    assert world.session_a.starts_on <= day <= world.session_a.ends_on


# Outcomes --------------------------------------------------------------------------


def _outcome_url(world) -> str:
    return f"/en/teach/sessions/{world.session_a.pk}/enrolments/{world.enrolment.pk}/outcomes/"


def test_outcome_before_the_session_ends_is_refused_in_plain_language(client, world):
    client.force_login(world.instructor_a)
    before_the_end = world.session_a.ends_on - datetime.timedelta(days=20)
    response = client.post(
        _outcome_url(world),
        {"follow_up": "3", "status": "employed", "recorded_on": before_the_end},
    )
    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary")
    link = summary.select_one('a[href="#id_recorded_on"]')
    due = add_months(world.session_a.ends_on, 3)
    with translation.override("en"):
        message = str(
            OUTCOME_NOT_DUE
            % {
                "follow_up": Outcome.FollowUp(3).label,
                "due": date_format(due, "DATE_FORMAT"),
            }
        )
    assert message in link.get_text()
    assert not Outcome.objects.exists()


def test_outcome_form_keeps_input_and_names_missing_choices(client, world):
    client.force_login(world.instructor_a)
    response = client.post(_outcome_url(world), {"recorded_on": "15/03/2027"})
    doc = soup(response)
    links = [a["href"] for a in doc.select(".error-summary a")]
    assert links == ["#id_follow_up_0", "#id_status_0", "#id_recorded_on"]
    assert doc.select_one("#id_recorded_on")["value"] == "15/03/2027"


def test_outcomes_are_recorded_idempotently_and_audited(client, world):
    client.force_login(world.instructor_a)
    # Ended seven months ago: the 6-month follow-up is due (issue #12).
    session = world.session_a
    session.ends_on = add_months(timezone.localdate(), -7)
    session.starts_on = session.ends_on - datetime.timedelta(days=60)
    session.save()
    six_months_on = add_months(session.ends_on, 6)
    data = {"follow_up": "6", "status": "self_employed", "recorded_on": six_months_on}
    for _ in range(2):
        assert client.post(_outcome_url(world), data).status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.follow_up, outcome.status) == (6, "self_employed")
    assert outcome.recorded_by == world.instructor_a
    client.post(_outcome_url(world), data | {"status": "employed"})
    assert Outcome.objects.get().status == "employed"
    entries = AuditEntry.objects.filter(action="outcome.record").order_by("pk")
    assert entries.count() == 2
    assert entries.last().changes["status"] == ["self_employed", "employed"]
    text = soup(client.get(_outcome_url(world))).get_text()
    assert "6 months" in text and "Employed" in text


# Export ----------------------------------------------------------------------------


def _finished_world(world):
    lessons = list(course_lessons(world.enrolment))
    for lesson in lessons:
        progress_service.lesson_completion_record(
            enrolment=world.enrolment, lesson=lesson, actor=world.trainee
        )
    world.trainee.phone = "13800138000"
    world.trainee.save()
    return Certificate.objects.get(enrolment=world.enrolment)


def test_csv_export_has_a_bom_and_headers_in_the_users_language(client, world):
    certificate = _finished_world(world)
    client.force_login(world.instructor_a)
    response = client.get(f"/zh-hans/teach/sessions/{world.session_a.pk}/roster.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("zh-hans"):
        assert rows[0][0] == translation.gettext("Name") != "Name"
    assert rows[1][:3] == ["王小明", world.trainee.email, "13800138000"]
    assert rows[1][5:7] == ["3", "3"]
    assert rows[1][-1] == certificate.code
    english = client.get(f"/en/teach/sessions/{world.session_a.pk}/roster.csv")
    header = next(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert header[:4] == ["Name", "Email", "Phone", "Status"]


def test_xlsx_export_reads_back(client, world):
    certificate = _finished_world(world)
    client.force_login(world.manager_a)
    response = client.get(f"/en/teach/sessions/{world.session_a.pk}/roster.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Name", "Email", "Phone", "Status")
    assert rows[1][0] == "王小明"
    assert rows[1][3] == "Completed"
    assert rows[1][-1] == certificate.code
    assert len(rows) == 2


def test_exports_keep_formula_like_names_as_text(client, world):
    world.trainee.name = '=HYPERLINK("http://evil.example")'
    world.trainee.save()
    client.force_login(world.instructor_a)
    base = f"/en/teach/sessions/{world.session_a.pk}/roster"
    rows = list(
        csv.reader(io.StringIO(client.get(base + ".csv").content.decode("utf-8-sig")))
    )
    assert rows[1][0] == "'" + world.trainee.name
    workbook = load_workbook(io.BytesIO(client.get(base + ".xlsx").content))
    cell = workbook.worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value == "'" + world.trainee.name


# Audit trail -----------------------------------------------------------------------


def test_audit_trail_lists_changes_newest_first_with_pages(client, world):
    for _ in range(55):
        enrolment_service.enrolment_create(
            trainee=UserFactory(home_base=world.base_a),
            session=world.session_a,
            actor=world.instructor_a,
        )
    client.force_login(world.manager_a)
    url = f"/en/teach/sessions/{world.session_a.pk}/audit/"
    doc = assert_accessible_shell(client.get(url), lang="en")
    rows = doc.select("tbody tr")
    assert len(rows) == 50
    newest = AuditEntry.objects.filter(session=world.session_a).first()
    first = rows[0].get_text(" ", strip=True)
    assert f"#{newest.object_id}" in first and "Enrolment created" in first
    assert "Status: — → On the waiting list" in first
    assert "Assisted: — → yes" in first
    assert doc.select_one('nav.pagination a[rel="next"]') is not None
    doc = soup(client.get(url + "?page=2"))
    assert len(doc.select("tbody tr")) == 56 - 50
    other = AuditEntry.objects.filter(session=world.session_b)
    assert not other.exists() or all(
        f"#{e.object_id}" not in doc.get_text() for e in other
    )
