"""Sessions set up by the bases: create, edit, run again, close or reopen
enrolment, cancel.

Every rule about what a session may hold is checked here (`session_problems`),
so the page, the admin and any script refuse the same things with the same
words. Trainees with a place hear about a cancellation, or about a change of
dates, meetings or venue, through `training.signals`, sent once the
transaction has committed."""

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffRole, TrainingBase, User
from training import signals
from training.models import Enrolment, Meeting, TrainingSession
from training.permissions import can_edit_session, can_manage_sessions_at
from training.services.audit import audit_record, diff
from training.services.enrolment import seats_taken
from training.services.periods import PeriodLocked, period_lock_check

NOT_ALLOWED = _(
    "Only the base's managers and federation admins can set up sessions at this base."
)
END_BEFORE_START = _("The end date must be on or after the start date.")
FEWER_PLACES = _(
    "%(count)s people already hold a place in this session. Give at least "
    "%(count)s places."
)
COURSE_OTHER_BASE = _("Choose one of this base's published courses.")
INSTRUCTOR_OTHER_BASE = _(
    "%(name)s is not staff at this base. Choose instructors from this base's staff."
)
CLOSES_AFTER_START = _(
    "Enrolment must close on or before the day the session starts (%(date)s)."
)
CLOSES_BEFORE_OPENS = _("Enrolment must close on or after the day it opens (%(date)s).")
MEETING_OUTSIDE = _(
    "The meeting must be on a day of the session, from %(starts)s to %(ends)s."
)
MEETING_END_BEFORE_START = _("The meeting must end after it starts.")
MEETING_NO_PLACE = _("Give a room, an online link, or both.")
CANCEL_REASON_REQUIRED = _(
    "Say why the session is cancelled. Trainees with a place are told this reason."
)
CANCELLED_NO_CHANGES = _("This session was cancelled, so it cannot be changed.")
FINISHED_NO_CANCEL = _("This session has finished, so it cannot be cancelled.")

# Fields a manager sets on the session form, in the order they are audited.
SESSION_FIELDS = (
    "course",
    "name",
    "name_en",
    "starts_on",
    "ends_on",
    "venue",
    "venue_en",
    "capacity",
    "delivery_mode",
    "enrolment_opens_on",
    "enrolment_closes_on",
    "approval_required",
    *TrainingSession.SUPPORT_FIELDS,
)
MEETING_FIELDS = ("day", "starts_at", "ends_at", "room", "room_en", "online_link")
# Changes trainees with a place are told about.
NOTIFIED_CHANGES = ("starts_on", "ends_on", "meetings", "venue", "venue_en")

Problems = dict[str, list[str]]


class SessionError(Exception):
    pass


class SessionLocked(SessionError, PeriodLocked):
    """The session starts (or would start) in a closed reporting period."""


class SessionInvalid(SessionError):
    """What is wrong, by field of the session and by meeting (its position in
    the list given)."""

    def __init__(self, errors: Problems, meeting_errors: dict[int, Problems]):
        super().__init__(errors, meeting_errors)
        self.errors = errors
        self.meeting_errors = meeting_errors


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def base_staff(base: TrainingBase):
    """People who may teach a session at the base: its instructors and managers."""
    return (
        User.objects.filter(
            staff_roles__base=base, staff_roles__role__in=StaffRole.BASE_ROLES
        )
        .distinct()
        .order_by("name", "pk")
    )


def session_problems(
    *,
    base: TrainingBase,
    fields: dict,
    instructors: Iterable[User],
    meetings: Sequence[dict],
    session: TrainingSession | None = None,
) -> tuple[Problems, dict[int, Problems]]:
    """Every rule a session must keep, as messages by field and by meeting."""
    errors: Problems = {}
    meeting_errors: dict[int, Problems] = {}

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    starts_on, ends_on = fields["starts_on"], fields["ends_on"]
    if ends_on < starts_on:
        add("ends_on", END_BEFORE_START)
    course = fields["course"]
    if course.base_id != base.pk:
        add("course", COURSE_OTHER_BASE)
    instructors = list(instructors)
    if instructors:
        staff = set(
            base_staff(base)
            .filter(pk__in=[person.pk for person in instructors])
            .values_list("pk", flat=True)
        )
        for person in instructors:
            if person.pk not in staff:
                add("instructors", INSTRUCTOR_OTHER_BASE % {"name": person})
    if session is not None and session.pk:
        taken = seats_taken(session)
        if fields["capacity"] < taken:
            add("capacity", FEWER_PLACES % {"count": taken})
    opens, closes = fields.get("enrolment_opens_on"), fields.get("enrolment_closes_on")
    if closes and closes > starts_on:
        add("enrolment_closes_on", CLOSES_AFTER_START % {"date": _day(starts_on)})
    elif closes and opens and closes < opens:
        add("enrolment_closes_on", CLOSES_BEFORE_OPENS % {"date": _day(opens)})
    for index, meeting in enumerate(meetings):
        problems: Problems = {}
        if not starts_on <= meeting["day"] <= max(starts_on, ends_on):
            problems["day"] = [
                str(
                    MEETING_OUTSIDE % {"starts": _day(starts_on), "ends": _day(ends_on)}
                )
            ]
        if meeting["ends_at"] <= meeting["starts_at"]:
            problems["ends_at"] = [str(MEETING_END_BEFORE_START)]
        if not (
            meeting.get("room") or meeting.get("room_en") or meeting.get("online_link")
        ):
            problems["room"] = [str(MEETING_NO_PLACE)]
        if problems:
            meeting_errors[index] = problems
    return errors, meeting_errors


def _check(
    *,
    base: TrainingBase,
    fields: dict,
    instructors: Sequence[User],
    meetings: Sequence[dict],
    session: TrainingSession | None = None,
) -> None:
    errors, meeting_errors = session_problems(
        base=base,
        fields=fields,
        instructors=instructors,
        meetings=meetings,
        session=session,
    )
    if errors or meeting_errors:
        raise SessionInvalid(errors, meeting_errors)


def _period_check(*sessions: TrainingSession) -> None:
    for session in sessions:
        period_lock_check(session=session, error=SessionLocked)


def _meeting_line(meeting: Meeting | dict) -> str:
    def get(name: str):
        if isinstance(meeting, dict):
            return meeting.get(name)
        return getattr(meeting, name)

    place = " / ".join(
        value for value in (get("room"), get("room_en"), get("online_link")) if value
    )
    return (
        f"{get('day').isoformat()} {get('starts_at'):%H:%M}–{get('ends_at'):%H:%M}"
        f" {place}"
    ).strip()


def _snapshot(session: TrainingSession, meetings=None) -> dict:
    """The session as audited: plain values, instructors and meetings as text."""
    values = {name: getattr(session, name) for name in SESSION_FIELDS}
    values["course"] = session.course.title
    for name in ("starts_on", "ends_on", "enrolment_opens_on", "enrolment_closes_on"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    if session.pk:
        people = sorted(str(person) for person in session.instructors.all())
        values["instructors"] = ", ".join(people)
        meetings = session.meetings.all() if meetings is None else meetings
        values["meetings"] = "; ".join(_meeting_line(m) for m in meetings)
    return values


def _save(
    session: TrainingSession,
    *,
    fields: dict,
    instructors: Sequence[User],
    meetings: Sequence[dict],
) -> None:
    for name in SESSION_FIELDS:
        setattr(session, name, fields[name])
    session.full_clean(exclude=["base", "course"])
    session.save()
    session.instructors.set(instructors)
    session.meetings.all().delete()
    rows = []
    for meeting in meetings:
        row = Meeting(
            session=session,
            **{name: meeting.get(name) or "" for name in MEETING_FIELDS[3:]},
            **{name: meeting[name] for name in MEETING_FIELDS[:3]},
        )
        row.full_clean(exclude=["session"])
        rows.append(row)
    Meeting.objects.bulk_create(rows)


def _seat_holders(session: TrainingSession) -> list[int]:
    return list(
        session.enrolments.filter(status__in=Enrolment.ACTIVE)
        .order_by("pk")
        .values_list("trainee_id", flat=True)
    )


@transaction.atomic
def session_create(
    *,
    base: TrainingBase,
    fields: dict,
    instructors: Sequence[User],
    meetings: Sequence[dict],
    actor: User,
) -> TrainingSession:
    """A new session at the base, with its meetings and instructors."""
    if not can_manage_sessions_at(actor, base):
        raise SessionError(NOT_ALLOWED)
    _check(base=base, fields=fields, instructors=instructors, meetings=meetings)
    session = TrainingSession(base=base, **{n: fields[n] for n in SESSION_FIELDS})
    _period_check(session)
    _save(session, fields=fields, instructors=instructors, meetings=meetings)
    audit_record(
        actor=actor,
        action="session.create",
        obj=session,
        changes=diff({}, _snapshot(session)),
    )
    return session


def _locked(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("base", "course")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_update(
    *,
    session: TrainingSession,
    fields: dict,
    instructors: Sequence[User],
    meetings: Sequence[dict],
    actor: User,
) -> TrainingSession:
    """Change a session. Trainees with a place are told when the dates, the
    meetings or the venue change. Saving without a change logs nothing."""
    session = _locked(session)
    if not can_edit_session(actor, session):
        raise SessionError(NOT_ALLOWED)
    if session.status == TrainingSession.Status.CANCELLED:
        raise SessionError(CANCELLED_NO_CHANGES)
    _period_check(session)
    _check(
        base=session.base,
        fields=fields,
        instructors=instructors,
        meetings=meetings,
        session=session,
    )
    _period_check(TrainingSession(starts_on=fields["starts_on"]))
    before = _snapshot(session)
    _save(session, fields=fields, instructors=instructors, meetings=meetings)
    changes = diff(before, _snapshot(session))
    if not changes:
        return session
    audit_record(actor=actor, action="session.update", obj=session, changes=changes)
    told = {name: value for name, value in changes.items() if name in NOTIFIED_CHANGES}
    if told:
        transaction.on_commit(
            lambda: signals.session_changed.send(
                sender=TrainingSession, session=session, changes=told, actor=actor
            )
        )
    return session


def _shift(value: datetime.date | None, days: datetime.timedelta):
    return value + days if value is not None else None


@transaction.atomic
def session_duplicate(
    *,
    session: TrainingSession,
    starts_on: datetime.date,
    actor: User,
    name: str = "",
    name_en: str = "",
) -> TrainingSession:
    """Run a session again: a new session with the same course, settings,
    support, instructors and meetings, every date moved so that it starts on
    `starts_on`. Nobody's place is copied."""
    if not can_edit_session(actor, session):
        raise SessionError(NOT_ALLOWED)
    shift = starts_on - session.starts_on
    fields = {name_: getattr(session, name_) for name_ in SESSION_FIELDS}
    fields.update(
        name=name.strip() or session.name,
        name_en=name_en.strip() or session.name_en,
        starts_on=starts_on,
        ends_on=session.ends_on + shift,
        enrolment_opens_on=_shift(session.enrolment_opens_on, shift),
        enrolment_closes_on=_shift(session.enrolment_closes_on, shift),
    )
    meetings = [
        {name_: getattr(m, name_) for name_ in MEETING_FIELDS} | {"day": m.day + shift}
        for m in session.meetings.all()
    ]
    instructors = list(session.instructors.all())
    copy = TrainingSession(base=session.base, **fields)
    _period_check(copy)
    _save(copy, fields=fields, instructors=instructors, meetings=meetings)
    audit_record(
        actor=actor,
        action="session.duplicate",
        obj=copy,
        changes=diff({}, _snapshot(copy)) | {"copied_from": [None, session.pk]},
    )
    return copy


def _enrolment_set(session: TrainingSession, *, actor: User, open_: bool):
    session = _locked(session)
    if not can_edit_session(actor, session):
        raise SessionError(NOT_ALLOWED)
    if session.status == TrainingSession.Status.CANCELLED:
        raise SessionError(CANCELLED_NO_CHANGES)
    if session.enrolment_open == open_:
        return session
    _period_check(session)
    session.enrolment_open = open_
    session.save(update_fields=["enrolment_open"])
    audit_record(
        actor=actor,
        action="session.enrolment_open" if open_ else "session.enrolment_close",
        obj=session,
        changes={"enrolment_open": [not open_, open_]},
    )
    return session


@transaction.atomic
def session_enrolment_close(*, session: TrainingSession, actor: User):
    """Stop trainees enrolling themselves (staff may still enrol people).
    Idempotent."""
    return _enrolment_set(session, actor=actor, open_=False)


@transaction.atomic
def session_enrolment_open(*, session: TrainingSession, actor: User):
    """Let trainees enrol again, within the enrolment dates. Idempotent."""
    return _enrolment_set(session, actor=actor, open_=True)


@transaction.atomic
def session_cancel(
    *, session: TrainingSession, reason: str, actor: User
) -> TrainingSession:
    """Cancel a session, saying why. Everyone with a place (any active
    status) is told, with the reason. Idempotent: cancelling again changes
    nothing and tells no one again."""
    reason = reason.strip()
    if not reason:
        raise SessionError(CANCEL_REASON_REQUIRED)
    session = _locked(session)
    if not can_edit_session(actor, session):
        raise SessionError(NOT_ALLOWED)
    if session.status == TrainingSession.Status.CANCELLED:
        return session
    if session.status == TrainingSession.Status.FINISHED:
        raise SessionError(FINISHED_NO_CANCEL)
    _period_check(session)
    old_status = session.status
    session.status = TrainingSession.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    audit_record(
        actor=actor,
        action="session.cancel",
        obj=session,
        changes={
            "status": [old_status, session.status],
            "cancel_reason": [None, reason],
        },
    )
    recipients = _seat_holders(session)
    transaction.on_commit(
        lambda: signals.session_cancelled.send(
            sender=TrainingSession,
            session=session,
            reason=reason,
            actor=actor,
            recipients=recipients,
        )
    )
    return session
