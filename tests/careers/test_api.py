"""The job platform's API (careers/api.py): tokens, what a profile holds,
withdrawal, pages, the call log and the OpenAPI schema."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import FunctionalNeed
from careers import api as api_module
from careers.auth import client_for_token, token_hash
from careers.models import ApiCall, ApiClient, JobProfile, ProfileShare, WorkKind
from careers.selectors.profiles import PAYLOAD_KEYS, profile_payload
from careers.services.api_clients import (
    api_client_issue,
    api_client_revoke,
    api_client_rotate,
)
from tests.careers import api_world as world
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
API = world.API


def _json(value):
    """A value as the API writes it (dates and times as JSON text)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


# Tokens ---------------------------------------------------------------------------


def test_a_token_is_shown_once_and_only_its_hash_is_kept():
    client, token = api_client_issue(name="Job platform", actor=None)
    assert token.startswith(f"jobs_{client.token_prefix}_")
    assert len(token) > 40
    stored = ApiClient.objects.get(pk=client.pk)
    assert token not in (stored.token_hash, stored.token_prefix, stored.name)
    assert stored.token_hash == token_hash(token)
    assert client_for_token(token) == stored
    assert client_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert client_for_token("jobs_" + client.token_prefix) is None
    assert client_for_token("") is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": "Bearer jobs_00000000_secret"},
        {"Authorization": "Basic am9iczpzZWNyZXQ="},
        {"Authorization": "Token jobs_x_y"},
    ],
)
def test_without_a_valid_token_every_endpoint_answers_401(headers):
    world.api_client()  # a client exists: its token is not guessed
    client = Client(headers=headers)
    for method, path in [
        ("get", f"{API}/profiles"),
        ("get", f"{API}/profiles/00000000-0000-0000-0000-000000000000"),
        ("get", f"{API}/revocations"),
        ("post", f"{API}/placements"),
    ]:
        response = getattr(client, method)(path, content_type="application/json")
        assert response.status_code == 401, (method, path)
        assert response.json() == {"detail": "Unauthorized"}
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not ApiCall.objects.exists()


def test_a_revoked_token_answers_401_and_a_rotated_one_stops_the_old():
    api_client, client = world.api_client()
    assert client.get(f"{API}/profiles").status_code == 200
    api_client_revoke(client=api_client)
    assert client.get(f"{API}/profiles").status_code == 401
    _, revoked_again = api_client_revoke(client=api_client)
    assert revoked_again is False

    other, old = world.api_client("Another platform")
    new_token = api_client_rotate(client=other)
    assert old.get(f"{API}/profiles").status_code == 401
    fresh = Client(headers={"Authorization": f"Bearer {new_token}"})
    assert fresh.get(f"{API}/profiles").status_code == 200


def test_a_signed_in_session_alone_does_not_authenticate(site_pages):
    world.profile()
    admin = UserFactory(is_superuser=True)
    browser = Client()
    browser.force_login(admin)
    response = browser.get(f"{API}/profiles")
    assert response.status_code == 401
    response = browser.post(
        f"{API}/placements", data={}, content_type="application/json"
    )
    assert response.status_code == 401


def test_the_api_needs_no_csrf_token_because_it_takes_no_cookies():
    job_profile = world.profile()
    _, token = api_client_issue(name="CSRF check", actor=None)
    client = Client(
        enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"}
    )
    response = client.post(
        f"{API}/placements",
        data={
            "profile_id": str(job_profile.public_id),
            "employer": "重庆某公司",
            "job_title": "客服",
            "start_date": world.days(-3).isoformat(),
            "reference": "csrf-1",
        },
        content_type="application/json",
    )
    assert response.status_code == 201


# What a profile holds -------------------------------------------------------------


def test_only_what_each_trainee_chose_is_in_their_profile(site_pages):
    """Three trainees who completed the same course (with a certificate) and
    hold the same access needs, choosing differently."""
    livestream = world.skill("test_live", "测试直播技能", "Test livestream skill")
    session = world.course_session(skills=[livestream])
    people = []
    for name in ("张三", "李四", "王五"):
        trainee = UserFactory(name=name, phone="13800000000")
        world.completed(trainee, session, certificate=True)
        world.needs(trainee, "captions", "extra_time", "screen_reader")
        people.append(trainee)
    nothing = world.profile(people[0])
    some = world.profile(
        people[1],
        work_kinds=[WorkKind.REMOTE],
        district="渝中区",
        shared_adjustments=[FunctionalNeed.CAPTIONS],
    )
    everything = world.profile(
        people[2],
        work_kinds=[WorkKind.ON_SITE, WorkKind.FLEXIBLE],
        district="江北区",
        share_certificates=True,
        shared_adjustments=[
            FunctionalNeed.CAPTIONS,
            FunctionalNeed.EXTRA_TIME,
            FunctionalNeed.SCREEN_READER,
        ],
        adjustments_note="我用读屏软件。",
    )
    JobProfile.objects.create(user=UserFactory(), opted_in=False, district="南岸区")
    _, client = world.api_client()

    response = client.get(f"{API}/profiles")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next_cursor"}
    items = {item["id"]: item for item in body["items"]}
    assert len(items) == 3
    for item in items.values():
        assert tuple(item) == PAYLOAD_KEYS
    skills = [
        {
            "code": "test_live",
            "name_zh": "测试直播技能",
            "name_en": "Test livestream skill",
        }
    ]
    first = items[str(nothing.public_id)]
    assert first["skills"] == skills
    assert first["certificates"] == []
    assert first["work_kinds"] == []
    assert first["district"] == ""
    assert first["adjustments"] == []
    assert first["adjustments_note"] == ""
    second = items[str(some.public_id)]
    assert second["certificates"] == []
    assert second["work_kinds"] == ["remote"]
    assert second["district"] == "渝中区"
    assert [a["code"] for a in second["adjustments"]] == ["captions"]
    third = items[str(everything.public_id)]
    assert [c["code"] for c in third["certificates"]] == [
        people[2].enrolments.get().certificate.code
    ]
    assert third["work_kinds"] == ["on_site", "flexible"]
    assert {a["code"] for a in third["adjustments"]} == {
        "captions",
        "extra_time",
        "screen_reader",
    }
    assert third["adjustments_note"] == "我用读屏软件。"
    # Exactly the payload the trainee previews.
    for job_profile in (nothing, some, everything):
        job_profile.refresh_from_db()
        expected = _json(profile_payload(job_profile))
        got = items[str(job_profile.public_id)]
        assert got.keys() == expected.keys()
        for key in PAYLOAD_KEYS:
            if key != "updated_at":
                assert got[key] == expected[key], key
        assert datetime.datetime.fromisoformat(got["updated_at"]) == pytest.approx(
            job_profile.updated_at, abs=datetime.timedelta(milliseconds=1)
        )
    # Nothing that identifies the person, nor what they did not choose.
    text = response.content.decode()
    for person in people:
        assert person.name not in text
        assert person.email not in text
    assert "13800000000" not in text
    assert "南岸区" not in text
    assert "visual" not in text


def test_one_profile_by_its_id_and_404_when_not_shared(site_pages):
    shared = world.profile(district="渝北区")
    not_shared = JobProfile.objects.create(user=UserFactory(), opted_in=False)
    _, client = world.api_client()

    response = client.get(f"{API}/profiles/{shared.public_id}")
    assert response.status_code == 200
    assert tuple(response.json()) == PAYLOAD_KEYS
    assert response.json()["district"] == "渝北区"
    assert response["Cache-Control"] == "no-store"

    for public_id in (not_shared.public_id, "7b3c9f5e-0000-4000-8000-000000000000"):
        response = client.get(f"{API}/profiles/{public_id}")
        assert response.status_code == 404
        assert response.json() == {"detail": str(api_module.PROFILE_NOT_SHARED)}


def test_a_withdrawn_profile_disappears_at_once_and_is_listed_as_revoked():
    kept = world.profile()
    gone = world.profile()
    _, client = world.api_client()
    assert {i["id"] for i in client.get(f"{API}/profiles").json()["items"]} == {
        str(kept.public_id),
        str(gone.public_id),
    }
    before = timezone.now()

    revocation = world.withdraw(gone)

    ids = {i["id"] for i in client.get(f"{API}/profiles").json()["items"]}
    assert ids == {str(kept.public_id)}
    assert client.get(f"{API}/profiles/{gone.public_id}").status_code == 404
    body = client.get(f"{API}/revocations").json()
    assert body["items"] == [
        {"id": str(gone.public_id), "revoked_at": _json(revocation.revoked_at)}
    ]
    assert body["next_cursor"] is None
    since = (before - datetime.timedelta(seconds=1)).isoformat()
    assert len(client.get(f"{API}/revocations", {"since": since}).json()["items"]) == 1
    later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
    assert client.get(f"{API}/revocations", {"since": later}).json()["items"] == []


# Pages ----------------------------------------------------------------------------


def _all_pages(client, path, **params) -> tuple[list[dict], int]:
    items, pages, cursor = [], 0, None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        body = client.get(path, query).json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages


def test_pages_follow_a_stable_order_and_a_change_moves_a_profile_to_the_end():
    profiles = [world.profile() for _ in range(5)]
    _, client = world.api_client()

    items, pages = _all_pages(client, f"{API}/profiles", limit=2)

    assert pages == 3
    expected = sorted(profiles, key=lambda p: (p.updated_at, str(p.public_id)))
    assert [i["id"] for i in items] == [str(p.public_id) for p in expected]

    # A profile changed while the platform pages through appears again later,
    # and the others are neither skipped nor repeated.
    body = client.get(f"{API}/profiles", {"limit": 2}).json()
    first_two = [i["id"] for i in body["items"]]
    moved = JobProfile.objects.get(public_id=first_two[0])
    moved.district = "沙坪坝区"
    moved.save()
    rest, _ = _all_pages(client, f"{API}/profiles", limit=2, cursor=body["next_cursor"])
    assert [i["id"] for i in rest] == [str(p.public_id) for p in expected[2:]] + [
        first_two[0]
    ]


def test_changed_since_gives_only_what_changed_after_it():
    old = world.profile()
    JobProfile.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    new = world.profile()
    _, client = world.api_client()
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    body = client.get(f"{API}/profiles", {"changed_since": since}).json()

    assert [i["id"] for i in body["items"]] == [str(new.public_id)]
    naive = (timezone.localtime() - datetime.timedelta(days=1)).replace(tzinfo=None)
    body = client.get(f"{API}/profiles", {"changed_since": naive.isoformat()}).json()
    assert [i["id"] for i in body["items"]] == [str(new.public_id)]


def test_revocations_are_paged_too():
    for _ in range(3):
        world.withdraw(world.profile())
    _, client = world.api_client()
    items, pages = _all_pages(client, f"{API}/revocations", limit=2)
    assert pages == 2
    assert len({i["id"] for i in items}) == 3


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("profiles", {"cursor": "made-up"}, 400),
        ("profiles", {"cursor": "x" * 1001}, 422),
        ("revocations", {"cursor": "made-up"}, 400),
        ("profiles", {"changed_since": "yesterday"}, 422),
        ("profiles", {"changed_since": "2026-13-45T99:00"}, 422),
        ("revocations", {"since": "not a date"}, 422),
        ("profiles", {"limit": "0"}, 422),
        ("profiles", {"limit": "101"}, 422),
        ("profiles", {"limit": "many"}, 422),
        ("profiles/not-a-uuid", {}, 422),
        ("profiles", {"changed_since": "\x00"}, 400),
    ],
)
def test_bad_parameters_answer_4xx_never_500(path, params, status):
    world.profile()
    _, client = world.api_client()
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == status


def test_a_cursor_from_one_list_is_refused_by_the_other():
    for _ in range(2):
        world.withdraw(world.profile())
        world.profile()
    _, client = world.api_client()
    cursor = client.get(f"{API}/revocations", {"limit": 1}).json()["next_cursor"]
    response = client.get(f"{API}/profiles", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"detail": str(api_module.BAD_CURSOR)}


def test_an_unknown_path_answers_json_404_not_a_redirect():
    _, client = world.api_client()
    response = client.get(f"{API}/profiles/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    for path in (
        "/api/jobs/v1/",
        "/api/jobs/v1",
        "/api/jobs/v2/profiles",
        "/api/jobs/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not Found"}


# The call log ---------------------------------------------------------------------


def test_every_call_is_logged_with_the_profiles_it_returned():
    shown = [world.profile() for _ in range(3)]
    api_client, client = world.api_client()

    client.get(f"{API}/profiles", {"limit": 2})
    client.get(f"{API}/profiles/{shown[2].public_id}")
    client.get(f"{API}/profiles", {"cursor": "made-up"})
    client.get(f"{API}/revocations")
    Client().get(f"{API}/profiles")  # no token: not a client's call

    calls = list(ApiCall.objects.order_by("at", "pk"))
    assert [(c.method, c.status_code) for c in calls] == [
        ("GET", 200),
        ("GET", 200),
        ("GET", 400),
        ("GET", 200),
    ]
    assert calls[0].path == f"{API}/profiles?limit=2"
    assert {c.client_id for c in calls} == {api_client.pk}
    first_two = sorted(shown, key=lambda p: (p.updated_at, str(p.public_id)))[:2]
    assert {s.user_id for s in calls[0].shares.all()} == {p.user_id for p in first_two}
    assert [s.user_id for s in calls[1].shares.all()] == [shown[2].user_id]
    assert not calls[2].shares.exists() and not calls[3].shares.exists()
    assert ProfileShare.objects.count() == 3
    api_client.refresh_from_db()
    assert api_client.last_used_at == calls[-1].at


def test_a_page_of_profiles_costs_the_same_queries_at_two_sizes(site_pages):
    livestream = world.skill("test_live", "测试直播技能", "Test livestream skill")
    session = world.course_session(skills=[livestream])
    _, client = world.api_client()

    def add(n: int) -> None:
        for _ in range(n):
            trainee = UserFactory()
            world.completed(trainee, session, certificate=True)
            world.needs(trainee, "captions")
            world.profile(
                trainee, share_certificates=True, shared_adjustments=["captions"]
            )

    def count() -> int:
        client.get(f"{API}/profiles")  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}/profiles")
        assert response.status_code == 200
        return len(queries), len(response.json()["items"])

    add(2)
    small, small_items = count()
    add(5)
    large, large_items = count()
    assert (small_items, large_items) == (2, 7)
    assert small == large


# The schema -----------------------------------------------------------------------


def test_the_openapi_schema_is_served_and_lists_every_endpoint():
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        f"{API}/profiles",
        f"{API}/profiles/{{profile_id}}",
        f"{API}/revocations",
        f"{API}/placements",
    }
    assert set(schema["paths"][f"{API}/placements"]) == {"post"}
    security = schema["components"]["securitySchemes"]
    assert [s["scheme"] for s in security.values()] == ["bearer"]
    profile_fields = schema["components"]["schemas"]["Profile"]["properties"]
    assert tuple(profile_fields) == PAYLOAD_KEYS
    # No docs page that would load scripts from a CDN.
    assert Client().get(f"{API}/docs").status_code == 404
