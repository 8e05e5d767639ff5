"""Reconciliation: a base's own session records, counted straight from the
rows, against the federation totals, and the records that do not add up.

The checks, each a database query (the page shows these words):

- *Completion without enrolment*: an enrolment whose completion date is set
  while its status is not completed, or whose status is completed with no
  completion date. Either the completion was recorded on an enrolment that
  no longer holds a place (withdrawn, waiting list, ...), or the status was
  set by hand without the completion being recorded.
- *Certificate without completion*: a certificate whose enrolment's status
  is not completed.
- *Outcome recorded before the session ended*: a follow-up outcome dated
  before the session's end date.
- *Session over capacity*: more enrolments that hold a place (enrolled,
  offered a place, completed) than the session has places.
- *Outcome changed after the period was closed*: an `outcome.record` or
  `outcome.confirm` entry in the audit trail made after the period was first
  closed, for an outcome dated (now) in the period. Such edits happen while a federation admin has
  reopened the period, or by writing around the services.

The first three and the fourth look at the sessions that start in the
period; the fifth at outcomes dated in it, whichever session they belong to.
Every function runs a fixed number of queries whatever the data size.

Apart from the checks, *amendments after close*: outcomes recorded for the
period's sessions after it was closed, which its figures leave out until a
federation admin reopens it (training/services/periods.py)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.models import TrainingBase
from core.language import record_text
from federation.selectors import counting, dashboard
from training.models import (
    AuditEntry,
    Certificate,
    Enrolment,
    Outcome,
    ReportingPeriod,
    TrainingSession,
)
from training.services.periods import sessions_not_ended

Status = Enrolment.Status


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    definition: str
    advice: str


CHECKS = [
    Check(
        "completion_without_enrolment",
        _("Completions without enrolment"),
        _(
            "Enrolments with a completion date whose status is not completed, "
            "or completed with no completion date."
        ),
        _(
            "Ask the base to check each trainee's status on the session's roster "
            "and whether they really finished the course."
        ),
    ),
    Check(
        "certificate_without_completion",
        _("Certificates without completion"),
        _("Certificates whose enrolment's status is not completed."),
        _(
            "Ask the base whether the trainee completed the course. If not, the "
            "certificate was issued in error."
        ),
    ),
    Check(
        "outcome_before_end",
        _("Outcomes recorded before the session ended"),
        _("Follow-up outcomes dated before the session's end date."),
        _("Ask the base to check the date each follow-up was found out."),
    ),
    Check(
        "over_capacity",
        _("Sessions over capacity"),
        _(
            "Sessions with more enrolments that hold a place (enrolled, offered "
            "a place, completed) than places."
        ),
        _(
            "Ask the base how the extra trainees were enrolled (for example by "
            "an import) and whether the session really had more places."
        ),
    ),
    Check(
        "outcome_edited_after_close",
        _("Outcomes changed after the period was closed"),
        _(
            "Changes to follow-up outcomes dated in the period, made after the "
            "period was first closed."
        ),
        _(
            "Compare the change with the figures reported when the period was "
            "closed, in the audit trail, and ask the base why it was made."
        ),
    ),
]
CHECK_KEYS = [check.key for check in CHECKS]


def periods() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("closed_by", "reopened_by")


def _in_period(period: ReportingPeriod, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}starts_on__gte": period.starts_on,
            f"{prefix}starts_on__lte": period.ends_on,
        }
    )


def _first_close(period: ReportingPeriod) -> Subquery:
    return Subquery(
        AuditEntry.objects.filter(
            action="period.close",
            object_type=ReportingPeriod._meta.model_name,
            object_id=period.pk,
        )
        .order_by("at")
        .values("at")[:1]
    )


def _seats() -> Subquery:
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(
                session=OuterRef("pk"), status__in=Enrolment.SEAT_HOLDING
            )
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _problems(period: ReportingPeriod) -> dict[str, tuple[QuerySet, str, str]]:
    """check -> (problem records, path to their session, path to their base).
    Over capacity is a property of sessions, so its records are sessions."""
    completion_mismatch = Q(completed_at__isnull=False) & ~Q(
        status=Status.COMPLETED
    ) | Q(status=Status.COMPLETED, completed_at__isnull=True)
    return {
        "completion_without_enrolment": (
            Enrolment.objects.filter(
                _in_period(period, "session__"), completion_mismatch
            ),
            "session",
            "session__base",
        ),
        "certificate_without_completion": (
            Certificate.objects.filter(
                _in_period(period, "enrolment__session__")
            ).exclude(enrolment__status=Status.COMPLETED),
            "enrolment__session",
            "enrolment__session__base",
        ),
        "outcome_before_end": (
            Outcome.objects.filter(
                _in_period(period, "enrolment__session__"),
                recorded_on__lt=F("enrolment__session__ends_on"),
            ),
            "enrolment__session",
            "enrolment__session__base",
        ),
        "over_capacity": (
            TrainingSession.objects.filter(_in_period(period))
            .annotate(seats=_seats())
            .filter(seats__gt=F("capacity")),
            "pk",
            "base",
        ),
        "outcome_edited_after_close": (
            AuditEntry.objects.filter(
                # Confirming a trainee's report changes the figures too.
                action__in=("outcome.record", "outcome.confirm"),
                object_type=Outcome._meta.model_name,
                at__gt=_first_close(period),
                object_id__in=Outcome.objects.filter(
                    recorded_on__gte=period.starts_on,
                    recorded_on__lte=period.ends_on,
                ).values("pk"),
            ),
            "session",
            "base",
        ),
    }


def _count_per_base(records: QuerySet, base_path: str) -> Coalesce:
    return Coalesce(
        Subquery(
            records.filter(**{base_path: OuterRef("pk")})
            .order_by()
            .values(base_path)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def bases_with_flags(period: ReportingPeriod) -> list[TrainingBase]:
    """Every base with one count per check (`flag_<key>`) and their sum
    (`flags`), for the period. One query."""
    annotations = {
        f"flag_{key}": _count_per_base(records, base_path)
        for key, (records, _session, base_path) in _problems(period).items()
    }
    bases = list(
        TrainingBase.objects.annotate(
            **annotations,
            sessions_in_period=_count_per_base(
                TrainingSession.objects.filter(_in_period(period)), "base"
            ),
        ).order_by("name", "pk")
    )
    for base in bases:
        base.flags = sum(getattr(base, f"flag_{key}") for key in CHECK_KEYS)
    return bases


# One base ------------------------------------------------------------------------


def base_sessions(base: TrainingBase, period: ReportingPeriod) -> list[TrainingSession]:
    """The base's sessions that start in the period, each with its own
    records counted straight from the rows: `enrolled` (enrolled, completed
    or did not complete), `completed`, `certified` (certificates, whatever
    the enrolment's status) and `seats` (enrolments holding a place), and
    the dashboard's places for it (`kept_enrolments`, `kept_completions`,
    `kept_certified`: dashboard.kept_places). One query."""
    counted = Q(enrolments__status__in=counting.COUNTED)
    return list(
        TrainingSession.objects.filter(_in_period(period), base=base)
        .annotate(
            **dashboard.kept_places(),
            enrolled=Count("enrolments", filter=counted),
            completed=Count(
                "enrolments", filter=Q(enrolments__status=Status.COMPLETED)
            ),
            certified=Count("enrolments__certificate"),
            seats=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)
            ),
        )
        .order_by("starts_on", "name", "pk")
    )


@dataclass
class FlagRow:
    session_id: int | None
    session_name: str
    starts_on: datetime.date | None
    count: int
    capacity: int | None = None
    seats: int | None = None


@dataclass
class Flag:
    check: Check
    rows: list[FlagRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def base_flags(
    base: TrainingBase, period: ReportingPeriod, sessions: list[TrainingSession]
) -> list[Flag]:
    """Each check with the base's sessions it found and a count per session.
    Over capacity comes from `sessions` (base_sessions); the others are one
    query together (each check's records grouped by session, united)."""
    problems = _problems(period)
    grouped = [
        records.filter(**{base_path: base.pk})
        .order_by()
        .annotate(
            check=Value(key),
            row_session=F(f"{session_path}__id"),
            row_name=F(f"{session_path}__name"),
            row_name_en=F(f"{session_path}__name_en"),
            row_starts_on=F(f"{session_path}__starts_on"),
        )
        .values("check", "row_session", "row_name", "row_name_en", "row_starts_on")
        .annotate(n=Count("pk"))
        for key, (records, session_path, base_path) in problems.items()
        if key != "over_capacity"
    ]
    found: dict[str, list[FlagRow]] = {key: [] for key in CHECK_KEYS}
    for item in grouped[0].union(*grouped[1:], all=True):
        found[item["check"]].append(
            FlagRow(
                item["row_session"],
                record_text(item["row_name"] or "", item["row_name_en"] or ""),
                item["row_starts_on"],
                item["n"],
            )
        )
    found["over_capacity"] = [
        FlagRow(
            s.pk,
            s.display_name,
            s.starts_on,
            s.seats - s.capacity,
            capacity=s.capacity,
            seats=s.seats,
        )
        for s in sessions
        if s.seats > s.capacity
    ]
    flags = []
    for check in CHECKS:
        rows = found[check.key]
        if check.key != "over_capacity":
            rows.sort(
                key=lambda row: (row.starts_on or datetime.date.min, row.session_name)
            )
        flags.append(Flag(check, rows))
    return flags


COMPARED = [
    # (key in the base's sums, label, key in dashboard.totals)
    ("sessions", _("Sessions held"), "sessions"),
    ("enrolled", _("Enrolled"), "enrolments"),
    ("completed", _("Completed"), "completions"),
    ("certified", _("Certified"), "certified"),
]


@dataclass
class Comparison:
    key: str
    label: str
    base: int
    federation: int

    @property
    def difference(self) -> int:
        return self.base - self.federation

    @property
    def difference_abs(self) -> int:
        return abs(self.difference)


def comparison(
    base: TrainingBase, period: ReportingPeriod, sessions: list[TrainingSession]
) -> list[Comparison]:
    """The base's own records summed over its sessions held in the period
    (not cancelled) against the dashboard's totals for the base and period:
    the sessions it holds (dashboard.sessions_held: the same sessions) and
    their places as it keeps them (`kept_*`, read with `sessions` by
    base_sessions). Places do not depend on the day, so no closed period
    changes them. No query."""
    held = [s for s in sessions if s.status != TrainingSession.Status.CANCELLED]
    sums = {
        "sessions": len(held),
        "enrolled": sum(s.enrolled for s in held),
        "completed": sum(s.completed for s in held),
        "certified": sum(s.certified for s in held),
    }
    totals = {
        "sessions": len(held),
        **{
            key: sum(getattr(s, f"kept_{key}") for s in held)
            for key in dashboard.KEPT_PLACES
        },
    }
    return [
        Comparison(key, label, sums[key], totals[total_key])
        for key, label, total_key in COMPARED
    ]


def amendments(
    period: ReportingPeriod, *, base: TrainingBase | None = None
) -> list[Outcome]:
    """The outcomes amending the closed period (of one base, or all), with
    their session, base and who recorded them; never the trainee. One
    query."""
    # Like every figure, only confirmed outcomes (a trainee's own report
    # counts once an instructor confirms it).
    records = Outcome.objects.filter(amends_period=period, confirmed=True)
    if base is not None:
        records = records.filter(enrolment__session__base=base)
    return list(
        records.select_related("enrolment__session__base", "recorded_by").order_by(
            "enrolment__session__base__name",
            "enrolment__session__starts_on",
            "enrolment__session__name",
            "follow_up",
            "recorded_on",
            "pk",
        )
    )


@dataclass
class LockSummary:
    sessions: int
    enrolments: int
    outcomes: int
    running: int


def lock_summary(period: ReportingPeriod, *, today: datetime.date) -> LockSummary:
    """What closing the period locks, for the confirmation step. Four counts."""
    return LockSummary(
        sessions=TrainingSession.objects.filter(_in_period(period)).count(),
        enrolments=Enrolment.objects.filter(_in_period(period, "session__")).count(),
        outcomes=Outcome.objects.filter(
            recorded_on__gte=period.starts_on, recorded_on__lte=period.ends_on
        ).count(),
        running=sessions_not_ended(period, today=today).count(),
    )
