"""Placements the job platform posts back: received idempotently as pending,
and confirmed (an employed outcome through training's outcome_record) or
not confirmed by the trainee's training base."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from accounts.models import StaffRole
from careers import api as api_module
from careers.models import Placement
from careers.selectors.placements import fitting_follow_up, placements_for_staff
from careers.services import placements as services
from careers.services.placements import (
    PlacementError,
    placement_confirm,
    placement_receive,
    placement_reject,
)
from core.dates import add_months
from tests.careers import api_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup
from training.models import AuditEntry, Outcome, ReportingPeriod

pytestmark = pytest.mark.django_db
Role = StaffRole.Role
API = world.API


def _post(client, **fields):
    return client.post(
        f"{API}/placements", data=fields, content_type="application/json"
    )


def _body(job_profile, reference="ref-1", **fields) -> dict:
    return {
        "profile_id": str(job_profile.public_id),
        "employer": "重庆某电商公司",
        "job_title": "直播助理",
        "start_date": world.days(-10).isoformat(),
        "reference": reference,
    } | fields


# Received from the platform -------------------------------------------------------


def test_a_placement_is_received_pending_and_a_repeated_reference_changes_nothing():
    job_profile = world.profile()
    api_client, client = world.api_client()

    response = _post(client, **_body(job_profile))

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["reference"] == "ref-1"
    assert body["profile_id"] == str(job_profile.public_id)
    placement = Placement.objects.get()
    assert (placement.user, placement.client, placement.status) == (
        job_profile.user,
        api_client,
        Placement.Status.PENDING,
    )
    assert placement.outcome is None

    again = _post(client, **_body(job_profile, employer="另一家公司"))
    assert again.status_code == 200
    assert again.json() == body
    assert Placement.objects.count() == 1
    assert Placement.objects.get().employer == "重庆某电商公司"

    # Withdrawn since: the replay does not learn the profile's new id.
    world.withdraw(job_profile)
    again = _post(client, **_body(job_profile))
    assert again.status_code == 200
    assert again.json()["profile_id"] == str(job_profile.public_id)
    new_id = str(type(job_profile).objects.get(pk=job_profile.pk).public_id)
    assert new_id != str(job_profile.public_id)
    assert new_id not in again.content.decode()
    assert Placement.objects.count() == 1

    # Another client's reference is its own.
    _, other = world.api_client("Another platform")
    shared_again = world.profile()
    assert _post(other, **_body(shared_again)).status_code == 201
    assert Placement.objects.count() == 2


def test_a_placement_for_an_unknown_or_withdrawn_profile_is_refused_with_404():
    job_profile = world.profile()
    world.withdraw(job_profile)
    _, client = world.api_client()
    for profile_id in (
        str(job_profile.public_id),
        "7b3c9f5e-0000-4000-8000-000000000000",
    ):
        response = _post(client, **_body(job_profile, profile_id=profile_id))
        assert response.status_code == 404
        assert response.json() == {"detail": str(api_module.PROFILE_NOT_SHARED)}
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"employer": ""},
        {"employer": "   "},
        {"employer": "x" * 201},
        {"job_title": "a\x00b"},
        {"reference": ""},
        {"reference": "r" * 101},
        {"start_date": "next monday"},
        {"start_date": "2026-02-30"},
        {"start_date": None},
        {"profile_id": "not-a-uuid"},
        {"profile_id": 7},
        {"employer": ["a list"]},
    ],
)
def test_bad_placement_data_answers_422_and_saves_nothing(change):
    job_profile = world.profile()
    _, client = world.api_client()
    response = _post(client, **_body(job_profile, **change))
    assert response.status_code == 422
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[]", "application/json"),
        ('"text"', "application/json"),
        ("", "application/json"),
        ("employer=x", "application/x-www-form-urlencoded"),
        ('{"employer": "\\u0000"}', "application/json"),
    ],
)
def test_a_malformed_body_answers_4xx_never_500(body, content_type):
    _, client = world.api_client()
    response = client.post(f"{API}/placements", data=body, content_type=content_type)
    assert 400 <= response.status_code < 500


def test_a_start_date_more_than_a_year_ahead_is_refused():
    job_profile = world.profile()
    _, client = world.api_client()
    response = _post(
        client, **_body(job_profile, start_date=world.days(400).isoformat())
    )
    assert response.status_code == 422
    assert response.json() == {"detail": str(services.START_TOO_FAR)}


# Which follow-up a job is recorded at ---------------------------------------------


def test_a_job_is_recorded_at_the_first_follow_up_it_had_started_by(site_pages):
    session = world.course_session(ends_on=world.days(-400))
    ended = session.ends_on
    assert fitting_follow_up(session, ended - datetime.timedelta(days=30)) == 3
    assert fitting_follow_up(session, add_months(ended, 3)) == 3
    assert fitting_follow_up(session, add_months(ended, 3) + datetime.timedelta(1)) == 6
    assert fitting_follow_up(session, add_months(ended, 12)) == 12
    assert (
        fitting_follow_up(session, add_months(ended, 12) + datetime.timedelta(1))
        is None
    )


# Confirming -----------------------------------------------------------------------


@pytest.fixture
def placed(site_pages):
    """A trainee who completed a session that ended 100 days ago (the 3-month
    follow-up is due) and started a job 10 days after it ended, with the
    session's base's instructor."""
    session = world.course_session(ends_on=world.days(-100))
    trainee = UserFactory(name="赵六")
    enrolment = world.completed(trainee, session)
    instructor = StaffRoleFactory(role=Role.INSTRUCTOR, base=session.base).user
    api_client, _ = world.api_client()
    placement, _ = placement_receive(
        client=api_client,
        user=trainee,
        reference="p-1",
        employer="重庆某公司",
        job_title="客服专员",
        start_date=session.ends_on + datetime.timedelta(days=10),
    )
    return placement, enrolment, instructor


def test_confirming_records_an_employed_outcome_through_outcome_record(placed):
    placement, enrolment, instructor = placed

    confirmed = placement_confirm(placement=placement, actor=instructor)

    outcome = Outcome.objects.get(enrolment=enrolment)
    assert (outcome.follow_up, outcome.status, outcome.confirmed) == (
        3,
        Outcome.Status.EMPLOYED,
        True,
    )
    assert outcome.recorded_on == timezone.localdate()
    assert outcome.recorded_by == instructor
    assert "客服专员" in outcome.notes and "重庆某公司" in outcome.notes
    assert confirmed.status == Placement.Status.CONFIRMED
    assert (confirmed.outcome, confirmed.decided_by) == (outcome, instructor)
    entry = AuditEntry.objects.get(action="outcome.record")
    assert (entry.actor, entry.trainee_id, entry.session_id) == (
        instructor,
        enrolment.trainee_id,
        enrolment.session_id,
    )
    # Idempotent: confirming again changes nothing and audits nothing.
    placement_confirm(placement=placement, actor=instructor)
    assert Outcome.objects.count() == 1
    assert AuditEntry.objects.filter(action="outcome.record").count() == 1
    with pytest.raises(PlacementError) as error:
        placement_reject(placement=placement, actor=instructor)
    assert str(error.value) == str(services.ALREADY_DECIDED)


def test_rejecting_records_nothing_and_cannot_then_be_confirmed(placed):
    placement, _, instructor = placed
    rejected = placement_reject(placement=placement, actor=instructor)
    assert rejected.status == Placement.Status.REJECTED
    assert rejected.decided_by == instructor
    assert placement_reject(placement=placement, actor=instructor).status == "rejected"
    with pytest.raises(PlacementError):
        placement_confirm(placement=placement, actor=instructor)
    assert not Outcome.objects.exists()


def test_a_job_waits_until_its_follow_up_is_due(site_pages):
    session = world.course_session(ends_on=world.days(-30))
    trainee = UserFactory()
    world.completed(trainee, session)
    api_client, _ = world.api_client()
    placement, _ = placement_receive(
        client=api_client,
        user=trainee,
        reference="early",
        employer="公司",
        job_title="职位",
        start_date=world.days(-1),
    )
    with pytest.raises(PlacementError) as error:
        placement_confirm(placement=placement, actor=UserFactory(is_superuser=True))
    due = add_months(session.ends_on, 3)
    assert str(error.value) == str(
        services.NOT_DUE_YET
        % {
            "follow_up": Outcome.FollowUp(3).label,
            "due": date_format(due, "DATE_FORMAT"),
        }
    )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PENDING
    assert not Outcome.objects.exists()


def test_a_job_after_the_last_follow_up_or_without_a_session_is_not_an_outcome(
    site_pages,
):
    session = world.course_session(ends_on=world.days(-500))
    late, never = UserFactory(), UserFactory()
    world.completed(late, session)
    api_client, _ = world.api_client()
    admin = UserFactory(is_superuser=True)
    for user, start, message in (
        (late, world.days(-10), services.NO_FOLLOW_UP),
        (never, world.days(-10), services.NO_COMPLETED_SESSION),
    ):
        placement, _ = placement_receive(
            client=api_client,
            user=user,
            reference=f"r-{user.pk}",
            employer="公司",
            job_title="职位",
            start_date=start,
        )
        with pytest.raises(PlacementError) as error:
            placement_confirm(placement=placement, actor=admin)
        assert str(error.value) == str(message)


def test_in_a_closed_period_the_outcome_is_kept_as_an_amendment(placed):
    placement, enrolment, instructor = placed
    session = enrolment.session
    period = ReportingPeriod.objects.create(
        name="2026 上半年",
        starts_on=session.starts_on - datetime.timedelta(days=1),
        ends_on=session.ends_on,
        closed_at=timezone.now(),
    )
    placement_confirm(placement=placement, actor=instructor)
    assert Outcome.objects.get(enrolment=enrolment).amends_period == period


# The base's page ------------------------------------------------------------------


@pytest.fixture
def two_bases(site_pages):
    """A trainee who trained at an old base, then completed a later session
    at a new one: the new base confirms their job."""
    old = world.course_session(ends_on=world.days(-300))
    new = world.course_session(ends_on=world.days(-120))
    trainee = UserFactory(name="钱七")
    world.completed(trainee, old)
    enrolment = world.completed(trainee, new)
    api_client, _ = world.api_client()
    placement, _ = placement_receive(
        client=api_client,
        user=trainee,
        reference="two-bases",
        employer="重庆某公司",
        job_title="网店客服",
        start_date=new.ends_on + datetime.timedelta(days=5),
    )
    people = {
        "instructor": StaffRoleFactory(role=Role.INSTRUCTOR, base=new.base).user,
        "manager": StaffRoleFactory(role=Role.MANAGER, base=new.base).user,
        "old_base_instructor": StaffRoleFactory(
            role=Role.INSTRUCTOR, base=old.base
        ).user,
        "other_manager": StaffRoleFactory(role=Role.MANAGER).user,
        "auditor": StaffRoleFactory(role=Role.AUDITOR, base=None).user,
        "federation_admin": StaffRoleFactory(
            role=Role.FEDERATION_ADMIN, base=None
        ).user,
        "trainee": trainee,
    }
    return placement, enrolment, people


# Who may do what: page (list), decide (POST).
PERMISSIONS = {
    "instructor": (200, 302),
    "manager": (200, 302),
    "federation_admin": (200, 302),
    "old_base_instructor": (200, 404),
    "other_manager": (200, 404),
    "auditor": (403, 403),
    "trainee": (403, 403),
}


@pytest.mark.parametrize(("role", "expected"), PERMISSIONS.items())
def test_who_may_see_and_decide_a_placement(two_bases, role, expected):
    placement, _, people = two_bases
    client = Client()
    client.force_login(people[role])
    listed = client.get(reverse("placements:list"))
    decided = client.post(
        reverse("placements:decide", args=[placement.pk]), {"decision": "reject"}
    )
    assert (listed.status_code, decided.status_code) == expected
    if listed.status_code == 200:
        shown = f"placement-{placement.pk}" in listed.content.decode()
        assert shown == (expected[1] == 302)
    placement.refresh_from_db()
    assert placement.status == ("rejected" if expected[1] == 302 else "pending")


def test_anonymous_people_are_sent_to_sign_in(two_bases):
    placement, _, _ = two_bases
    for response in (
        Client().get(reverse("placements:list")),
        Client().post(reverse("placements:decide", args=[placement.pk])),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_page_confirms_with_a_message_and_lists_it_as_decided(two_bases):
    placement, enrolment, people = two_bases
    client = Client()
    client.force_login(people["manager"])
    with override("en"):
        page = soup(client.get(reverse("placements:list")))
        card = page.find(id=f"placement-{placement.pk}")
        assert "网店客服" in card.get_text()
        assert "3 months" in card.get_text()
        response = client.post(
            reverse("placements:decide", args=[placement.pk]),
            {"decision": "confirm"},
            follow=True,
        )
        assert response.redirect_chain[-1][0].startswith(reverse("placements:list"))
    text = soup(response).get_text()
    assert "recorded as an outcome" in text
    assert Outcome.objects.get(enrolment=enrolment).status == "employed"
    page = soup(response)
    assert page.find(id=f"placement-{placement.pk}") is None
    decided = page.find("table")
    assert "网店客服" in decided.get_text()


def test_a_refused_confirmation_is_explained_beside_the_job(site_pages):
    session = world.course_session(ends_on=world.days(-20))
    trainee = UserFactory()
    world.completed(trainee, session)
    api_client, _ = world.api_client()
    placement, _ = placement_receive(
        client=api_client,
        user=trainee,
        reference="not-yet",
        employer="公司",
        job_title="职位",
        start_date=world.days(-2),
    )
    manager = StaffRoleFactory(role=Role.MANAGER, base=session.base).user
    client = Client()
    client.force_login(manager)
    page = soup(client.get(reverse("placements:list")))
    card = page.find(id=f"placement-{placement.pk}")
    assert [b["value"] for b in card.find_all("button")] == ["reject"]
    # A hand-made POST is refused with the reason, beside the job.
    response = client.post(
        reverse("placements:decide", args=[placement.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 200
    page = soup(response)
    summary = page.find(class_="error-summary")
    assert summary.find("a")["href"] == f"#placement-{placement.pk}"
    assert page.find(id=f"placement-{placement.pk}-error") is not None
    response = client.post(
        reverse("placements:decide", args=[placement.pk]), {"decision": "maybe"}
    )
    assert response.status_code == 200
    assert soup(response).find(class_="error-summary") is not None
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PENDING


def test_the_page_costs_the_same_queries_at_two_sizes(site_pages):
    session = world.course_session(ends_on=world.days(-120))
    manager = StaffRoleFactory(role=Role.MANAGER, base=session.base).user
    api_client, _ = world.api_client()
    client = Client()
    client.force_login(manager)

    def add(n: int) -> None:
        for _ in range(n):
            trainee = UserFactory()
            world.completed(trainee, session)
            for number, decide in ((1, False), (2, True)):
                placement, _ = placement_receive(
                    client=api_client,
                    user=trainee,
                    reference=f"{trainee.pk}-{number}",
                    employer="公司",
                    job_title="职位",
                    start_date=world.days(-30),
                )
                if decide:
                    placement_reject(placement=placement, actor=manager)

    def count() -> tuple[int, int]:
        client.get(reverse("placements:list"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("placements:list"))
        assert response.status_code == 200
        return len(queries), len(soup(response).select(".card"))

    add(1)
    small, small_cards = count()
    add(4)
    large, large_cards = count()
    assert (small_cards, large_cards) == (1, 5)
    assert small == large
    assert len(placements_for_staff(manager, today=world.today(), pending=False)) == 5


def test_reported_jobs_are_in_the_trainees_data_and_anonymising_erases_them(placed):
    from accounts.personal_data import providers

    placement, _, instructor = placed
    placement_confirm(placement=placement, actor=instructor)
    by_key = {provider.key: provider for provider in providers()}
    records = by_key["careers.placements"].records(placement.user)
    assert len(records) == 1
    assert "客服专员" in records[0].values()
    assert len(by_key["careers.placements_decided"].records(instructor)) == 1
    by_key["careers.placements"].anonymise(placement.user, None)
    placement.refresh_from_db()
    assert (placement.employer, placement.job_title) == ("", "")
    assert placement.status == Placement.Status.CONFIRMED
