"""Follow-ups as a workflow: a whole cohort's outcomes entered at once, a
trainee's report of their own status, and an instructor confirming it.
Every rule about what may be recorded (due dates, closed periods) is
outcome_record's (training/services/records.py)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import Enrolment, Outcome
from training.services.audit import audit_record
from training.services.periods import locking_period, period_lock_check
from training.services.records import RecordError, RecordLocked, outcome_record

NOT_YOUR_PLACE = _("You can only report your own follow-up.")
NOT_FOLLOWED_UP = _("Follow-ups are for trainees who completed the session.")
ALREADY_CONFIRMED = _(
    "Your instructor has already recorded this follow-up. Ask them if it has changed."
)
NOTHING_TO_CONFIRM = _("There is no report from the trainee to confirm.")


class FollowUpError(RecordError):
    pass


@dataclass
class OutcomeRow:
    """One trainee's row of the bulk form."""

    enrolment: Enrolment
    status: str
    recorded_on: datetime.date
    notes: str = ""
    confirm: bool = False


class BulkOutcomeError(FollowUpError):
    """Some rows were refused, so none was saved. `errors` maps an enrolment's
    pk to its row's error."""

    def __init__(self, errors: dict[int, RecordError]):
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def outcomes_record_bulk(
    *, follow_up: int, rows: Iterable[OutcomeRow], actor: User
) -> list[Outcome]:
    """A cohort's follow-up, all or nothing: every row goes through
    outcome_record (and outcome_confirm when ticked); if any row is refused,
    BulkOutcomeError names each refused row and nothing is saved. Unchanged
    rows are neither saved nor audited again."""
    errors: dict[int, RecordError] = {}
    saved = []
    for row in rows:
        try:
            with transaction.atomic():
                outcome = _record_row(row, follow_up=follow_up, actor=actor)
        except RecordError as error:
            errors[row.enrolment.pk] = error
        else:
            saved.append(outcome)
    if errors:
        raise BulkOutcomeError(errors)
    return saved


def _record_row(row: OutcomeRow, *, follow_up: int, actor: User) -> Outcome:
    """A trainee's report left as it is stays waiting unless its box is
    ticked; changed, it becomes the instructor's own (confirmed) outcome."""
    report = Outcome.objects.filter(
        enrolment=row.enrolment, follow_up=follow_up, confirmed=False
    ).first()
    if report is not None and (report.status, report.recorded_on, report.notes) == (
        row.status,
        row.recorded_on,
        row.notes,
    ):
        return outcome_confirm(outcome=report, actor=actor) if row.confirm else report
    return outcome_record(
        enrolment=row.enrolment,
        follow_up=follow_up,
        status=row.status,
        recorded_on=row.recorded_on,
        notes=row.notes,
        actor=actor,
    )


@transaction.atomic
def outcome_self_report(
    *,
    enrolment: Enrolment,
    follow_up: int,
    status: str,
    actor: User,
    notes: str = "",
) -> Outcome:
    """The trainee's own status at a follow-up, dated today. It counts in
    reports once an instructor confirms it; until then the trainee may
    change it. An outcome staff recorded or confirmed is not replaced."""
    if actor.pk != enrolment.trainee_id:
        raise FollowUpError(NOT_YOUR_PLACE)
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise FollowUpError(NOT_FOLLOWED_UP)
    existing = Outcome.objects.filter(
        enrolment=enrolment, follow_up=follow_up, confirmed=True
    ).exists()
    if existing:
        raise FollowUpError(ALREADY_CONFIRMED)
    return outcome_record(
        enrolment=enrolment,
        follow_up=follow_up,
        status=status,
        recorded_on=timezone.localdate(),
        notes=notes,
        actor=actor,
        self_reported=True,
    )


@transaction.atomic
def outcome_confirm(*, outcome: Outcome, actor: User) -> Outcome:
    """An instructor confirms a trainee's report, so reports count it.
    Idempotent. Refused, like any change, when it would change a closed
    period's figures (an amendment may still be confirmed)."""
    outcome = (
        Outcome.objects.select_for_update()
        .select_related("enrolment__session")
        .get(pk=outcome.pk)
    )
    if outcome.confirmed:
        return outcome
    if not outcome.self_reported:
        raise FollowUpError(NOTHING_TO_CONFIRM)
    session = outcome.enrolment.session
    amendment = (
        outcome.amends_period_id is not None or locking_period(session=session) is None
    )
    period_lock_check(
        session=None if amendment else session,
        recorded_on=outcome.recorded_on,
        error=RecordLocked,
    )
    outcome.confirmed = True
    outcome.confirmed_by = actor
    outcome.confirmed_at = timezone.now()
    outcome.full_clean()
    outcome.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
    audit_record(
        actor=actor,
        action="outcome.confirm",
        obj=outcome,
        enrolment=outcome.enrolment,
        changes={
            "confirmed": [False, True],
            "follow_up": [None, outcome.follow_up],
        },
    )
    return outcome
