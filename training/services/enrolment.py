"""Enrolment: who gets a place, the waiting list, and status changes.

Only trainees take places. Federation staff (auditors, federation admins,
superusers) never do; a base's instructors and managers do not in that base's
sessions (they may train at another base, and count there as trainees).

Staff-initiated places (assisted enrolment, roster import) of a person who is
not yet *linked* to the base are *pending*. Linked means: a place at the base
that the person took or confirmed and that is not withdrawn (applied,
waiting, offered, enrolled, completed or not completed), or the base chosen as
home base on their profile (`training.permissions.linked_user_ids`). A pending
place holds no seat, is not counted by any figure, and does not let the base's
staff read the person's access needs, until the trainee confirms it on My
learning, or gives staff the place's one-time code in person. Confirming takes
a seat if one is free, otherwise a place on the waiting list."""

import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import Enrolment, TrainingSession
from training.permissions import (
    can_take_place,
    is_federation_staff,
    is_linked_to_base,
)
from training.services.audit import audit_record
from training.services.periods import PeriodLocked, period_lock_check
from training.signals import enrolment_status_changed

Status = Enrolment.Status

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.APPLIED: {Status.ENROLLED, Status.WAITLISTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.OFFERED, Status.ENROLLED, Status.WITHDRAWN},
    Status.OFFERED: {Status.ENROLLED, Status.WITHDRAWN},
    Status.ENROLLED: {Status.COMPLETED, Status.WITHDRAWN, Status.NOT_COMPLETED},
    Status.COMPLETED: set(),
    Status.WITHDRAWN: set(),
    Status.NOT_COMPLETED: set(),
    Status.PENDING: {Status.ENROLLED, Status.WAITLISTED, Status.WITHDRAWN},
}

ENROLMENT_CLOSED = _("Enrolment for this session is closed.")
SESSION_OVER = _("This session has finished or was cancelled.")
SESSION_CANCELLED = _("This session was cancelled, so no one can enrol in it.")
ENROLMENT_NOT_OPEN = _("Enrolment for this session opens on %(date)s.")
TRANSITION_REFUSED = _("An enrolment cannot go from “%(old)s” to “%(new)s”.")
STAFF_AT_BASE = _(
    "You are staff at this base, so you can preview the course but not take "
    "a place in its sessions."
)
FEDERATION_STAFF = _(
    "You are federation staff, so you can preview the course but not take a "
    "place in a session."
)
PERSON_IS_STAFF = _(
    "This person is staff at this base or at the federation, so they cannot "
    "take a trainee's place here."
)
AWAITING_TRAINEE = _(
    "This place is waiting for the trainee to confirm it. Ask them to confirm "
    "it on My learning, or type the code they read to you."
)
NOT_PENDING = _("This place is no longer waiting for confirmation.")
CODE_WRONG = _(
    "This code is not right. Ask the trainee to read the code on their My "
    "learning page again."
)
CODE_LOCKED = _(
    "Too many wrong codes for this place. Ask the trainee to confirm the place "
    "themself on their My learning page."
)
# Wrong codes allowed for one pending place before in-person confirmation stops.
CODE_MAX_FAILURES = 5
CODE_DIGITS = 6


class EnrolmentError(Exception):
    pass


class EnrolmentLocked(EnrolmentError, PeriodLocked):
    """The session starts in a closed reporting period."""


def _check_period(session: TrainingSession) -> None:
    period_lock_check(session=session, error=EnrolmentLocked)


def seats_taken(session: TrainingSession) -> int:
    return session.enrolments.filter(status__in=Enrolment.SEAT_HOLDING).count()


def session_lock_for_enrolment(session: TrainingSession) -> TrainingSession:
    """Lock the session row so that concurrent enrolments queue for its seats
    (PostgreSQL row lock; SQLite serialises writers anyway)."""
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def place_refusal(*, person: User, session: TrainingSession, assisted: bool) -> str:
    """Why this person cannot take a place in the session, or ""."""
    if can_take_place(person, session.base):
        return ""
    if assisted:
        return str(PERSON_IS_STAFF)
    return str(FEDERATION_STAFF if is_federation_staff(person) else STAFF_AT_BASE)


def enrolment_window_refusal(session: TrainingSession) -> str:
    """Why a trainee cannot enrol themself today (closed, not open yet,
    past the closing date), or "". Staff may still enrol people."""
    today = timezone.localdate()
    if session.enrolment_opens_on and today < session.enrolment_opens_on:
        return str(
            ENROLMENT_NOT_OPEN
            % {"date": date_format(session.enrolment_opens_on, "DATE_FORMAT")}
        )
    if not session.enrolment_open or (
        session.enrolment_closes_on and today > session.enrolment_closes_on
    ):
        return str(ENROLMENT_CLOSED)
    return ""


def enrolment_window_check(session: TrainingSession) -> None:
    refusal = enrolment_window_refusal(session)
    if refusal:
        raise EnrolmentError(refusal)


def confirmation_code_new() -> str:
    """Six digits, easy to read aloud."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _seat_or_waitlist(session: TrainingSession) -> str:
    return (
        Status.ENROLLED
        if seats_taken(session) < session.capacity
        else Status.WAITLISTED
    )


def enrolment_create(
    *, trainee: User, session: TrainingSession, actor: User
) -> Enrolment:
    """Enrol a trainee, or put them on the waiting list when the session is
    full. Idempotent: asking twice returns the same enrolment. `actor` is the
    trainee themself or a staff member enrolling on their behalf."""
    try:
        with transaction.atomic():
            session = session_lock_for_enrolment(session)
            existing = Enrolment.objects.filter(
                trainee=trainee, session=session
            ).first()
            if existing is not None:
                return existing
            _check_period(session)
            if session.status == TrainingSession.Status.CANCELLED:
                raise EnrolmentError(SESSION_CANCELLED)
            if session.status == TrainingSession.Status.FINISHED:
                raise EnrolmentError(SESSION_OVER)
            assisted = actor.pk != trainee.pk
            refusal = place_refusal(person=trainee, session=session, assisted=assisted)
            if refusal:
                raise EnrolmentError(refusal)
            if not assisted:
                enrolment_window_check(session)
            if assisted and not is_linked_to_base(trainee, session.base):
                status = Status.PENDING
            elif session.approval_required and not assisted:
                status = Status.APPLIED
            else:
                status = _seat_or_waitlist(session)
            enrolment = Enrolment(
                trainee=trainee,
                session=session,
                status=status,
                enrolled_by=actor if assisted else None,
                status_changed_at=timezone.now(),
                confirmation_code=(
                    confirmation_code_new() if status == Status.PENDING else ""
                ),
            )
            enrolment.full_clean()
            enrolment.save()
            audit_record(
                actor=actor,
                action="enrolment.create",
                obj=enrolment,
                enrolment=enrolment,
                changes={"status": [None, status], "assisted": [None, assisted]},
            )
            _status_changed_send(enrolment, None, status, actor)
            return enrolment
    except IntegrityError:
        # A concurrent identical request won the race: return its enrolment.
        return Enrolment.objects.get(trainee=trainee, session=session)


def offer_deadline() -> datetime.datetime:
    """When a place offered now lapses (settings.OFFER_HOURS, default 72)."""
    hours = int(getattr(settings, "OFFER_HOURS", 72))
    return timezone.now() + datetime.timedelta(hours=hours)


def _status_changed_send(
    enrolment: Enrolment, old: str | None, new: str, actor: User | None
) -> None:
    """Tell listeners (training/notices.py) once the change is committed."""
    transaction.on_commit(
        lambda: enrolment_status_changed.send(
            sender=Enrolment,
            enrolment=enrolment,
            old_status=old,
            new_status=new,
            actor=actor,
        )
    )


def enrolment_status_change(
    *, enrolment: Enrolment, status: str, actor: User | None, **fields
) -> Enrolment:
    """Move an enrolment to another status if the table above allows it,
    setting `fields` with it, and audit the change. Call inside the lock.
    A place offered from the waiting list gets its deadline here."""
    old, new = enrolment.status, status
    if new not in ALLOWED_TRANSITIONS[old]:
        raise EnrolmentError(
            TRANSITION_REFUSED % {"old": Status(old).label, "new": Status(new).label}
        )
    if new == Status.OFFERED and "offer_expires_at" not in fields:
        fields["offer_expires_at"] = offer_deadline()
    enrolment.status = new
    enrolment.status_changed_at = timezone.now()
    for field, value in fields.items():
        setattr(enrolment, field, value)
    enrolment.save()
    changes = {"status": [old, new]} | {f: [None, str(v)] for f, v in fields.items()}
    audit_record(
        actor=actor,
        action="enrolment.status",
        obj=enrolment,
        enrolment=enrolment,
        changes=changes,
    )
    _status_changed_send(enrolment, old, new, actor)
    return enrolment


def _fresh(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_related("session").get(pk=enrolment.pk)


@transaction.atomic
def enrolment_accept(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """An instructor accepts an application: a place if there is one."""
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    if enrolment.status == Status.PENDING:
        raise EnrolmentError(AWAITING_TRAINEE)
    _check_period(session)
    return enrolment_status_change(
        enrolment=enrolment, status=_seat_or_waitlist(session), actor=actor
    )


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Withdraw; a freed seat is offered to the first on the waiting list."""
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    if enrolment.status == Status.WITHDRAWN:
        return enrolment
    _check_period(session)
    held_seat = enrolment.status in Enrolment.SEAT_HOLDING
    enrolment_status_change(
        enrolment=enrolment,
        status=Status.WITHDRAWN,
        actor=actor,
        **({"confirmation_code": ""} if enrolment.confirmation_code else {}),
    )
    if held_seat:
        waitlist_offer_next(session=session, actor=actor)
    return enrolment


def waitlist_offer_next(
    *, session: TrainingSession, actor: User | None
) -> Enrolment | None:
    """Offer a free seat to whoever has waited longest. Call inside the lock."""
    if seats_taken(session) >= session.capacity:
        return None
    first = (
        session.enrolments.filter(status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    return enrolment_status_change(enrolment=first, status=Status.OFFERED, actor=actor)


@transaction.atomic
def enrolment_offer_respond(
    *, enrolment: Enrolment, accept: bool, actor: User
) -> Enrolment:
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    if enrolment.status == Status.PENDING:
        return _pending_settle(
            enrolment=enrolment, confirm=accept, actor=actor, how="trainee"
        )
    _check_period(session)
    if accept:
        return enrolment_status_change(
            enrolment=enrolment, status=Status.ENROLLED, actor=actor
        )
    enrolment_status_change(enrolment=enrolment, status=Status.WITHDRAWN, actor=actor)
    waitlist_offer_next(session=session, actor=actor)
    return enrolment


@transaction.atomic
def enrolment_close(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """At the end of a session, an enrolment that did not finish the course."""
    enrolment = _fresh(enrolment)
    _check_period(enrolment.session)
    return enrolment_status_change(
        enrolment=enrolment,
        status=Status.NOT_COMPLETED,
        actor=actor,
        final_result=Enrolment.Result.NOT_PASSED,
    )


def _pending_settle(
    *, enrolment: Enrolment, confirm: bool, actor: User, how: str
) -> Enrolment:
    """Confirm (a seat or the waiting list) or decline a pending place. Call
    inside the lock, with a fresh enrolment."""
    if enrolment.status != Status.PENDING:
        return enrolment
    if confirm:
        _check_period(enrolment.session)
        status = _seat_or_waitlist(enrolment.session)
    else:
        status = Status.WITHDRAWN
    return enrolment_status_change(
        enrolment=enrolment,
        status=status,
        actor=actor,
        confirmation_code="",
        confirmed_by=how,
    )


@transaction.atomic
def enrolment_pending_respond(
    *, enrolment: Enrolment, confirm: bool, actor: User
) -> Enrolment:
    """The trainee confirms or declines a place staff made for them.
    Idempotent: a place that is no longer pending is returned unchanged."""
    session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    if enrolment.trainee_id != actor.pk:
        raise EnrolmentError(NOT_PENDING)
    return _pending_settle(
        enrolment=enrolment, confirm=confirm, actor=actor, how="trainee"
    )


def enrolment_pending_confirm_code(
    *, enrolment: Enrolment, code: str, actor: User
) -> Enrolment:
    """Staff confirm a pending place in person with the code the trainee reads
    from My learning. Constant-time comparison; after CODE_MAX_FAILURES wrong
    codes the place can only be confirmed by the trainee. A wrong code is
    counted (and audited) even though the call then refuses."""
    with transaction.atomic():
        session_lock_for_enrolment(enrolment.session)
        enrolment = _fresh(enrolment)
        if enrolment.status != Status.PENDING:
            return enrolment
        if enrolment.confirmation_failures >= CODE_MAX_FAILURES:
            error = CODE_LOCKED
        elif enrolment.confirmation_code and secrets.compare_digest(
            code.strip().encode(), enrolment.confirmation_code.encode()
        ):
            return _pending_settle(
                enrolment=enrolment, confirm=True, actor=actor, how="code"
            )
        else:
            enrolment.confirmation_failures += 1
            enrolment.save(update_fields=["confirmation_failures"])
            audit_record(
                actor=actor,
                action="enrolment.code_wrong",
                obj=enrolment,
                enrolment=enrolment,
                changes={"failures": [None, enrolment.confirmation_failures]},
            )
            error = (
                CODE_LOCKED
                if enrolment.confirmation_failures >= CODE_MAX_FAILURES
                else CODE_WRONG
            )
    raise EnrolmentError(error)
