"""Who may do what with job-ready profiles."""

from accounts import permissions as people
from accounts.models import StaffRole, TrainingBase, User
from accounts.permissions import is_trainee

Role = StaffRole.Role


def can_have_job_profile(user: User) -> bool:
    """Only trainees: a staff account is never offered to employers."""
    return is_trainee(user)


# Incubated businesses -------------------------------------------------------------


def business_base_ids(user: User) -> set[int] | None:
    """The incubation bases whose businesses `user` may see and record: their
    own incubation bases as instructor or manager; None means every base (a
    federation admin). An empty set: none (trainees, auditors, staff of
    other bases)."""
    if not user.is_authenticated:
        return set()
    if people.is_federation_admin(user):
        return None
    ids = people.base_ids_with_role(user, Role.INSTRUCTOR, Role.MANAGER)
    if not ids:
        return set()
    return set(
        TrainingBase.objects.filter(pk__in=ids, incubation=True).values_list(
            "pk", flat=True
        )
    )


def can_record_businesses(user: User) -> bool:
    """Anyone who may see and record at least one incubation base's
    businesses."""
    ids = business_base_ids(user)
    return ids is None or bool(ids)


def can_record_business_at(user: User, base_id: int) -> bool:
    ids = business_base_ids(user)
    return ids is None or base_id in ids


# Placements reported by the job platform, and its API clients ---------------------


def placement_base_ids(user: User) -> set[int] | None:
    """The bases whose trainees' placements `user` may confirm or reject: their
    bases as instructor or manager; None means every base (a federation
    admin). A placement belongs to the base of the trainee's most recent
    completed session (careers.selectors.placements)."""
    if not user.is_authenticated:
        return set()
    if people.is_federation_admin(user):
        return None
    return people.base_ids_with_role(user, Role.INSTRUCTOR, Role.MANAGER)


def can_see_placements(user: User) -> bool:
    ids = placement_base_ids(user)
    return ids is None or bool(ids)


def can_issue_api_tokens(user: User) -> bool:
    """API clients and their call log: federation admins only."""
    return user.is_authenticated and user.is_active and people.is_federation_admin(user)
