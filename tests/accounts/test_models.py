import pytest
from django.db import IntegrityError, transaction

from accounts.models import StaffRole, TrainingBase, User
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_users_sign_in_by_email_and_have_one_name_field():
    user = User.objects.create_user(
        email="Li.Na@Example.ORG", password="x", name="李娜"
    )
    assert user.email == "Li.Na@example.org"
    assert str(user) == "李娜"
    assert not hasattr(user, "first_name") or user.first_name is None
    assert User.USERNAME_FIELD == "email"


def test_email_addresses_are_unique():
    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="same@example.org", password="x")


def test_superuser_has_admin_flags():
    admin = User.objects.create_superuser(email="boss@example.org", password="x")
    assert admin.is_staff and admin.is_superuser


def test_training_base_name_follows_the_language():
    from django.utils import translation

    base = TrainingBaseFactory(name="渝中基地", name_en="Yuzhong Base")
    with translation.override("en"):
        assert base.display_name == "Yuzhong Base"
        assert str(base) == "Yuzhong Base"
    with translation.override("zh-hans"):
        assert base.display_name == "渝中基地"


@pytest.mark.parametrize(
    ("role", "with_base", "allowed"),
    [
        (StaffRole.Role.INSTRUCTOR, True, True),
        (StaffRole.Role.INSTRUCTOR, False, False),
        (StaffRole.Role.MANAGER, True, True),
        (StaffRole.Role.MANAGER, False, False),
        (StaffRole.Role.AUDITOR, False, True),
        (StaffRole.Role.AUDITOR, True, False),
        (StaffRole.Role.FEDERATION_ADMIN, False, True),
        (StaffRole.Role.FEDERATION_ADMIN, True, False),
    ],
)
def test_base_roles_need_a_base_and_federation_roles_have_none(
    role, with_base, allowed
):
    user = UserFactory()
    base = TrainingBaseFactory() if with_base else None
    if allowed:
        StaffRole.objects.create(user=user, role=role, base=base)
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            StaffRole.objects.create(user=user, role=role, base=base)


def test_a_role_is_held_once_per_base():
    role = StaffRoleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=role.user, role=role.role, base=role.base)
    StaffRole.objects.create(user=role.user, role=role.role, base=TrainingBaseFactory())


def test_a_federation_role_is_held_once():
    user = UserFactory()
    StaffRole.objects.create(user=user, role=StaffRole.Role.AUDITOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=StaffRole.Role.AUDITOR)


def test_base_names_are_unique():
    TrainingBaseFactory(name="唯一")
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingBase.objects.create(name="唯一", district="x", address="y")
