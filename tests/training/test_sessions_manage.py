"""Setting up sessions in /teach/: who may, the rules as a table, running a
session again, closing enrolment, cancelling (with who is told), closed
periods, and query counts for the form pages."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import StaffRole
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from tests.shared_data import fresh, shared_data
from training import signals
from training.audit_display import ACTION_LABELS
from training.models import AuditEntry, Enrolment, Meeting, ReportingPeriod
from training.models import TrainingSession as Session
from training.services import enrolment as enrolment_service
from training.services import sessions as service
from training.services.periods import PERIOD_LOCKED

pytestmark = pytest.mark.django_db
Role = StaffRole.Role


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def build_world() -> SimpleNamespace:
    """Two bases, each with a live course; a planned session at base A with
    one meeting and one trainee holding a seat; one person in every role."""
    base_a, base_b = TrainingBaseFactory(), TrainingBaseFactory()
    course_a = course_factories.course(course_factories.base_section(base_a))
    course_b = course_factories.course(course_factories.base_section(base_b))
    world = SimpleNamespace(
        base_a=base_a,
        base_b=base_b,
        course_a=course_a,
        course_b=course_b,
        trainee=UserFactory(),
        instructor_a=StaffRoleFactory(role=Role.INSTRUCTOR, base=base_a).user,
        manager_a=StaffRoleFactory(role=Role.MANAGER, base=base_a).user,
        manager_b=StaffRoleFactory(role=Role.MANAGER, base=base_b).user,
        auditor=StaffRoleFactory(role=Role.AUDITOR, base=None).user,
        admin=StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user,
    )
    world.session = training_factories.session(
        base=base_a,
        course=course_a,
        capacity=5,
        starts_on=days(30),
        ends_on=days(60),
        name="春季班",
    )
    world.session.instructors.add(world.instructor_a)
    Meeting.objects.create(
        session=world.session,
        day=days(31),
        starts_at=datetime.time(9),
        ends_at=datetime.time(12),
        room="101 室",
    )
    world.enrolment = enrolment_service.enrolment_create(
        trainee=world.trainee, session=world.session, actor=world.trainee
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


def form_data(world, **changes) -> dict:
    """A valid POST for a session at base A, with `changes` on top."""
    data = {
        "course": world.course_a.pk,
        "name": "电商摄影 秋季班",
        "name_en": "Shop photography, autumn",
        "starts_on": days(40).isoformat(),
        "ends_on": days(70).isoformat(),
        "venue": "",
        "venue_en": "",
        "capacity": "12",
        "delivery_mode": "blended",
        "instructors": [world.instructor_a.pk],
        "enrolment_opens_on": days(1).isoformat(),
        "enrolment_closes_on": days(39).isoformat(),
        "support": ["support_captioner", "support_transport"],
        "meetings-TOTAL_FORMS": "3",
        "meetings-INITIAL_FORMS": "0",
        "meetings-MIN_NUM_FORMS": "0",
        "meetings-MAX_NUM_FORMS": "200",
        "meetings-0-day": days(41).isoformat(),
        "meetings-0-starts_at": "09:00",
        "meetings-0-ends_at": "11:30",
        "meetings-0-room": "二楼 201",
        "meetings-1-day": days(42).isoformat(),
        "meetings-1-starts_at": "14:00",
        "meetings-1-ends_at": "16:00",
        "meetings-1-online_link": "https://meeting.example.cn/42",
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def create_url(world) -> str:
    return reverse("teach:session_create") + f"?base={world.base_a.pk}"


# Permission table ------------------------------------------------------------------

ROLES = [
    "anonymous",
    "trainee",
    "instructor_a",
    "manager_a",
    "manager_b",
    "auditor",
    "admin",
]
MANAGE = {
    "anonymous": "login",
    "trainee": "refused",
    "instructor_a": "refused",
    "manager_a": "allowed",
    "manager_b": "refused",
    "auditor": "refused",
    "admin": "allowed",
}
PAGES = [
    "teach:session_edit",
    "teach:session_duplicate",
    "teach:session_cancel",
    "create",
]


def _url(world, page: str) -> str:
    if page == "create":
        return create_url(world)
    return reverse(page, kwargs={"pk": world.session.pk})


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ROLES)
def test_who_may_set_up_sessions(client, world, who, page):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.get(_url(world, page))
    expected = MANAGE[who]
    if page == "create" and who == "manager_b":
        # Their own base is chosen instead: base A is not in their list.
        assert response.status_code == 200
        assert str(world.base_a.pk) not in [
            o.get("value") for o in soup(response).select("select#id_base option")
        ]
        return
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif expected == "refused":
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("who", ROLES[1:])
def test_enrolment_close_permission(client, world, who):
    client.force_login(getattr(world, who))
    url = reverse("teach:session_enrolment", kwargs={"pk": world.session.pk})
    response = client.post(url, {"action": "close"})
    world.session.refresh_from_db()
    if MANAGE[who] == "allowed":
        assert response.status_code == 302
        assert world.session.enrolment_open is False
    else:
        assert response.status_code == 403
        assert world.session.enrolment_open is True


def test_teach_home_links_follow_the_rules(client, world):
    client.force_login(world.instructor_a)
    page = soup(client.get(reverse("teach:sessions")))
    assert not page.select(f'a[href="{reverse("teach:session_create")}"]')
    edit = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    assert not page.select(f'a[href="{edit}"]')
    client.force_login(world.manager_a)
    page = soup(client.get(reverse("teach:sessions")))
    assert page.select(f'a[href="{reverse("teach:session_create")}"]')
    assert page.select(f'a[href="{edit}"]')
    roster = soup(client.get(reverse("teach:roster", kwargs={"pk": world.session.pk})))
    assert roster.select(f'nav a[href="{edit}"]')


# Create and edit ---------------------------------------------------------------------


def test_manager_creates_a_session(client, world):
    client.force_login(world.manager_a)
    response = client.post(create_url(world), form_data(world))
    assert response.status_code == 302, soup(response).select(".field__errors")
    session = Session.objects.exclude(pk=world.session.pk).get()
    assert (
        response["Location"]
        == reverse("teach:session_edit", kwargs={"pk": session.pk}) + "#notice"
    )
    assert session.base == world.base_a
    assert session.name_en == "Shop photography, autumn"
    assert session.support_captioner and session.support_transport
    assert not session.support_sign_language
    assert list(session.instructors.all()) == [world.instructor_a]
    assert [(m.day, m.room, m.online_link) for m in session.meetings.all()] == [
        (days(41), "二楼 201", ""),
        (days(42), "", "https://meeting.example.cn/42"),
    ]
    entry = AuditEntry.objects.get(action="session.create")
    assert entry.session_id == session.pk
    assert entry.changes["capacity"] == [None, 12]


def test_single_base_manager_skips_the_base_choice(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse("teach:session_create"))
    page = soup(response)
    assert page.select_one("#id_course") is not None
    options = [o.get_text() for o in page.select("#id_course option")]
    assert world.course_a.title in options
    # The base's venue access is shown as a hint.
    assert page.select_one(".notice") is not None


def test_admin_chooses_a_base_first(client, world):
    client.force_login(world.admin)
    with translation.override("zh-hans"):
        response = client.get(reverse("teach:session_create"))
    page = assert_accessible_shell(response, lang="zh-Hans")
    assert page.select_one("select#id_base") is not None
    assert page.select_one("#id_course") is None


# Each case: changes to a valid POST → the field the error is shown beside.
RULES = [
    ("end before start", {"ends_on": days(39).isoformat()}, "ends_on"),
    (
        "meeting outside the session",
        {"meetings-0-day": days(80).isoformat()},
        "meetings-0-day",
    ),
    (
        "meeting ends before it starts",
        {"meetings-0-ends_at": "08:00"},
        "meetings-0-ends_at",
    ),
    (
        "meeting with neither room nor link",
        {"meetings-0-room": ""},
        "meetings-0-room",
    ),
    ("bad meeting time", {"meetings-0-starts_at": "9点"}, "meetings-0-starts_at"),
    ("bad date", {"starts_on": "明天"}, "starts_on"),
    ("no places", {"capacity": "0"}, "capacity"),
    ("instructor from another base", {"instructors": ["manager_b"]}, "instructors"),
    ("course from another base", {"course": "course_b"}, "course"),
    (
        "enrolment closes after the session starts",
        {"enrolment_closes_on": days(45).isoformat()},
        "enrolment_closes_on",
    ),
    (
        "enrolment closes before it opens",
        {
            "enrolment_opens_on": days(39).isoformat(),
            "enrolment_closes_on": days(35).isoformat(),
        },
        "enrolment_closes_on",
    ),
    ("no name", {"name": ""}, "name"),
    ("no course", {"course": ""}, "course"),
]


def _resolve(world, changes: dict) -> dict:
    resolved = {}
    for key, value in changes.items():
        if value == "course_b":
            value = world.course_b.pk
        elif value == ["manager_b"]:
            value = [world.manager_b.pk]
        resolved[key] = value
    return resolved


@pytest.mark.parametrize(
    ("case", "changes", "field"), RULES, ids=[case for case, _, _ in RULES]
)
def test_create_rules(client, world, case, changes, field):
    client.force_login(world.manager_a)
    data = form_data(world, **_resolve(world, changes))
    response = client.post(create_url(world), data)
    assert response.status_code == 200
    page = soup(response)
    errors = page.select(f"#id_{field}_error")
    assert errors, f"{case}: no error beside {field}"
    summary = page.select(".error-summary a")
    assert any(a["href"].startswith(f"#id_{field}") for a in summary)
    # Input kept.
    assert page.select_one("#id_name").get("value", "") == data["name"]
    assert page.select_one("#id_capacity").get("value") == data["capacity"]
    assert Session.objects.count() == 1


def test_edit_refuses_fewer_places_than_seats_held(client, world):
    second = UserFactory()
    enrolment_service.enrolment_create(
        trainee=second, session=world.session, actor=second
    )
    client.force_login(world.manager_a)
    url = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    data = form_data(
        world,
        capacity="1",
        starts_on=days(30).isoformat(),
        ends_on=days(60).isoformat(),
        enrolment_closes_on=None,
        **{"meetings-0-day": days(31).isoformat(), "meetings-TOTAL_FORMS": "1"},
    )
    response = client.post(url, data)
    page = soup(response)
    message = str(service.FEWER_PLACES % {"count": 2})
    assert message in page.select_one("#id_capacity_error").get_text()
    world.session.refresh_from_db()
    assert world.session.capacity == 5


def test_edit_sends_session_changed_for_dates_and_audits(client, world):
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    signals.session_changed.connect(listener)
    try:
        client.force_login(world.manager_a)
        url = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
        form = soup(client.get(url))
        assert form.select_one("#id_meetings-0-room")["value"] == "101 室"
        data = form_data(
            world,
            **{"meetings-TOTAL_FORMS": "4", "meetings-INITIAL_FORMS": "1"},
        )
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
            response = client.post(url, data)
        assert response.status_code == 302
    finally:
        signals.session_changed.disconnect(listener)
    world.session.refresh_from_db()
    assert world.session.starts_on == days(40)
    assert len(received) == 1
    changes = received[0]["changes"]
    assert changes["starts_on"] == [days(30).isoformat(), days(40).isoformat()]
    assert "meetings" in changes
    entry = AuditEntry.objects.get(action="session.update")
    assert entry.changes["capacity"] == [5, 12]
    assert entry.session_id == world.session.pk


def test_saving_unchanged_logs_and_tells_nothing(world):
    received = []
    signals.session_changed.connect(received.append)
    session = world.session
    fields = {name: getattr(session, name) for name in service.SESSION_FIELDS}
    meetings = [
        {name: getattr(m, name) for name in service.MEETING_FIELDS}
        for m in session.meetings.all()
    ]
    try:
        service.session_update(
            session=session,
            fields=fields,
            instructors=list(session.instructors.all()),
            meetings=meetings,
            actor=world.manager_a,
        )
    finally:
        signals.session_changed.disconnect(received.append)
    assert not AuditEntry.objects.filter(action="session.update").exists()
    assert received == []


def test_removing_a_meeting(client, world):
    client.force_login(world.manager_a)
    url = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    data = form_data(
        world,
        starts_on=days(30).isoformat(),
        ends_on=days(60).isoformat(),
        enrolment_closes_on=days(29).isoformat(),
        **{
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "1",
            "meetings-0-day": days(31).isoformat(),
            "meetings-0-DELETE": "on",
            "meetings-1-day": None,
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert world.session.meetings.count() == 0


# Run again, enrolment, cancel ---------------------------------------------------------


def test_run_again_copies_everything_but_places(client, world):
    world.session.support_sign_language = True
    world.session.enrolment_opens_on = days(1)
    world.session.enrolment_closes_on = days(29)
    world.session.save()
    client.force_login(world.manager_a)
    url = reverse("teach:session_duplicate", kwargs={"pk": world.session.pk})
    response = client.post(url, {"starts_on": days(200).isoformat(), "name": "秋季班"})
    copy = Session.objects.exclude(pk=world.session.pk).get()
    assert response["Location"] == (
        reverse("teach:session_edit", kwargs={"pk": copy.pk}) + "#notice"
    )
    assert copy.name == "秋季班"
    assert (copy.starts_on, copy.ends_on) == (days(200), days(230))
    assert (copy.enrolment_opens_on, copy.enrolment_closes_on) == (days(171), days(199))
    assert copy.support_sign_language
    assert copy.course_id == world.session.course_id
    assert copy.capacity == 5
    assert list(copy.instructors.all()) == [world.instructor_a]
    assert [(m.day, m.room) for m in copy.meetings.all()] == [(days(201), "101 室")]
    assert not copy.enrolments.exists()
    assert copy.status == Session.Status.PLANNED
    assert AuditEntry.objects.get(action="session.duplicate").changes[
        "copied_from"
    ] == [
        None,
        world.session.pk,
    ]


def test_close_and_reopen_enrolment_is_idempotent_and_audited(world):
    for _ in range(2):
        service.session_enrolment_close(session=world.session, actor=world.manager_a)
    world.session.refresh_from_db()
    assert world.session.enrolment_open is False
    assert AuditEntry.objects.filter(action="session.enrolment_close").count() == 1
    service.session_enrolment_open(session=world.session, actor=world.manager_a)
    world.session.refresh_from_db()
    assert world.session.enrolment_open is True


def test_cancel_tells_everyone_with_a_place(
    client, world, django_capture_on_commit_callbacks
):
    waiting = UserFactory()
    world.session.capacity = 1
    world.session.save()
    enrolment_service.enrolment_create(
        trainee=waiting, session=world.session, actor=waiting
    )
    gone = UserFactory()
    left = enrolment_service.enrolment_create(
        trainee=gone, session=world.session, actor=gone
    )
    enrolment_service.enrolment_withdraw(enrolment=left, actor=gone)
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    signals.session_cancelled.connect(listener)
    try:
        client.force_login(world.manager_a)
        url = reverse("teach:session_cancel", kwargs={"pk": world.session.pk})
        response = client.post(url, {"reason": "  "})
        assert response.status_code == 200
        assert soup(response).select_one("#id_reason_error")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"reason": "老师生病了"})
        assert response.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"reason": "again"})
    finally:
        signals.session_cancelled.disconnect(listener)
    world.session.refresh_from_db()
    assert world.session.status == Session.Status.CANCELLED
    assert world.session.cancel_reason == "老师生病了"
    assert world.session.cancelled_at is not None
    assert len(received) == 1, "cancelling twice tells people once"
    assert received[0]["reason"] == "老师生病了"
    assert received[0]["session"].pk == world.session.pk
    assert set(received[0]["recipients"]) == {world.trainee.pk, waiting.pk}
    assert AuditEntry.objects.filter(action="session.cancel").count() == 1
    # A cancelled session refuses changes and self-enrolment.
    with pytest.raises(service.SessionError):
        service.session_enrolment_close(session=world.session, actor=world.manager_a)
    late = UserFactory()
    with pytest.raises(enrolment_service.EnrolmentError) as error:
        enrolment_service.enrolment_create(
            trainee=late, session=world.session, actor=late
        )
    assert str(error.value) == str(enrolment_service.SESSION_CANCELLED)


# Enrolment dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (5, None, "ENROLMENT_NOT_OPEN"),
        (None, -1, "ENROLMENT_CLOSED"),
        (-5, 5, None),
        (0, 0, None),
    ],
)
def test_enrolment_dates(world, opens, closes, message):
    session = world.session
    session.enrolment_opens_on = days(opens) if opens is not None else None
    session.enrolment_closes_on = days(closes) if closes is not None else None
    session.save()
    person = UserFactory()
    if message is None:
        enrolment = enrolment_service.enrolment_create(
            trainee=person, session=session, actor=person
        )
        assert enrolment.status == Enrolment.Status.ENROLLED
        return
    with pytest.raises(enrolment_service.EnrolmentError) as error:
        enrolment_service.enrolment_create(
            trainee=person, session=session, actor=person
        )
    expected = getattr(enrolment_service, message)
    if message == "ENROLMENT_NOT_OPEN":
        expected = expected % {"date": _format(days(opens))}
    assert str(error.value) == str(expected)


def _format(day):
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def test_course_page_shows_venue_support_and_enrolment_dates(client, world):
    world.session.venue = "残联大楼三楼"
    world.session.support_captioner = True
    world.session.enrolment_opens_on = days(5)
    world.session.save()
    with translation.override("zh-hans"):
        response = client.get(world.course_a.url)
        text = soup(response).select_one(".sessions").get_text()
        assert "残联大楼三楼" in text
        assert str(Session._meta.get_field("support_captioner").verbose_name) in text
        assert _format(days(5)) in text


# Closed reporting period -----------------------------------------------------------


def test_closed_period_refuses_changes(client, world):
    period = ReportingPeriod.objects.create(
        name="本期", starts_on=days(20), ends_on=days(100), closed_at=timezone.now()
    )
    client.force_login(world.manager_a)
    url = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    response = client.post(url, form_data(world))
    assert response.status_code == 200
    expected = str(PERIOD_LOCKED).split("%(name)s")[0]
    assert expected in soup(response).select_one(".error-summary").get_text()
    assert period.name in soup(response).select_one(".error-summary").get_text()
    world.session.refresh_from_db()
    assert world.session.capacity == 5
    # Moving a session into the closed period, creating one there, and
    # cancelling are refused too.
    with pytest.raises(service.SessionLocked):
        service.session_cancel(session=world.session, reason="x", actor=world.admin)
    response = client.post(create_url(world), form_data(world))
    assert response.status_code == 200
    assert Session.objects.count() == 1


# Query counts ------------------------------------------------------------------------


def _grow(world, n: int) -> None:
    """More courses, staff and meetings at base A."""
    section = course_factories.base_section(world.base_a)
    for number in range(n):
        course_factories.course(section, title=f"课程 {number}", slug=f"extra-{number}")
        StaffRoleFactory(role=Role.INSTRUCTOR, base=world.base_a)
        Meeting.objects.create(
            session=world.session,
            day=days(32 + number),
            starts_at=datetime.time(9),
            ends_at=datetime.time(10),
            room="A",
        )


def _count(client, url: str) -> int:
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["create", "edit"])
def test_form_pages_use_a_constant_number_of_queries(client, world, page):
    client.force_login(world.manager_a)
    url = (
        create_url(world)
        if page == "create"
        else reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    )
    small = _count(client, url)
    _grow(world, 4)
    assert _count(client, url) == small


def test_changes_read_well_in_the_session_audit_trail(client, world):
    service.session_enrolment_close(session=world.session, actor=world.manager_a)
    service.session_cancel(session=world.session, reason="停办", actor=world.admin)
    client.force_login(world.manager_a)
    with translation.override("en"):
        response = client.get(reverse("teach:audit", kwargs={"pk": world.session.pk}))
        text = soup(response).select_one("main").get_text()
        for action in ("session.enrolment_close", "session.cancel"):
            assert str(ACTION_LABELS[action]) in text
        assert "停办" in text


@pytest.mark.parametrize("who", ["instructor_a", "manager_b", "auditor", "trainee"])
def test_services_refuse_people_who_may_not_set_up(world, who):
    person = getattr(world, who)
    with pytest.raises(service.SessionError) as error:
        service.session_enrolment_close(session=world.session, actor=person)
    assert str(error.value) == str(service.NOT_ALLOWED)
    with pytest.raises(service.SessionError):
        service.session_cancel(session=world.session, reason="x", actor=person)
    with pytest.raises(service.SessionError):
        service.session_duplicate(
            session=world.session, starts_on=days(100), actor=person
        )
    assert Session.objects.count() == 1


def test_a_cancelled_session_says_so_on_its_edit_page(client, world):
    service.session_cancel(session=world.session, reason="停办", actor=world.admin)
    client.force_login(world.manager_a)
    url = reverse("teach:session_edit", kwargs={"pk": world.session.pk})
    with translation.override("en"):
        page = soup(client.get(url))
        assert str(service.CANCELLED_NO_CHANGES) in page.select_one(".notice").text
        response = client.post(url, form_data(world))
        text = soup(response).select_one(".error-summary").get_text()
        assert str(service.CANCELLED_NO_CHANGES) in text
