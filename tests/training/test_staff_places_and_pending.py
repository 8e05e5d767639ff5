"""Issue #11: enrolment is not access. Staff never take trainees' places
(table: every role x own/other base x self-enrolment/assisted/import); staff
enrolment of someone not linked to the base is a pending place the trainee
confirms (or confirms in person with a one-time code); pending places do not
open the person's access needs; staff search finds no one federation-wide;
invalid input is a form error, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import StaffRole
from courses.models import LessonPage
from tests.factories import training as training_factories
from tests.factories.accounts import (
    StaffRoleFactory,
    TrainingBaseFactory,
    UserFactory,
)
from tests.shared_data import fresh, shared_data
from training.models import AuditEntry, Enrolment, Outcome
from training.permissions import can_view_trainee_needs, trainee_base_ids
from training.selectors import teach as teach_selectors
from training.services import enrolment as service
from training.services import roster_import
from training.services.records import RecordError, outcome_record

pytestmark = pytest.mark.django_db
Role = StaffRole.Role
Status = Enrolment.Status

ROLES = ["trainee", "instructor", "manager", "auditor", "federation_admin", "superuser"]
CHANNELS = ["self", "assisted", "import"]


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # Built once for the module (tests/shared_data.py); each test rolls back
    # to it and gets its own copy of the objects.
    with shared_data(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(_world, db):
    return fresh(_world)


def build_world() -> dict:
    base = TrainingBaseFactory()
    other = TrainingBaseFactory()
    return {
        "base": base,
        "other": other,
        "session": training_factories.session(base=base, capacity=5),
        "staff": StaffRoleFactory(role=Role.INSTRUCTOR, base=base).user,
    }


def _person(role: str, where, world):
    base = world["base"] if where == "own" else world["other"]
    if role == "trainee":
        return UserFactory()
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role in ("instructor", "manager"):
        return StaffRoleFactory(role=role, base=base).user
    return StaffRoleFactory(role=role, base=None).user


def _expected(role: str, where: str) -> bool:
    return role == "trainee" or (role in ("instructor", "manager") and where == "other")


def _try(channel: str, person, world) -> bool:
    session = world["session"]
    if channel == "import":
        plan = roster_import.roster_import_preview(
            session=session,
            filename="roster.csv",
            data=f"email,name\n{person.email},某人\n".encode(),
        )
        if not plan.is_valid:
            assert [p.column for p in plan.problems] == ["email"]
            assert plan.problems[0].message == str(
                roster_import.ROW_IS_STAFF % {"value": person.email.lower()}
            )
        return plan.is_valid
    actor = person if channel == "self" else world["staff"]
    try:
        service.enrolment_create(trainee=person, session=session, actor=actor)
    except service.EnrolmentError as error:
        message = str(error)
        if channel == "self":
            assert message in (
                str(service.STAFF_AT_BASE),
                str(service.FEDERATION_STAFF),
            )
        else:
            assert message == str(service.PERSON_IS_STAFF)
        assert not Enrolment.objects.filter(trainee=person).exists()
        return False
    return True


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
def test_who_may_take_a_place(world, role, where, channel):
    person = _person(role, where, world)
    assert _try(channel, person, world) is _expected(role, where)


def test_refusal_messages_exist_in_both_languages():
    for message in (
        service.STAFF_AT_BASE,
        service.FEDERATION_STAFF,
        service.PERSON_IS_STAFF,
        roster_import.ROW_IS_STAFF,
    ):
        with translation.override("en"):
            english = str(message)
        assert english


def test_course_page_explains_instead_of_the_enrol_button(world, client):
    staff = world["staff"]
    client.force_login(staff)
    course = world["session"].course
    page = client.get(course.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert str(service.STAFF_AT_BASE) in text or "staff" in text
    assert reverse("session_enrol", args=[world["session"].pk]) not in text


def test_staff_can_open_a_lesson_to_preview_it(world, client):
    client.force_login(world["staff"])
    lesson = LessonPage.objects.live().descendant_of(world["session"].course).first()
    assert client.get(lesson.url).status_code == 200


# Pending places -------------------------------------------------------------------


def test_assisted_enrolment_of_someone_not_linked_is_pending(world):
    person = UserFactory()
    enrolment = service.enrolment_create(
        trainee=person, session=world["session"], actor=world["staff"]
    )
    assert enrolment.status == Status.PENDING
    assert (
        len(enrolment.confirmation_code) == 6 and enrolment.confirmation_code.isdigit()
    )
    assert service.seats_taken(world["session"]) == 0
    assert trainee_base_ids(person) == set()
    assert not can_view_trainee_needs(world["staff"], person)


@pytest.mark.parametrize("link", ["home_base", "earlier_place"])
def test_assisted_enrolment_of_a_linked_person_takes_a_seat(world, link):
    person = UserFactory()
    if link == "home_base":
        person.home_base = world["base"]
        person.save()
    else:
        earlier = training_factories.session(base=world["base"], capacity=3)
        service.enrolment_create(trainee=person, session=earlier, actor=person)
    enrolment = service.enrolment_create(
        trainee=person, session=world["session"], actor=world["staff"]
    )
    assert enrolment.status == Status.ENROLLED
    assert enrolment.confirmation_code == ""


def _pending(world):
    person = UserFactory()
    return service.enrolment_create(
        trainee=person, session=world["session"], actor=world["staff"]
    )


def test_trainee_confirms_then_needs_open_idempotent_and_audited(world):
    enrolment = _pending(world)
    person = enrolment.trainee
    done = service.enrolment_pending_respond(
        enrolment=enrolment, confirm=True, actor=person
    )
    assert done.status == Status.ENROLLED and done.confirmation_code == ""
    again = service.enrolment_pending_respond(
        enrolment=enrolment, confirm=True, actor=person
    )
    assert again.status == Status.ENROLLED
    assert (
        AuditEntry.objects.filter(action="enrolment.status", trainee=person).count()
        == 1
    )
    assert can_view_trainee_needs(world["staff"], person)


def test_trainee_declines(world):
    enrolment = _pending(world)
    done = service.enrolment_pending_respond(
        enrolment=enrolment, confirm=False, actor=enrolment.trainee
    )
    assert done.status == Status.WITHDRAWN
    assert not can_view_trainee_needs(world["staff"], enrolment.trainee)


def test_no_outcome_is_recorded_on_a_pending_place(world):
    enrolment = _pending(world)
    with pytest.raises(RecordError):
        outcome_record(
            enrolment=enrolment,
            follow_up=3,
            status="employed",
            recorded_on=enrolment.session.ends_on,
            actor=world["staff"],
        )
    assert not Outcome.objects.filter(enrolment=enrolment).exists()


def test_someone_else_cannot_confirm_a_place(world):
    enrolment = _pending(world)
    with pytest.raises(service.EnrolmentError):
        service.enrolment_pending_respond(
            enrolment=enrolment, confirm=True, actor=world["staff"]
        )


def test_staff_cannot_accept_a_pending_place(world):
    enrolment = _pending(world)
    with pytest.raises(service.EnrolmentError):
        service.enrolment_accept(enrolment=enrolment, actor=world["staff"])


def test_code_confirms_once_and_wrong_codes_lock_it(world):
    enrolment = _pending(world)
    wrong = "000000" if enrolment.confirmation_code != "000000" else "111111"
    for _ in range(service.CODE_MAX_FAILURES - 1):
        with pytest.raises(service.EnrolmentError, match=str(service.CODE_WRONG)):
            service.enrolment_pending_confirm_code(
                enrolment=enrolment, code=wrong, actor=world["staff"]
            )
    enrolment.refresh_from_db()
    assert enrolment.confirmation_failures == service.CODE_MAX_FAILURES - 1
    done = service.enrolment_pending_confirm_code(
        enrolment=enrolment, code=enrolment.confirmation_code, actor=world["staff"]
    )
    assert done.status == Status.ENROLLED

    locked = _pending(world)
    for _ in range(service.CODE_MAX_FAILURES):
        with pytest.raises(service.EnrolmentError):
            service.enrolment_pending_confirm_code(
                enrolment=locked, code=wrong, actor=world["staff"]
            )
    with pytest.raises(service.EnrolmentError, match=str(service.CODE_LOCKED)):
        service.enrolment_pending_confirm_code(
            enrolment=locked, code=locked.confirmation_code, actor=world["staff"]
        )
    locked.refresh_from_db()
    assert locked.status == Status.PENDING


def test_import_of_an_existing_unlinked_account_is_pending(world):
    person = UserFactory(email="someone@example.org")
    plan = roster_import.roster_import_preview(
        session=world["session"],
        filename="roster.csv",
        data=b"email,name\nsomeone@example.org,x\nbrand.new@example.org,y\n",
    )
    assert plan.is_valid
    assert [r.action for r in plan.rows] == [
        roster_import.Action.EXISTING_PENDING,
        roster_import.Action.NEW_ENROLLED,
    ]
    assert plan.counts["pending"] == 1
    roster_import.roster_import_commit(
        session=world["session"], rows=plan.rows, actor=world["staff"]
    )
    enrolment = Enrolment.objects.get(trainee=person)
    assert enrolment.status == Status.PENDING
    assert len(enrolment.confirmation_code) == 6
    assert not can_view_trainee_needs(world["staff"], person)


# Search: no federation-wide listing ---------------------------------------------------


def test_search_by_name_finds_only_people_linked_to_the_base(world):
    linked = UserFactory(name="张linked", home_base=world["base"])
    UserFactory(name="张stranger")
    names = [
        r["person"].name for r in teach_selectors.trainee_search(world["session"], "张")
    ]
    assert names == [linked.name]


def test_search_by_exact_email_or_phone_only(world):
    stranger = UserFactory(email="stranger@example.org", phone="13800138000")
    session = world["session"]
    assert [
        r["person"]
        for r in teach_selectors.trainee_search(session, "Stranger@Example.org")
    ] == [stranger]
    assert [
        r["person"] for r in teach_selectors.trainee_search(session, "13800138000")
    ] == [stranger]
    assert teach_selectors.trainee_search(session, "1380013") == []
    assert teach_selectors.trainee_search(session, "stranger@example") == []


@pytest.fixture
def staff_client(world, client):
    client.force_login(world["staff"])
    return client


def test_posting_any_user_id_is_refused(world, staff_client):
    stranger = UserFactory(email="x@example.org")
    url = reverse("teach:enrol", args=[world["session"].pk])
    response = staff_client.post(url, {"trainee": stranger.pk, "q": "张"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Enrolment.objects.filter(trainee=stranger).exists()
    response = staff_client.post(url, {"trainee": stranger.pk, "q": "x@example.org"})
    assert response.status_code == 302
    assert Enrolment.objects.get(trainee=stranger).status == Status.PENDING


def test_posting_the_federation_admin_is_refused(world, staff_client):
    admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
    url = reverse("teach:enrol", args=[world["session"].pk])
    response = staff_client.post(url, {"trainee": admin.pk, "q": admin.email})
    assert response.status_code == 200
    assert not Enrolment.objects.filter(trainee=admin).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"trainee": "abc", "q": "x@example.org"},
        {"trainee": "", "q": ""},
        {"trainee": "1\x00", "q": "x@example.org"},
        {"trainee": "1", "q": "a\x00b"},
        {"trainee": "9" * 40, "q": "x" * 5000},
        {},
    ],
)
def test_invalid_enrol_input_is_a_form_error(world, staff_client, data):
    url = reverse("teach:enrol", args=[world["session"].pk])
    response = staff_client.post(url, data)
    if any("\x00" in str(v) for v in data.values()):
        # The shared NUL-byte guard may refuse the request first (400).
        assert response.status_code in (200, 400)
    else:
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("q", ["a\x00b", "x" * 5000, ""])
def test_invalid_search_is_a_form_error(world, staff_client, q):
    url = reverse("teach:enrol", args=[world["session"].pk])
    response = staff_client.get(url, {"q": q})
    if "\x00" in q:
        assert response.status_code in (200, 400)
    else:
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()


@pytest.mark.parametrize("code", ["", "abc", "\x00", "9" * 500])
def test_invalid_code_is_refused_without_a_500(world, staff_client, code):
    enrolment = _pending(world)
    url = reverse("teach:confirm_code", args=[world["session"].pk, enrolment.pk])
    response = staff_client.post(url, {"code": code})
    assert response.status_code in ((302, 400) if "\x00" in code else (302,))
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PENDING


# Pages ----------------------------------------------------------------------------


def test_roster_shows_pending_rows_without_needs_link(world, staff_client):
    enrolment = _pending(world)
    page = staff_client.get(reverse("teach:roster", args=[world["session"].pk]))
    text = page.content.decode()
    assert str(Status.PENDING.label) in text
    assert reverse("teach:trainee_needs", args=[enrolment.trainee_id]) not in text
    assert (
        reverse("teach:confirm_code", args=[world["session"].pk, enrolment.pk]) in text
    )
    response = staff_client.get(
        reverse("teach:trainee_needs", args=[enrolment.trainee_id])
    )
    assert response.status_code == 403


def test_my_learning_shows_confirm_decline_and_code(world, client):
    enrolment = _pending(world)
    client.force_login(enrolment.trainee)
    text = client.get(reverse("my_learning")).content.decode()
    assert reverse("enrolment_confirm", args=[enrolment.pk]) in text
    code = enrolment.confirmation_code
    assert f"{code[:3]} {code[3:]}" in text
    response = client.post(
        reverse("enrolment_confirm", args=[enrolment.pk]), {"answer": "confirm"}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ENROLLED


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_roster_with_pending_rows_runs_a_fixed_number_of_queries(world, staff_client):
    url = reverse("teach:roster", args=[world["session"].pk])
    _pending(world)
    small = _queries(staff_client, url)
    for _ in range(6):
        _pending(world)
    assert _queries(staff_client, url) == small


def test_my_learning_with_pending_places_runs_a_fixed_number_of_queries(world, client):
    trainee = UserFactory()
    client.force_login(trainee)
    service.enrolment_create(
        trainee=trainee, session=world["session"], actor=world["staff"]
    )
    small = _queries(client, reverse("my_learning"))
    for _ in range(3):
        other = training_factories.session(capacity=3)
        service.enrolment_create(trainee=trainee, session=other, actor=world["staff"])
    assert _queries(client, reverse("my_learning")) == small
