"""Attendance and employment outcomes, recorded by base staff."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import Attendance, Enrolment, Outcome
from training.selectors.followups import follow_up_due_on
from training.services.audit import audit_record, diff
from training.services.periods import (
    PeriodLocked,
    locking_period,
    period_lock_check,
)

DAY_OUTSIDE_SESSION = _("That day is outside the session's dates.")
NOT_ATTENDING = _("Only enrolled or completed trainees have attendance.")
OUTCOME_NOT_DUE = _(
    "The follow-up at %(follow_up)s is due on %(due)s, %(follow_up)s after "
    "the session ended. It cannot be recorded before then."
)
OUTCOME_IN_FUTURE = _("The date recorded cannot be later than today.")
OUTCOME_NEEDS_ENROLMENT = _(
    "Outcomes are recorded for trainees who took part in the session."
)


class RecordError(Exception):
    pass


class RecordLocked(RecordError, PeriodLocked):
    """The record is dated in a closed reporting period."""


class OutcomeDateError(RecordError):
    """The outcome's date is refused: the follow-up is not due by then, or the
    date is later than today. Forms show it beside the date."""

    field = "recorded_on"


@transaction.atomic
def attendance_record(
    *, enrolment: Enrolment, day: datetime.date, status: str, actor: User
) -> Attendance:
    session = enrolment.session
    if not session.starts_on <= day <= session.ends_on:
        raise RecordError(DAY_OUTSIDE_SESSION)
    if enrolment.status not in (
        Enrolment.Status.ENROLLED,
        Enrolment.Status.COMPLETED,
        Enrolment.Status.NOT_COMPLETED,
    ):
        raise RecordError(NOT_ATTENDING)
    period_lock_check(session=session, error=RecordLocked)
    record = (
        Attendance.objects.select_for_update()
        .filter(enrolment=enrolment, day=day)
        .first()
    )
    old = {"status": record.status} if record else {}
    if record is None:
        record = Attendance(enrolment=enrolment, day=day)
    if old.get("status") == status:
        return record
    record.status = status
    record.recorded_by = actor
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="attendance.record",
        obj=record,
        enrolment=enrolment,
        changes=diff(old, {"status": status}) | {"day": [None, day.isoformat()]},
    )
    return record


@transaction.atomic
def attendance_record_day(
    *,
    day: datetime.date,
    marks: Iterable[tuple[Enrolment, str]],
    actor: User,
) -> list[Attendance]:
    """A day's register: (enrolment, status) for each trainee, all saved or
    none. Idempotent: an unchanged mark is neither saved nor audited again,
    so the trail has one entry per change."""
    return [
        attendance_record(enrolment=enrolment, day=day, status=status, actor=actor)
        for enrolment, status in marks
    ]


@transaction.atomic
def outcome_record(
    *,
    enrolment: Enrolment,
    follow_up: int,
    status: str,
    recorded_on: datetime.date,
    actor: User,
    notes: str = "",
    self_reported: bool = False,
) -> Outcome:
    """Idempotent per enrolment and follow-up: recording again updates it,
    and the audit trail keeps the old value.

    A follow-up is due `follow_up` months after the session ended
    (`follow_up_due_on`); an outcome dated before then, or later than today,
    is refused, whoever records it. Staff record confirmed outcomes (saving a
    trainee's report confirms it); a trainee's own report
    (`self_reported`) waits for an instructor to confirm it.

    When the session's period is closed, a new outcome is kept as an
    amendment to it (left out of its figures until it is reopened), an
    amendment may still be corrected, and an outcome counted in the closed
    figures is refused (see training/services/periods.py)."""
    if enrolment.status in (
        Enrolment.Status.PENDING,
        Enrolment.Status.APPLIED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.OFFERED,
    ):
        raise RecordError(OUTCOME_NEEDS_ENROLMENT)
    due = follow_up_due_on(enrolment.session, follow_up)
    if recorded_on < due:
        raise OutcomeDateError(
            OUTCOME_NOT_DUE
            % {
                "follow_up": Outcome.FollowUp(follow_up).label,
                "due": date_format(due, "DATE_FORMAT"),
            }
        )
    if recorded_on > timezone.localdate():
        raise OutcomeDateError(OUTCOME_IN_FUTURE)
    record = (
        Outcome.objects.select_for_update()
        .filter(enrolment=enrolment, follow_up=follow_up)
        .first()
    )
    old = (
        {
            "status": record.status,
            "recorded_on": record.recorded_on,
            "notes": record.notes,
        }
        if record
        else {}
    )
    if record is not None:
        old["confirmed"] = record.confirmed
    new = {
        "status": status,
        "recorded_on": recorded_on,
        "notes": notes,
        "confirmed": not self_reported,
    }
    changes = diff(old, new)
    if record is None and not self_reported:
        changes.pop("confirmed")
    if record is not None and not changes:
        return record
    # Outcomes are also locked by their own date, both the date they had and
    # the one they get.
    closed = locking_period(session=enrolment.session)
    amendment = closed is not None and (
        record is None or record.amends_period_id is not None
    )
    period_lock_check(
        session=None if amendment else enrolment.session,
        recorded_on=[recorded_on, *([record.recorded_on] if record else [])],
        error=RecordLocked,
    )
    if record is None:
        record = Outcome(enrolment=enrolment, follow_up=follow_up)
        if amendment:
            changes["amends_period"] = [None, closed.name]
    for field, value in new.items():
        setattr(record, field, value)
    record.amends_period = closed if amendment else None
    record.recorded_by = actor
    if self_reported:
        record.self_reported = True
        record.confirmed_by, record.confirmed_at = None, None
    elif record.confirmed_by_id is None:
        record.confirmed_by, record.confirmed_at = actor, timezone.now()
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="outcome.record",
        obj=record,
        enrolment=enrolment,
        changes=changes | {"follow_up": [None, follow_up]},
    )
    return record
