"""Reads for the instructor pages. Each returns a queryset or values ready to
render, so a template never runs a query per row."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions as people
from accounts.models import AccessNeeds, User
from training.models import (
    Attendance,
    AuditEntry,
    Enrolment,
    Outcome,
    TrainingSession,
)
from training.permissions import NOT_LINKING, place_refused_user_ids
from training.selectors.learning import course_lessons

Status = Enrolment.Status
Role = people.Role
PHONE_CHARACTERS = set("0123456789+-() ")

ROSTER_SORTS = {
    "name": ("trainee__name", "trainee__email"),
    "status": ("status", "trainee__name"),
    "progress": ("lessons_done", "trainee__name"),
    "completed": ("completed_at", "trainee__name"),
}


def sessions_for_staff(user: User) -> QuerySet[TrainingSession]:
    """Sessions at the bases where the person teaches or manages; every
    session for federation admins and auditors. Counts come from the database."""
    sessions = TrainingSession.objects.select_related("base", "course")
    if not (people.is_federation_admin(user) or people.is_auditor(user)):
        bases = people.base_ids_with_role(user, Role.INSTRUCTOR, Role.MANAGER)
        sessions = sessions.filter(base_id__in=bases)
    return sessions.annotate(
        enrolled_count=Count(
            "enrolments",
            filter=Q(enrolments__status__in=(Status.ENROLLED, Status.OFFERED)),
        ),
        waiting_count=Count(
            "enrolments",
            filter=Q(enrolments__status__in=(Status.WAITLISTED, Status.APPLIED)),
        ),
        completed_count=Count(
            "enrolments", filter=Q(enrolments__status=Status.COMPLETED)
        ),
    ).order_by("-starts_on", "name")


def session_for_staff(pk: int) -> TrainingSession | None:
    return (
        TrainingSession.objects.select_related("base", "course").filter(pk=pk).first()
    )


def lesson_total(session: TrainingSession) -> int:
    return course_lessons(Enrolment(session=session)).count()


def roster(
    session: TrainingSession,
    *,
    status: str = "",
    sort: str = "name",
    descending: bool = False,
) -> QuerySet[Enrolment]:
    enrolments = (
        session.enrolments.select_related("trainee", "certificate", "enrolled_by")
        .annotate(
            lessons_done=Count(
                "progress", filter=Q(progress__completed_at__isnull=False)
            )
        )
        .order_by(
            *(
                f"-{field}" if descending else field
                for field in ROSTER_SORTS.get(sort, ROSTER_SORTS["name"])
            ),
            "pk",
        )
    )
    if status:
        enrolments = enrolments.filter(status=status)
    return enrolments


def roster_with_progress(
    session: TrainingSession,
    *,
    status: str = "",
    sort: str = "name",
    descending: bool = False,
) -> tuple[list[Enrolment], int]:
    """The roster and the course's lesson count. Each enrolment's `done`
    counts its completed lessons that are still in the course."""
    total = lesson_total(session)
    enrolments = list(roster(session, status=status, sort=sort, descending=descending))
    for enrolment in enrolments:
        enrolment.done = min(enrolment.lessons_done, total)
    return enrolments, total


def roster_export_table(session: TrainingSession) -> tuple[list[str], list[list]]:
    """The header and one row per enrolment for the CSV and XLSX exports."""
    enrolments, total = roster_with_progress(session)
    header = [
        _("Name"),
        _("Email"),
        _("Phone"),
        _("Status"),
        _("Enrolled by"),
        _("Lessons completed"),
        _("Lessons in the course"),
        _("Completed on"),
        _("Certificate code"),
    ]
    rows = []
    for enrolment in enrolments:
        certificate = getattr(enrolment, "certificate", None)
        rows.append(
            [
                enrolment.trainee.name,
                enrolment.trainee.email,
                enrolment.trainee.phone,
                enrolment.get_status_display(),
                _("Staff (assisted)") if enrolment.is_assisted else _("Self"),
                enrolment.done,
                total,
                enrolment.completed_at.date().isoformat()
                if enrolment.completed_at
                else "",
                certificate.code if certificate else "",
            ]
        )
    return header, rows


def enrolment_in_session(session: TrainingSession, pk: int) -> Enrolment | None:
    return (
        Enrolment.objects.select_related("trainee", "session__base")
        .filter(pk=pk, session=session)
        .first()
    )


def outcomes_recorded(enrolment: Enrolment) -> QuerySet[Outcome]:
    return enrolment.outcomes.select_related("recorded_by").order_by("follow_up")


def access_needs_for(trainee: User) -> AccessNeeds | None:
    return AccessNeeds.objects.filter(user=trainee).first()


def _looks_like_phone(query: str) -> bool:
    return sum(c.isdigit() for c in query) >= 5 and set(query) <= PHONE_CHARACTERS


def trainee_search(session: TrainingSession, query: str, limit: int = 20) -> list:
    """People staff may enrol, with their current status in the session (if
    any). No federation-wide listing: part of a name finds only people linked
    to the session's base (`training.permissions.linked_user_ids`); anyone
    else is found only by their exact email address or exact phone number."""
    query = query.strip()
    if not query:
        return []
    if "@" in query:
        condition = Q(email__iexact=query)
    elif _looks_like_phone(query):
        condition = Q(phone=query)
    else:
        linked = Enrolment.objects.filter(session__base=session.base).exclude(
            status__in=NOT_LINKING
        )
        condition = Q(name__icontains=query) & (
            Q(home_base=session.base) | Q(pk__in=linked.values("trainee_id"))
        )
    people_found = list(
        User.objects.filter(condition, is_active=True).order_by("name", "email")[:limit]
    )
    statuses = dict(
        session.enrolments.filter(trainee__in=people_found).values_list(
            "trainee_id", "status"
        )
    )
    refused = place_refused_user_ids(session.base, [p.pk for p in people_found])
    return [
        {
            "person": person,
            "status": Status(statuses[person.pk]).label
            if person.pk in statuses
            else "",
            "refused": person.pk in refused,
        }
        for person in people_found
    ]


ATTENDING = (Status.ENROLLED, Status.COMPLETED, Status.NOT_COMPLETED)


def session_days(session: TrainingSession) -> list[datetime.date]:
    count = (session.ends_on - session.starts_on).days + 1
    return [session.starts_on + datetime.timedelta(days=n) for n in range(count)]


def attendance_day_default(
    session: TrainingSession, days: list[datetime.date]
) -> datetime.date:
    """Today while the session runs, otherwise its first day."""
    today = timezone.localdate()
    return today if session.starts_on <= today <= session.ends_on else days[0]


def attendance_sheet(
    session: TrainingSession, day: datetime.date
) -> tuple[list[Enrolment], dict[int, str]]:
    enrolments = list(
        session.enrolments.filter(status__in=ATTENDING)
        .select_related("trainee", "session")
        .order_by("trainee__name", "trainee__email", "pk")
    )
    recorded = dict(
        Attendance.objects.filter(enrolment__session=session, day=day).values_list(
            "enrolment_id", "status"
        )
    )
    return enrolments, recorded


def audit_trail(session: TrainingSession) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(session=session).select_related("actor", "trainee")
