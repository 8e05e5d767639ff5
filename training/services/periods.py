"""Reporting periods: an auditor closes one when its figures are final;
only a federation admin can reopen it. Creating, closing and reopening are
audited.

A period's published figures are those of the sessions that start in it, so
once it is closed none of them may change. We refuse, and keep amendments:

- Every record of a session that starts in a closed period is refused with
  PERIOD_LOCKED (which names the period and says a federation admin must
  reopen it): enrolments, attendance, completions, certificates, and any
  change to an outcome that was counted when the period closed. So is any
  outcome dated in a closed period, whichever session it belongs to. Every
  service that changes a locked record calls `period_lock_check` first.
- A follow-up is due up to 12 months after a session ends, so a new outcome
  for a session of a closed period, dated after the period, is normal. It
  is accepted as an *amendment* (`Outcome.amends_period`): shown apart on
  reconciliation ("Amendments after close") and left out of every published
  figure (`training.selectors.periods.outcomes_counted`). Reopening the
  period folds its amendments into the figures; closing it again locks the
  new state, and later outcomes are amendments again."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from accounts.permissions import is_auditor, is_federation_admin
from training.models import Outcome, ReportingPeriod, TrainingSession
from training.services.audit import audit_record
from training.services.figures import refresh_sessions

PERIOD_LOCKED = _(
    "This record belongs to the reporting period %(name)s, which was closed on "
    "%(date)s. A federation admin must reopen it before it can be changed."
)
PERIOD_NAME_REQUIRED = _("Give the period a name in Chinese.")
PERIOD_ENDS_BEFORE_START = _("The end date must be on or after the start date.")
PERIOD_OVERLAPS = _(
    "These dates overlap the period %(name)s (%(starts)s to %(ends)s). "
    "Reporting periods cannot overlap: choose other dates."
)
SESSIONS_NOT_ENDED = ngettext_lazy(
    "%(count)s session that starts in this period has not ended yet; it ends "
    "on %(date)s. Close the period after that date.",
    "%(count)s sessions that start in this period have not ended yet; the last "
    "one ends on %(date)s. Close the period after that date.",
    "count",
)
CREATE_NOT_ALLOWED = _(
    "Only auditors and federation admins can create a reporting period."
)
CLOSE_NOT_ALLOWED = _(
    "Only auditors and federation admins can close a reporting period."
)
REOPEN_NOT_ALLOWED = _("Only a federation admin can reopen a reporting period.")
REOPEN_REASON_REQUIRED = _(
    "Say why the period is being reopened. The reason is kept in the audit trail."
)


class PeriodError(Exception):
    pass


class PeriodLocked(PeriodError):
    """A write to a record in a closed period. Each service module raises a
    subclass that is also its own error class, so its views show the
    message without knowing about periods."""


def _day(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "DATE_FORMAT")


def locking_period(
    *,
    session: TrainingSession | None = None,
    recorded_on: datetime.date | Iterable[datetime.date] | None = None,
) -> ReportingPeriod | None:
    """The closed period that locks a session (by its start date) or an
    outcome (by its date), or None. One query, none when given nothing."""
    if isinstance(recorded_on, datetime.date):
        recorded_on = [recorded_on]
    days = [day for day in (recorded_on or ()) if day is not None]
    if session is not None:
        days.append(session.starts_on)
    if not days:
        return None
    during = Q()
    for day in days:
        during |= Q(starts_on__lte=day, ends_on__gte=day)
    return (
        ReportingPeriod.objects.filter(during, closed_at__isnull=False)
        .only("name", "name_en", "closed_at")
        .first()
    )


def period_lock_check(
    *,
    session: TrainingSession | None = None,
    recorded_on: datetime.date | Iterable[datetime.date] | None = None,
    error: type[Exception] = PeriodLocked,
) -> None:
    """Refuse (raise `error` with PERIOD_LOCKED) when the session starts in a
    closed period or any of the `recorded_on` dates falls in one."""
    period = locking_period(session=session, recorded_on=recorded_on)
    if period is not None:
        raise error(
            PERIOD_LOCKED
            % {"name": period.display_name, "date": _day(period.closed_at)}
        )


def _overlapping(
    starts_on: datetime.date, ends_on: datetime.date
) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()


@transaction.atomic
def period_create(
    *,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    actor: User,
    name_en: str = "",
) -> ReportingPeriod:
    """Auditors and federation admins. Periods may not overlap, so that a
    record belongs to at most one. The Chinese name is required; pages in
    English show `name_en`, or the Chinese name when it is blank."""
    if not (is_auditor(actor) or is_federation_admin(actor)):
        raise PeriodError(CREATE_NOT_ALLOWED)
    name, name_en = name.strip(), name_en.strip()
    if not name:
        raise PeriodError(PERIOD_NAME_REQUIRED)
    if ends_on < starts_on:
        raise PeriodError(PERIOD_ENDS_BEFORE_START)
    other = _overlapping(starts_on, ends_on)
    if other is not None:
        raise PeriodError(
            PERIOD_OVERLAPS
            % {
                "name": other.display_name,
                "starts": _day(other.starts_on),
                "ends": _day(other.ends_on),
            }
        )
    period = ReportingPeriod(
        name=name, name_en=name_en, starts_on=starts_on, ends_on=ends_on
    )
    period.full_clean()
    period.save()
    audit_record(
        actor=actor,
        action="period.create",
        obj=period,
        changes={
            "name": [None, name],
            **({"name_en": [None, name_en]} if name_en else {}),
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat()],
        },
    )
    return period


def sessions_not_ended(period: ReportingPeriod, *, today: datetime.date):
    """Sessions that start in the period and have not ended by `today`
    (cancelled ones never run, so they do not hold a period open)."""
    return TrainingSession.objects.filter(
        starts_on__gte=period.starts_on,
        starts_on__lte=period.ends_on,
        ends_on__gte=today,
    ).exclude(status=TrainingSession.Status.CANCELLED)


def _locked(period: ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod.objects.select_for_update().get(pk=period.pk)


@transaction.atomic
def period_close(*, period: ReportingPeriod, actor: User) -> ReportingPeriod:
    """Lock the period's records and figures: outcomes recorded for its
    sessions from now on are amendments. Idempotent: closing a closed period
    changes nothing and logs nothing."""
    if not (is_auditor(actor) or is_federation_admin(actor)):
        raise PeriodError(CLOSE_NOT_ALLOWED)
    period = _locked(period)
    if period.is_closed:
        return period
    today = timezone.localdate()
    running = sessions_not_ended(period, today=today).order_by("-ends_on")
    count = running.count()
    if count:
        raise PeriodError(
            SESSIONS_NOT_ENDED % {"count": count, "date": _day(running[0].ends_on)}
        )
    now = timezone.now()
    period.closed_at = now
    period.closed_by = actor
    period.save(update_fields=["closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action="period.close",
        obj=period,
        changes={"closed_at": [None, now.isoformat()]},
    )
    return period


@transaction.atomic
def period_reopen(
    *, period: ReportingPeriod, actor: User, reason: str
) -> ReportingPeriod:
    """Unlock a closed period, saying why, and fold its amendments into its
    figures (they are ordinary outcomes again). Idempotent: reopening an
    open period changes nothing and logs nothing."""
    if not is_federation_admin(actor):
        raise PeriodError(REOPEN_NOT_ALLOWED)
    reason = reason.strip()
    if not reason:
        raise PeriodError(REOPEN_REASON_REQUIRED)
    period = _locked(period)
    if not period.is_closed:
        return period
    old_closed_at = period.closed_at
    now = timezone.now()
    period.closed_at = None
    period.closed_by = None
    period.reopened_at = now
    period.reopened_by = actor
    period.reopen_reason = reason
    period.save(
        update_fields=[
            "closed_at",
            "closed_by",
            "reopened_at",
            "reopened_by",
            "reopen_reason",
        ]
    )
    amendments = Outcome.objects.filter(amends_period=period)
    sessions = set(amendments.values_list("enrolment__session_id", flat=True))
    folded = amendments.update(amends_period=None)
    refresh_sessions(sessions)  # the amendments count from now on
    changes = {
        "closed_at": [old_closed_at.isoformat(), None],
        "reopen_reason": [None, reason],
    }
    if folded:
        changes["amendments_folded_in"] = [None, folded]
    audit_record(actor=actor, action="period.reopen", obj=period, changes=changes)
    return period
