"""Follow-ups at 3, 6 and 12 months: when each is due, who is due, what is
overdue.

Who is followed up is the people the federation dashboard counts at each
follow-up (federation/selectors/counting.py): trainees whose place in the
session has the status completed. Follow-up N is due N months after the
session's end date (`core.dates.add_months`). It is *overdue* when it fell
due more than OVERDUE_AFTER_DAYS days ago with no confirmed outcome; an
outcome a trainee reported themself counts once an instructor confirms it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import permissions as people
from accounts.models import User
from core.dates import add_months
from core.language import record_text
from training.models import Enrolment, Outcome, TrainingSession

FOLLOW_UPS = tuple(Outcome.FollowUp.values)
OVERDUE_AFTER_DAYS = 30


class State:
    NOT_DUE = "not_due"
    DUE = "due"
    OVERDUE = "overdue"
    REPORTED = "reported"
    DONE = "done"


STATE_LABELS = {
    State.NOT_DUE: _("Not due yet"),
    State.DUE: _("Due"),
    State.OVERDUE: _("Overdue"),
    State.REPORTED: _("Reported by the trainee, waiting for you to confirm"),
    State.DONE: _("Recorded"),
}


def follow_up_due_on(session: TrainingSession, months: int) -> datetime.date:
    return add_months(session.ends_on, months)


def follow_up_state(
    due_on: datetime.date, outcome: Outcome | None, today: datetime.date
) -> str:
    if outcome is not None:
        return State.DONE if outcome.confirmed else State.REPORTED
    if today < due_on:
        return State.NOT_DUE
    if (today - due_on).days > OVERDUE_AFTER_DAYS:
        return State.OVERDUE
    return State.DUE


@dataclass
class FollowUpCell:
    months: int
    due_on: datetime.date
    state: str
    outcome: Outcome | None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def is_due(self) -> bool:
        return self.state != State.NOT_DUE


@dataclass
class FollowUpRow:
    enrolment: Enrolment
    cells: dict[int, FollowUpCell] = field(default_factory=dict)

    @property
    def cell_list(self) -> list[FollowUpCell]:
        return [self.cells[n] for n in FOLLOW_UPS]


def followed_up(session: TrainingSession) -> QuerySet[Enrolment]:
    """The session's trainees who are followed up, with their outcomes."""
    return (
        session.enrolments.filter(status=Enrolment.Status.COMPLETED)
        .select_related("trainee")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.select_related("recorded_by", "confirmed_by"),
            )
        )
        .order_by("trainee__name", "trainee__email", "pk")
    )


def session_followups(
    session: TrainingSession, *, today: datetime.date
) -> list[FollowUpRow]:
    """One row per trainee followed up, with each follow-up's due date, state
    and outcome. Two queries whatever the cohort's size."""
    due = {n: follow_up_due_on(session, n) for n in FOLLOW_UPS}
    rows = []
    for enrolment in followed_up(session):
        outcomes = {o.follow_up: o for o in enrolment.outcomes.all()}
        row = FollowUpRow(enrolment)
        for n in FOLLOW_UPS:
            row.cells[n] = FollowUpCell(
                n,
                due[n],
                follow_up_state(due[n], outcomes.get(n), today),
                outcomes.get(n),
            )
        rows.append(row)
    return rows


@dataclass
class OverdueFollowUp:
    session_id: int
    session_name: str
    months: int
    due_on: datetime.date
    people: int

    @property
    def label(self) -> str:
        return str(Outcome.FollowUp(self.months).label)


def _overdue_cutoff(today: datetime.date) -> datetime.date:
    """Sessions ending after this cannot have an overdue follow-up: the first
    falls due at least 89 days after the end."""
    return today - datetime.timedelta(days=OVERDUE_AFTER_DAYS + 89)


def overdue_followups(user: User, *, today: datetime.date) -> list[OverdueFollowUp]:
    """Follow-ups more than OVERDUE_AFTER_DAYS past due in the sessions the
    person runs (their bases as instructor or manager; every base for
    federation admins), with how many people still have no confirmed
    outcome. Oldest first. One query."""
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.COMPLETED,
        session__ends_on__lte=_overdue_cutoff(today),
    ).exclude(session__status=TrainingSession.Status.CANCELLED)
    if not people.is_federation_admin(user):
        bases = people.base_ids_with_role(
            user, people.Role.INSTRUCTOR, people.Role.MANAGER
        )
        enrolments = enrolments.filter(session__base_id__in=bases)
    missing = {
        f"missing_{n}": Count(
            "pk",
            filter=~Q(
                Exists(
                    Outcome.objects.filter(
                        enrolment=OuterRef("pk"), follow_up=n, confirmed=True
                    )
                )
            ),
        )
        for n in FOLLOW_UPS
    }
    rows = (
        enrolments.values(
            "session_id", "session__name", "session__name_en", "session__ends_on"
        )
        .order_by()
        .annotate(**missing)
    )
    overdue = []
    for row in rows:
        for n in FOLLOW_UPS:
            due_on = add_months(row["session__ends_on"], n)
            late = (today - due_on).days > OVERDUE_AFTER_DAYS
            if late and row[f"missing_{n}"]:
                overdue.append(
                    OverdueFollowUp(
                        row["session_id"],
                        record_text(row["session__name"], row["session__name_en"]),
                        n,
                        due_on,
                        row[f"missing_{n}"],
                    )
                )
    overdue.sort(key=lambda item: (item.due_on, item.session_name, item.months))
    return overdue


def enrolment_for_trainee(pk: int, trainee: User) -> Enrolment | None:
    """The trainee's own completed place, for their follow-up report."""
    return (
        Enrolment.objects.select_related("session", "session__base")
        .filter(pk=pk, trainee=trainee, status=Enrolment.Status.COMPLETED)
        .first()
    )


def outcome_at(enrolment: Enrolment, months: int) -> Outcome | None:
    return Outcome.objects.filter(enrolment=enrolment, follow_up=months).first()
