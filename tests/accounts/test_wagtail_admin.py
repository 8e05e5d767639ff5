import pytest

from accounts.models import NeedsAccessLog, StaffRole, User
from tests.factories.accounts import TrainingBaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(
        email="fed-admin@example.org", password="x", name="管理员"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/",
        "/admin/users/new/",
        "/admin/trainingbase/",
        "/admin/staffrole/",
        "/admin/staffrole/new/",
        "/admin/deletionrequest/",
        "/admin/needsaccesslog/",
    ],
)
def test_admin_pages_for_people_and_places(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_federation_admin_creates_a_user_with_one_name_field(admin_client):
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "new.instructor@example.org",
            "name": "新教员",
            "password1": "a-strong-password-2026",
            "password2": "a-strong-password-2026",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert User.objects.get(email="new.instructor@example.org").name == "新教员"


def test_federation_admin_edits_a_user(admin_client):
    user = UserFactory(name="旧名")
    response = admin_client.get(f"/admin/users/edit/{user.pk}/")
    assert response.status_code == 200
    response = admin_client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "email": user.email,
            "name": "新名",
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.name == "新名"


def test_federation_admin_assigns_a_staff_role(admin_client):
    user, base = UserFactory(), TrainingBaseFactory()
    response = admin_client.post(
        "/admin/staffrole/new/",
        {"user": user.pk, "role": "instructor", "base": base.pk},
    )
    assert response.status_code == 302
    assert StaffRole.objects.filter(user=user, base=base, role="instructor").exists()


def test_the_needs_access_log_cannot_be_changed_by_hand(admin_client):
    viewer, subject = UserFactory(), UserFactory()
    log = NeedsAccessLog.objects.create(viewer=viewer, subject=subject, path="/x/")
    assert admin_client.get("/admin/needsaccesslog/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/needsaccesslog/edit/{log.pk}/").status_code in (
        302,
        403,
    )
    assert admin_client.get(f"/admin/needsaccesslog/delete/{log.pk}/").status_code in (
        302,
        403,
    )
    admin_client.post(f"/admin/needsaccesslog/delete/{log.pk}/")
    admin_client.post(f"/admin/needsaccesslog/edit/{log.pk}/", {"path": "/changed/"})
    log.refresh_from_db()
    assert log.path == "/x/"
    assert admin_client.get("/admin/needsaccesslog/").status_code == 200


def test_trainees_cannot_open_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
