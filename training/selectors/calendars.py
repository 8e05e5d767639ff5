"""Reads for calendars: the meetings of a session, a trainee's meetings
across sessions, and a subscription feed by its secret token. Each is one
query whatever the number of sessions or meetings."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from training.models import CalendarFeed, Enrolment, Meeting, TrainingSession

Status = Enrolment.Status
TOKEN_MAX_LENGTH = CalendarFeed._meta.get_field("token").max_length


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("session__base").order_by(
        "day", "starts_at", "pk"
    )


def session_meetings(session: TrainingSession) -> QuerySet[Meeting]:
    """Every meeting of the session, in order."""
    return _meetings().filter(session=session)


def place_holding_enrolments(user: User) -> QuerySet[Enrolment]:
    """The person's places whose meetings belong in their calendar: enrolled
    or offered, and completed while the session still runs (they may still
    come to its meetings)."""
    return Enrolment.objects.filter(trainee=user).filter(
        Q(status__in=[Status.ENROLLED, Status.OFFERED])
        | Q(status=Status.COMPLETED, session__ends_on__gte=timezone.localdate())
    )


def trainee_meetings(user: User) -> QuerySet[Meeting]:
    """The meetings of every session where the person holds a place."""
    return _meetings().filter(
        session__in=place_holding_enrolments(user).values("session_id")
    )


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed and its owner, or None for a token nobody holds."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
