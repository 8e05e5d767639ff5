"""Permission tables: every role against every question."""

import pytest

from accounts import permissions
from accounts.models import StaffRole
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory

pytestmark = pytest.mark.django_db

Role = StaffRole.Role


@pytest.fixture
def world():
    base_a, base_b = TrainingBaseFactory(), TrainingBaseFactory()
    trainee = UserFactory()
    people = {
        "self": trainee,
        "other trainee": UserFactory(),
        "instructor at A": StaffRoleFactory(role=Role.INSTRUCTOR, base=base_a).user,
        "instructor at B": StaffRoleFactory(role=Role.INSTRUCTOR, base=base_b).user,
        "manager at A": StaffRoleFactory(role=Role.MANAGER, base=base_a).user,
        "manager at B": StaffRoleFactory(role=Role.MANAGER, base=base_b).user,
        "auditor": StaffRoleFactory(role=Role.AUDITOR, base=None).user,
        "federation admin": StaffRoleFactory(
            role=Role.FEDERATION_ADMIN, base=None
        ).user,
    }
    return {"A": base_a, "B": base_b, "trainee": trainee, "people": people}


# Who may see the needs of a trainee who trains at base A.
NEEDS_TABLE = {
    "self": True,
    "other trainee": False,
    "instructor at A": True,
    "instructor at B": False,
    "manager at A": True,
    "manager at B": False,
    "auditor": False,
    "federation admin": True,
}


@pytest.mark.parametrize(("who", "allowed"), NEEDS_TABLE.items())
def test_who_may_view_a_trainees_access_needs(world, who, allowed):
    viewer = world["people"][who]
    assert (
        permissions.can_view_access_needs(
            viewer, world["trainee"], subject_base_ids=[world["A"].pk]
        )
        is allowed
    )


def test_anonymous_may_not_view_needs(world):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_view_access_needs(
        AnonymousUser(), world["trainee"], subject_base_ids=[world["A"].pk]
    )


BASE_TABLE = {
    # who: (teach at A, manage A, teach at B, manage B)
    "self": (False, False, False, False),
    "instructor at A": (True, False, False, False),
    "manager at A": (True, True, False, False),
    "instructor at B": (False, False, True, False),
    "auditor": (False, False, False, False),
    "federation admin": (True, True, True, True),
}


@pytest.mark.parametrize(("who", "expected"), BASE_TABLE.items())
def test_base_scope(world, who, expected):
    user = world["people"][who]
    got = (
        permissions.can_teach_at_base(user, world["A"]),
        permissions.can_manage_base(user, world["A"]),
        permissions.can_teach_at_base(user, world["B"]),
        permissions.can_manage_base(user, world["B"]),
    )
    assert got == expected


@pytest.mark.parametrize(
    ("who", "trainee", "auditor", "admin"),
    [
        ("self", True, False, False),
        ("instructor at A", False, False, False),
        ("auditor", False, True, False),
        ("federation admin", False, False, True),
    ],
)
def test_role_questions(world, who, trainee, auditor, admin):
    user = world["people"][who]
    assert permissions.is_trainee(user) is trainee
    assert permissions.is_auditor(user) is auditor
    assert permissions.is_federation_admin(user) is admin


def test_roles_are_read_once_per_user(world, django_assert_num_queries):
    user = world["people"]["manager at A"]
    with django_assert_num_queries(1):
        permissions.can_teach_at_base(user, world["A"])
        permissions.can_manage_base(user, world["B"])
        permissions.is_auditor(user)


def test_kept_roles_follow_every_change_and_stay_per_person():
    """Staff roles are kept per person in the shared cache (core.user_cache)
    for the next request: a role given or taken away counts at once, for that
    person only."""
    from accounts.models import User

    base = TrainingBaseFactory()
    person, other = UserFactory(), UserFactory()
    role = StaffRoleFactory(user=other, role=Role.MANAGER, base=base)

    def fresh(user):
        # A new request's user object (nothing memoised on it).
        return User.objects.get(pk=user.pk)

    assert not permissions.is_staff_member(fresh(person))
    assert permissions.is_staff_member(fresh(other))
    StaffRoleFactory(user=person, role=Role.INSTRUCTOR, base=base)
    assert permissions.base_ids_with_role(fresh(person), Role.INSTRUCTOR) == {base.pk}
    assert permissions.base_ids_with_role(fresh(other), Role.INSTRUCTOR) == set()
    StaffRole.objects.filter(user=person).delete()
    assert not permissions.is_staff_member(fresh(person))
    role.delete()
    assert not permissions.is_staff_member(fresh(other))
