"""Rules that need learner records, built on accounts.permissions."""

from accounts import permissions as people
from accounts.models import User
from training.models import Certificate, Enrolment, TrainingSession


def trainee_base_ids(trainee: User) -> set[int]:
    """Bases where the person has applied, is enrolled or has trained."""
    return set(
        Enrolment.objects.filter(trainee=trainee)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("session__base_id", flat=True)
    )


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
