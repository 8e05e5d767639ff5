"""Rules that need learner records, built on accounts.permissions."""

from accounts import permissions as people
from accounts.models import StaffRole, TrainingBase, User
from training.models import Certificate, Enrolment, TrainingSession

Role = people.Role

# Places that do not link a person to a base: withdrawn ones, and pending ones
# that staff created and the trainee has not confirmed yet.
NOT_LINKING = (Enrolment.Status.WITHDRAWN, Enrolment.Status.PENDING)


def trainee_base_ids(trainee: User) -> set[int]:
    """Bases where the person has applied, is enrolled or has trained. A place
    staff created that the trainee has not confirmed yet does not count."""
    return set(
        Enrolment.objects.filter(trainee=trainee)
        .exclude(status__in=NOT_LINKING)
        .values_list("session__base_id", flat=True)
    )


def linked_user_ids(base: TrainingBase, user_ids) -> set[int]:
    """Which of these people are linked to the base: a confirmed place there
    that is not withdrawn (any other status), or the base as home base."""
    ids = list(user_ids)
    on_list = set(
        Enrolment.objects.filter(trainee_id__in=ids, session__base=base)
        .exclude(status__in=NOT_LINKING)
        .values_list("trainee_id", flat=True)
    )
    at_home = set(
        User.objects.filter(pk__in=ids, home_base=base).values_list("pk", flat=True)
    )
    return on_list | at_home


def is_linked_to_base(user: User, base: TrainingBase) -> bool:
    return user.pk in linked_user_ids(base, [user.pk])


def is_federation_staff(user: User) -> bool:
    """Auditors, federation admins and superusers: never trainees."""
    return people.is_federation_admin(user) or people.is_auditor(user)


def is_staff_at_base(user: User, base: TrainingBase) -> bool:
    return base.pk in people.base_ids_with_role(user, Role.INSTRUCTOR, Role.MANAGER)


def can_take_place(user: User, base: TrainingBase) -> bool:
    """A trainee's place: refused to federation staff everywhere, and to a
    base's instructors and managers in that base's sessions (they may train
    at another base, where they count as trainees)."""
    return not (is_federation_staff(user) or is_staff_at_base(user, base))


def can_view_trainee_needs(viewer: User, trainee: User) -> bool:
    return people.can_view_access_needs(
        viewer, trainee, subject_base_ids=trainee_base_ids(trainee)
    )


def can_run_session(user: User, session: TrainingSession) -> bool:
    """Rosters, assisted enrolment, attendance and outcomes for a session:
    its base's instructors and managers, and federation admins."""
    return people.can_teach_at_base(user, session.base)


def can_view_session_audit(user: User, session: TrainingSession) -> bool:
    """Base managers of the session's base, federation auditors and admins."""
    return people.can_manage_base(user, session.base) or people.is_auditor(user)


def can_view_certificate(user: User, certificate: Certificate) -> bool:
    """The trainee it was issued to, and the staff who run the session
    (its base's instructors and managers, federation admins)."""
    enrolment = certificate.enrolment
    return enrolment.trainee_id == user.pk or can_run_session(user, enrolment.session)


def place_refused_user_ids(base: TrainingBase, user_ids) -> set[int]:
    """`can_take_place` for many people in two queries (roster import)."""
    ids = list(user_ids)
    refused = set(
        User.objects.filter(pk__in=ids, is_superuser=True).values_list("pk", flat=True)
    )
    for user_id, role, base_id in StaffRole.objects.filter(user_id__in=ids).values_list(
        "user_id", "role", "base_id"
    ):
        if role in (Role.FEDERATION_ADMIN, Role.AUDITOR) or base_id == base.pk:
            refused.add(user_id)
    return refused


def can_manage_sessions_at(user: User, base: TrainingBase) -> bool:
    """Create, edit, run again, close enrolment on and cancel sessions at the
    base: its managers and federation admins (instructors run sessions but do
    not set them up unless they are also managers)."""
    return people.can_manage_base(user, base)


def can_edit_session(user: User, session: TrainingSession) -> bool:
    return can_manage_sessions_at(user, session.base)


def session_manager_base_ids(user: User) -> set[int] | None:
    """Bases where the person may create sessions; None means every base
    (federation admins)."""
    if people.is_federation_admin(user):
        return None
    return people.base_ids_with_role(user, Role.MANAGER)
