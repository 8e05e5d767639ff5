"""Attendance and employment outcomes, recorded by base staff."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import Attendance, Enrolment, Outcome
from training.services.audit import audit_record, diff
from training.services.periods import (
    PeriodLocked,
    locking_period,
    period_lock_check,
)

DAY_OUTSIDE_SESSION = _("That day is outside the session's dates.")
NOT_ATTENDING = _("Only enrolled or completed trainees have attendance.")
OUTCOME_TOO_EARLY = _("A follow-up can only be recorded after the session has ended.")
OUTCOME_NEEDS_ENROLMENT = _(
    "Outcomes are recorded for trainees who took part in the session."
)


class RecordError(Exception):
    pass


class RecordLocked(RecordError, PeriodLocked):
    """The record is dated in a closed reporting period."""


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
) -> Outcome:
    """Idempotent per enrolment and follow-up: recording again updates it,
    and the audit trail keeps the old value.

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
    if recorded_on < enrolment.session.ends_on:
        raise RecordError(OUTCOME_TOO_EARLY)
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
    new = {"status": status, "recorded_on": recorded_on, "notes": notes}
    changes = diff(old, new)
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
