"""What the federation's figures count: the definitions, the filters, which
sessions and enrolments are counted, and as of which day.

The dashboard (federation.selectors.dashboard) reads them from the kept
figures; the session page and reconciliation count some from the records.

Definitions (shown on the dashboard in words, see _definitions.html). Each
figure counts either *places* (a person's place in one session) or *people*
(each person once):
- A session is *held* in a period when it starts in the period and was not
  cancelled. Sessions are not people: their count is exact.
- An *enrolment* (places) is a trainee's place in a held session that they
  took up: status enrolled, completed or did not complete. Applications,
  waiting-list places, offers and withdrawals are not enrolments. A *staff
  place* is never counted: an enrolment whose person holds, when the figures
  are counted, a staff role at the session's base (instructor, manager), any
  federation-wide role (auditor, federation admin), or is a superuser. Staff
  at base A who train at base B count for B only. Every figure below is made
  of counted enrolments only (`counted_q`).
- A *trainee* (people) is a person with at least one enrolment, counted once
  however many sessions they took.
- A *completion* (places) is an enrolment with status completed;
  *certified* (places): an enrolment with a certificate.
- Completion and certification rates (places) count only enrolments in
  sessions that have ended (end date before today).
- *In work at N months* (people): each person is counted once per course,
  over their completions of that course whose N-month follow-up is due
  (session ended at least N months ago); their outcome is the latest one
  recorded at that follow-up across those completions (latest recorded date,
  then the latest record). Employed or self-employed counts as in work; no
  outcome counts as not in work. Only confirmed outcomes count: a trainee's
  own report counts once an instructor confirms it. The denominator is those people. A person
  is counted in the session of their latest due completion of the course.
- *New businesses* (people): the same population as in work at 3 months
  (people, once per course, with a completion whose first follow-up is due),
  whose latest outcome at any follow-up is self-employed or started a
  business. People who did not complete are not counted.
- Disability categories come from trainees' recorded access needs (given with
  consent); a person may be in several categories, so rows need not add up
  to the total. "Not recorded" = no needs recorded.
"""

import datetime
from dataclasses import asdict, dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import DisabilityCategory
from core.dates import add_months
from training.models import Enrolment, Outcome, ReportingPeriod, TrainingSession
from training.selectors import periods as period_selectors
from training.selectors.figures import counted_q

Status = Enrolment.Status
COUNTED = (Status.ENROLLED, Status.COMPLETED, Status.NOT_COMPLETED)
WORKING = (Outcome.Status.EMPLOYED, Outcome.Status.SELF_EMPLOYED)
FOLLOW_UPS = (3, 6, 12)
NOT_RECORDED = "not_recorded"
CATEGORY_CHOICES = [
    *DisabilityCategory.choices,
    (NOT_RECORDED, _("Not recorded")),
]

SESSION_KEYS = ["sessions"]
ENROLMENT_KEYS = [
    "enrolments",
    "trainees",
    "ended",
    "completions",
    "completions_ended",
    "certified",
    "certified_ended",
    *(f"due_{n}" for n in FOLLOW_UPS),
]
OUTCOME_KEYS = [*(f"employed_{n}" for n in FOLLOW_UPS), "businesses"]
KEYS = SESSION_KEYS + ENROLMENT_KEYS + OUTCOME_KEYS
# (name, numerator, denominator)
RATES = [
    ("completion_rate", "completions_ended", "ended"),
    ("certification_rate", "certified_ended", "ended"),
    *((f"employment_{n}", f"employed_{n}", f"due_{n}") for n in FOLLOW_UPS),
]


@dataclass(frozen=True)
class Filters:
    """The dashboard's state, all of it from the query string."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    base: int | None = None
    course: int | None = None
    skill_area: str = ""
    delivery_mode: str = ""
    category: str = ""
    session: int | None = None

    def session_q(self, prefix: str = "") -> Q:
        q = ~Q(**{f"{prefix}status": TrainingSession.Status.CANCELLED})
        if self.date_from:
            q &= Q(**{f"{prefix}starts_on__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{prefix}starts_on__lte": self.date_to})
        if self.base:
            q &= Q(**{f"{prefix}base_id": self.base})
        if self.course:
            q &= Q(**{f"{prefix}course_id": self.course})
        if self.skill_area:
            q &= Q(**{f"{prefix}course__skill_area": self.skill_area})
        if self.delivery_mode:
            q &= Q(**{f"{prefix}delivery_mode": self.delivery_mode})
        if self.session:
            q &= Q(**{f"{prefix}pk": self.session})
        return q

    def chooses_sessions(self) -> bool:
        """True when the filters leave out some of a person's places (by
        date, base, course, skill area, delivery mode or session); a
        category chooses people, with all their places."""
        return bool(
            self.date_from
            or self.date_to
            or self.base
            or self.course
            or self.skill_area
            or self.delivery_mode
            or self.session
        )

    def person_q(self, prefix: str = "trainee__") -> Q:
        return category_q(self.category, prefix) if self.category else Q()

    def as_dict(self) -> dict[str, str]:
        """Only the filters in use, as query-string values."""
        return {
            key: value.isoformat() if isinstance(value, datetime.date) else str(value)
            for key, value in asdict(self).items()
            if value not in (None, "")
        }


def category_q(category: str, prefix: str = "trainee__") -> Q:
    if category == NOT_RECORDED:
        return Q(**{f"{prefix}access_needs__isnull": True})
    return Q(**{f"{prefix}access_needs__{category}": True})


# The building blocks -------------------------------------------------------------


# staff_place_q and counted_q (which enrolments count) live in
# training.selectors.figures, shared with the summary kept by training.


def _pair_due(cutoff: datetime.date) -> QuerySet[Enrolment]:
    """The counted completions of the outer enrolment's person and course
    whose follow-up is due by `cutoff`."""
    return Enrolment.objects.filter(
        counted_q(),
        trainee=OuterRef("trainee"),
        session__course=OuterRef("session__course"),
        status=Status.COMPLETED,
        session__ends_on__lte=cutoff,
    )


def person_aliases(today: datetime.date) -> dict:
    """Per enrolment, for each follow-up: whether a later due completion of
    the same person and course exists (then this one is not the person's
    representative), and the person's latest outcome at that follow-up across
    their due completions of the course."""
    aliases = {}
    for n in FOLLOW_UPS:
        cutoff = add_months(today, -n)
        aliases[f"later_{n}"] = Exists(
            _pair_due(cutoff).filter(
                Q(session__ends_on__gt=OuterRef("session__ends_on"))
                | Q(
                    session__ends_on=OuterRef("session__ends_on"), pk__gt=OuterRef("pk")
                )
            )
        )
        aliases[f"latest_{n}"] = Subquery(
            # Part C (#11 item 5): amendments to closed periods are left out.
            period_selectors.outcomes_counted()
            .filter(
                counted_q("enrolment__"),
                follow_up=n,
                enrolment__trainee=OuterRef("trainee"),
                enrolment__session__course=OuterRef("session__course"),
                enrolment__status=Status.COMPLETED,
                enrolment__session__ends_on__lte=cutoff,
            )
            .order_by("-recorded_on", "-pk")
            .values("status")[:1]
        )
    return aliases


def due_person_q(n: int, today: datetime.date) -> Q:
    """The enrolment is a person's representative completion for follow-up n:
    due, and their latest due completion of the course."""
    return Q(
        status=Status.COMPLETED,
        session__ends_on__lte=add_months(today, -n),
        **{f"later_{n}": False},
    )


def sessions_with_place() -> QuerySet[TrainingSession]:
    """Sessions with their base and course, for a session's own page."""
    return TrainingSession.objects.select_related("base", "course")


def sessions_held(filters: Filters) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(filters.session_q())


def enrolments_counted(filters: Filters) -> QuerySet[Enrolment]:
    """The one definition of counted enrolments (`counted_q`: no staff
    places) within `filters`."""
    return Enrolment.objects.filter(
        filters.session_q("session__"), filters.person_q(), counted_q()
    )


def closed_as_of(filters: Filters) -> datetime.date | None:
    """The day a closed reporting period was closed, when the filters' dates
    (or the one session they name) lie within it. Its figures are counted as
    of that day (which follow-ups were due, which sessions had ended), so time
    passing changes none of them; records that came later are amendments
    (training.selectors.periods)."""
    if filters.session:
        starts = TrainingSession.objects.filter(pk=filters.session).values("starts_on")
        within = Q(starts_on__lte=Subquery(starts), ends_on__gte=Subquery(starts))
    elif filters.date_from and filters.date_to:
        within = Q(starts_on__lte=filters.date_from, ends_on__gte=filters.date_to)
    else:
        return None
    closed = (
        ReportingPeriod.objects.filter(within, closed_at__isnull=False)
        .order_by("closed_at")
        .values_list("closed_at", flat=True)
        .first()
    )
    return timezone.localdate(closed) if closed else None


def closed_as_of_among(
    periods, date_from: datetime.date, date_to: datetime.date
) -> datetime.date | None:
    """closed_as_of for dates from `date_from` to `date_to`, from reporting
    periods already read (a page that lists them all): no query."""
    closed = [
        period.closed_at
        for period in periods
        if period.closed_at is not None
        and period.starts_on <= date_from
        and period.ends_on >= date_to
    ]
    return timezone.localdate(min(closed)) if closed else None


def with_closed_on(sessions: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    """The sessions with `period_closed_at`: when the first closed reporting
    period their start lies in was closed (closed_as_of for a session), read
    with the session instead of in a query of its own."""
    return sessions.annotate(
        period_closed_at=Subquery(
            ReportingPeriod.objects.filter(
                starts_on__lte=OuterRef("starts_on"),
                ends_on__gte=OuterRef("starts_on"),
                closed_at__isnull=False,
            )
            .order_by("closed_at")
            .values("closed_at")[:1]
        )
    )


def session_as_of(session: TrainingSession) -> datetime.date:
    """The day a session's figures are counted as of (as_of), from a
    session read with with_closed_on."""
    closed = session.period_closed_at
    return timezone.localdate(closed) if closed else timezone.localdate()


def as_of(filters: Filters, today: datetime.date | None) -> datetime.date:
    """The day the figures for `filters` are counted as of: `today` when
    given, else the day the closed period they lie in was closed, else
    today."""
    return today or closed_as_of(filters) or timezone.localdate()
