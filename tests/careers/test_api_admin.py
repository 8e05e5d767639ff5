"""API clients in the Wagtail admin: federation admins issue a token (shown
once), revoke it, and read the call log; base staff see none of it."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import StaffRole
from careers.auth import client_for_token
from careers.models import ApiCall, ApiClient
from tests.careers import api_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db
Role = StaffRole.Role


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def federation_admin():
    return StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user


def test_a_federation_admin_issues_a_token_shown_once(federation_admin):
    admin = _signed_in(federation_admin)
    assert admin.get(reverse("apiclient:add")).status_code == 200

    response = admin.post(reverse("apiclient:add"), {"name": "Job platform"})

    assert response.status_code == 200
    assert (
        "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )
    token = soup(response).find(id="api-token")["value"]
    client = ApiClient.objects.get()
    assert (client.name, client.created_by) == ("Job platform", federation_admin)
    assert client_for_token(token) == client
    assert token not in (client.token_hash, client.token_prefix)
    # Never shown again: not on the list, not on the edit page.
    for url in (
        reverse("apiclient:index"),
        reverse("apiclient:edit", args=[client.pk]),
    ):
        page = admin.get(url)
        assert page.status_code == 200
        assert token not in page.content.decode()
        assert client.token_prefix in page.content.decode() or url.endswith(
            f"{client.pk}/"
        )


def test_an_empty_name_is_refused_and_nothing_is_issued(federation_admin):
    admin = _signed_in(federation_admin)
    response = admin.post(reverse("apiclient:add"), {"name": ""})
    assert response.status_code == 200
    assert soup(response).find(id="api-token") is None
    assert not ApiClient.objects.exists()


def test_a_federation_admin_revokes_a_token_and_its_calls_are_refused(
    federation_admin,
):
    api_client, caller = world.api_client()
    assert caller.get(f"{world.API}/profiles").status_code == 200
    admin = _signed_in(federation_admin)
    index = admin.get(reverse("apiclient:index"))
    assert reverse("apiclient:revoke", args=[api_client.pk]) in index.content.decode()
    assert (
        admin.get(reverse("apiclient:revoke", args=[api_client.pk])).status_code == 200
    )

    response = admin.post(reverse("apiclient:revoke", args=[api_client.pk]))

    assert response.status_code == 302
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None
    assert caller.get(f"{world.API}/profiles").status_code == 401
    # Again: nothing changes.
    first = api_client.revoked_at
    admin.post(reverse("apiclient:revoke", args=[api_client.pk]))
    api_client.refresh_from_db()
    assert api_client.revoked_at == first


def test_the_call_log_is_read_only(federation_admin):
    _, caller = world.api_client()
    caller.get(f"{world.API}/revocations")
    call = ApiCall.objects.get()
    admin = _signed_in(federation_admin)
    index = admin.get(reverse("apicall:index"))
    assert index.status_code == 200
    assert "/api/jobs/v1/revocations" in index.content.decode()
    assert admin.get(reverse("apicall:inspect", args=[call.pk])).status_code == 200
    assert admin.get(reverse("apicall:add")).status_code in (302, 403)
    assert admin.post(reverse("apicall:delete", args=[call.pk])).status_code in (
        302,
        403,
    )
    assert ApiCall.objects.filter(pk=call.pk).exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.INSTRUCTOR, Role.AUDITOR])
def test_base_staff_and_auditors_cannot_see_or_issue_tokens(role):
    if role == Role.AUDITOR:
        user = StaffRoleFactory(role=role, base=None).user
    else:
        user = StaffRoleFactory(role=role).user
    api_client, _ = world.api_client()
    staff = _signed_in(user)
    for url in (
        reverse("apiclient:index"),
        reverse("apiclient:add"),
        reverse("apiclient:revoke", args=[api_client.pk]),
        reverse("apicall:index"),
    ):
        response = staff.get(url)
        assert response.status_code in (302, 403), url
    assert staff.post(reverse("apiclient:add"), {"name": "x"}).status_code in (
        302,
        403,
    )
    assert staff.post(
        reverse("apiclient:revoke", args=[api_client.pk])
    ).status_code in (302, 403)
    api_client.refresh_from_db()
    assert api_client.revoked_at is None
    assert ApiClient.objects.count() == 1


def test_the_menu_shows_only_to_federation_admins(federation_admin):
    manager = StaffRoleFactory(role=Role.MANAGER).user
    superuser = UserFactory(is_superuser=True)
    for user, shown in ((federation_admin, True), (superuser, True), (manager, False)):
        page = _signed_in(user).get("/admin/")
        assert page.status_code == 200
        assert (reverse("apiclient:index") in page.content.decode()) == shown
