"""Role and base-scope questions, answered in one place. Rules that need
learner records (enrolments) live in training.permissions, built on these."""

from collections.abc import Iterable

from accounts.models import StaffRole, TrainingBase, User
from core import user_cache

Role = StaffRole.Role
ROLES_PART = "staff_roles"
ADMIN_PART = "admin_access"


def roles_load(user: User) -> list[tuple[str, int | None]]:
    return list(user.staff_roles.values_list("role", "base_id"))


def _roles(user: User) -> list[tuple[str, int | None]]:
    """(role, base_id) pairs, read once per user object and kept per person
    in the shared cache (core.user_cache; forgotten on every StaffRole save
    or delete, see accounts.apps)."""
    if not user.is_authenticated:
        return []
    return user_cache.value(user, ROLES_PART)


def admin_access_load(user: User) -> bool:
    """Only staff are asked (Django reads the permissions of a person's
    groups in two queries): trainees never may."""
    return (
        user.is_active
        and (user.is_superuser or is_staff_member(user))
        and user.has_perm("wagtailadmin.access_admin")
    )


def can_open_admin(user: User) -> bool:
    """Whether the person may open the Wagtail admin (Wagtail's own
    permission, through their groups), kept per person in the shared cache
    (core.user_cache; forgotten when their groups, their groups'
    permissions or their account change, see accounts.apps). It decides
    only whether links to the admin are shown: the admin checks for
    itself."""
    return user.is_authenticated and (
        user.is_superuser
        or (is_staff_member(user) and user_cache.value(user, ADMIN_PART))
    )


def is_federation_admin(user: User) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or any(role == Role.FEDERATION_ADMIN for role, _ in _roles(user))
    )


def is_auditor(user: User) -> bool:
    return any(role == Role.AUDITOR for role, _ in _roles(user))


def is_staff_member(user: User) -> bool:
    return is_federation_admin(user) or bool(_roles(user))


def is_trainee(user: User) -> bool:
    return user.is_authenticated and not is_staff_member(user)


def base_ids_with_role(user: User, *roles: str) -> set[int]:
    return {base_id for role, base_id in _roles(user) if role in roles and base_id}


def can_teach_at_base(user: User, base: TrainingBase) -> bool:
    """Instructors and managers of the base, and federation admins."""
    return is_federation_admin(user) or base.pk in base_ids_with_role(
        user, Role.INSTRUCTOR, Role.MANAGER
    )


def can_manage_base(user: User, base: TrainingBase) -> bool:
    return is_federation_admin(user) or base.pk in base_ids_with_role(
        user, Role.MANAGER
    )


def can_view_access_needs(
    viewer: User, subject: User, *, subject_base_ids: Iterable[int]
) -> bool:
    """The person themself, federation admins, and instructors and managers of
    the bases where the person trains (given by the caller, from enrolments).
    Auditors see counts only, never a person's needs."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == subject.pk or is_federation_admin(viewer):
        return True
    teaching = base_ids_with_role(viewer, Role.INSTRUCTOR, Role.MANAGER)
    return bool(teaching & set(subject_base_ids))
