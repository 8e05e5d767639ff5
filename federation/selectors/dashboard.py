"""The federation dashboard's figures, computed by the database.

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

Every figure is a raw count here; federation.suppression rounds every count
of people or places before it leaves for a page or a file. The figures are
read from the kept figures (training.models: SessionFigures,
RepeatCompletion, CountedPlace) in a fixed number of grouped queries,
whatever the number of rows; only trainees within a base, course, skill
area or delivery mode are a distinct count over enrolments."""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, replace

from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import DisabilityCategory
from core.dates import add_months
from core.queries import plain_rows
from core.routers import reports_reads
from federation.selectors.businesses import business_figures
from training.models import (
    CountedPlace,
    Enrolment,
    Outcome,
    RepeatCompletion,
    ReportingPeriod,
    SessionFigures,
    TrainingSession,
)
from training.selectors import periods as period_selectors
from training.selectors.figures import (
    COMBINATION_FIELDS,
    FIRSTS,
    counted_q,
    staff_place_q,
)

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


def _person_aliases(today: datetime.date) -> dict:
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


def _due_person_q(n: int, today: datetime.date) -> Q:
    """The enrolment is a person's representative completion for follow-up n:
    due, and their latest due completion of the course."""
    return Q(
        status=Status.COMPLETED,
        session__ends_on__lte=add_months(today, -n),
        **{f"later_{n}": False},
    )


def _person_measures(today: datetime.date, extra: Q | None = None) -> dict:
    """People counts over enrolments annotated with _person_aliases."""
    extra = extra or Q()
    measures = {}
    for n in FOLLOW_UPS:
        due = _due_person_q(n, today) & extra
        measures[f"due_{n}"] = Count("pk", filter=due)
        measures[f"employed_{n}"] = Count(
            "pk", filter=due & Q(**{f"latest_{n}__in": WORKING})
        )
    business = Q()
    for n in FOLLOW_UPS:
        business |= Q(**{f"latest_{n}": Outcome.Status.SELF_EMPLOYED})
    measures["businesses"] = Count(
        "pk", filter=_due_person_q(FOLLOW_UPS[0], today) & extra & business
    )
    return measures


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
    """The day a session's figures are counted as of (_as_of), from a
    session read with with_closed_on."""
    closed = session.period_closed_at
    return timezone.localdate(closed) if closed else timezone.localdate()


def _as_of(filters: Filters, today: datetime.date | None) -> datetime.date:
    return today or closed_as_of(filters) or timezone.localdate()


# Each session's figures, then every grouping from them ----------------------------
#
# Every enrolment and outcome belongs to one session, so the database counts
# them once per session (two grouped queries) and the groupings by base,
# course, skill area and delivery mode add those per-session counts up: a
# sum over at most one row per session, never a loop over people.
# "Trainees" (people counted once across sessions) are counted at each
# person's first place (of all time, or within the filters' dates:
# CountedPlace); only filters by base, course, skill area or delivery mode
# need a distinct count per grouping. Whether a session has ended, or a
# follow-up is due, depends on the session's end date, so it is decided per
# session too.

CATEGORY_FIELDS = [value for value, _label in DisabilityCategory.choices]
GROUPS = {
    "base": "base_id",
    "course": "course_id",
    "skill_area": "course__skill_area",
    "delivery_mode": "delivery_mode",
    "session": "pk",
}


@dataclass
class FigureSet:
    """Raw (unpublished) figures for one set of filters."""

    total: dict[str, int]
    groups: dict[str, dict]
    categories: dict[str, dict] | None
    sessions: dict[int, dict]  # session id -> its fields
    computed_at: datetime.datetime | None = None
    # Incubated businesses (federation.selectors.businesses), when counted.
    businesses: dict | None = None


def _summary(filters: Filters) -> QuerySet[SessionFigures]:
    """The kept figures (training.models.SessionFigures) of the sessions
    within `filters`: one row per session and combination of categories."""
    return _summary_of_category(filters.category).filter(filters.session_q("session__"))


def _summary_of_category(category: str) -> QuerySet[SessionFigures]:
    """The kept figures of every session, of people in `category` if any."""
    rows = SessionFigures.objects.all()
    if category:
        # The category names are the flags' names, "not_recorded" too.
        rows = rows.filter(**{category: True})
    return rows


def _summary_measures(today: datetime.date) -> dict:
    """Sums over kept figures as of `today`, by combination of needs
    (_categories): a follow-up is due, or a session has ended, by the
    session's end date. Named `n_<key>` (a sum may not take a field's
    name); `_tidy` takes the prefix off."""
    before = Q(session__ends_on__lt=today)
    measures = {
        "enrolments": Sum("enrolments"),
        "completions": Sum("completions"),
        "certified": Sum("certified"),
        "ended": Sum("enrolments", filter=before),
        "completions_ended": Sum("completions", filter=before),
        "certified_ended": Sum("certified", filter=before),
    }
    for n in FOLLOW_UPS:
        due = Q(session__ends_on__lte=add_months(today, -n))
        measures[f"due_{n}"] = Sum("candidates", filter=due)
        measures[f"employed_{n}"] = Sum(f"work_{n}", filter=due)
        # New businesses: due at 3 months and self-employed at a follow-up
        # that is due (biz_n: first self-employed at n months).
        measures[f"businesses_{n}"] = Sum(f"biz_{n}", filter=due)
    for name in FIRSTS:
        measures[name] = Sum(name)
    return {f"n_{key}": value for key, value in measures.items()}


KEPT_PLACES = ("enrolments", "completions", "certified")


def kept_places() -> dict[str, Coalesce]:
    """Annotations for sessions: `kept_<key>`, the session's places as the
    dashboard counts them (its kept figures, SessionFigures, added up over
    every combination of needs), for enrolments, completions and certified.
    Places do not depend on the day."""
    return {
        f"kept_{key}": Coalesce(
            Subquery(
                SessionFigures.objects.filter(session=OuterRef("pk"))
                .order_by()
                .values("session")
                .annotate(n=Sum(key))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )
        for key in KEPT_PLACES
    }


def _tidy(row: dict) -> dict:
    """The sums without their prefix; sums of nothing (None) are zero; new
    businesses added up over the follow-ups."""
    row = {key.removeprefix("n_"): value or 0 for key, value in row.items()}
    row["businesses"] = sum(row.pop(f"businesses_{n}") for n in FOLLOW_UPS)
    return row


def _add(target: dict, counts: dict) -> None:
    for key, value in counts.items():
        target[key] = target.get(key, 0) + (value or 0)


def _repeats(filters: Filters, today: datetime.date, sessions: dict) -> dict:
    """People counts (due, in work, new businesses) of people with more
    than one completion of a course (RepeatCompletion, a few thousand rows
    at federation scale: one query). Which completion represents them, and
    their latest outcome, depend on the day, so they are worked out here,
    as _person_aliases does from the records: for each follow-up, among
    the person's completions of the course that are due, the one of the
    session that ended last (then the latest record) represents them, with
    the latest outcome recorded across those completions. A person counts
    when their representative completion's session is within `sessions`
    (the filters' sessions) and they are in the filters' category. Returns
    the people counted added up by session ("session_id": {session id:
    counts}) and by combination of needs ("flags": {flags: counts}), so
    the session and category figures add one row per session or
    combination, not one per person."""
    # The person by a lookup per row: a join lets PostgreSQL read all the
    # enrolments (200,000 at federation scale) for a few thousand rows.
    person = Subquery(
        Enrolment.objects.filter(pk=OuterRef("enrolment_id"))
        .order_by()  # one row: no sort by the default ordering
        .values("trainee_id")[:1]
    )
    rows = RepeatCompletion.objects.annotate(person=person).values(
        "enrolment_id",
        "session_id",
        "person",
        "session__course_id",
        "session__ends_on",
        *COMBINATION_FIELDS,
        *(
            f"{part}_{n}"
            for n in FOLLOW_UPS
            for part in ("status", "recorded", "outcome")
        ),
    )
    pairs: dict[tuple, list[dict]] = {}
    for row in rows:
        pairs.setdefault((row["person"], row["session__course_id"]), []).append(row)
    cutoffs = [
        (
            add_months(today, -n),
            (f"due_{n}", f"employed_{n}"),
            (f"status_{n}", f"recorded_{n}", f"outcome_{n}"),
        )
        for n in FOLLOW_UPS
    ]
    by_session: dict[int, dict] = {}
    by_flags: dict[tuple, dict] = {}
    for completions in pairs.values():
        # One person: the same category flags on each of their completions.
        if filters.category and not completions[0][filters.category]:
            continue
        flags = _combination_flags(completions[0])
        # The last to end (then the latest record) last: the representative
        # of a follow-up is the last of those due.
        completions.sort(key=lambda c: (c["session__ends_on"], c["enrolment_id"]))
        counted = []  # (session, due key, employed key, in work)
        self_employed = False
        for cutoff, keys, (status_key, recorded_key, outcome_key) in cutoffs:
            due = [c for c in completions if c["session__ends_on"] <= cutoff]
            if not due:
                continue
            outcomes = [c for c in due if c[outcome_key] is not None]
            latest = (
                max(outcomes, key=lambda c: (c[recorded_key], c[outcome_key]))[
                    status_key
                ]
                if outcomes
                else None
            )
            self_employed |= latest == Outcome.Status.SELF_EMPLOYED
            if due[-1]["session_id"] in sessions:
                counted.append((due[-1]["session_id"], keys, latest in WORKING))
        for session_id, (due_key, employed_key), working in counted:
            for target in (
                _counts_of(by_session, session_id),
                _counts_of(by_flags, flags),
            ):
                target[due_key] += 1
                target[employed_key] += working
                # New businesses: the people due at the first follow-up.
                if due_key == FIRST_DUE:
                    target["businesses"] += self_employed
    return {"session_id": by_session, "flags": by_flags}


def _counts_of(sums: dict, key) -> dict:
    target = sums.get(key)
    if target is None:
        target = sums[key] = dict.fromkeys(PERSON_KEYS, 0)
    return target


def _combination_flags(row: dict) -> tuple:
    """A kept row's combination of needs as the category flags, or all None
    when no needs are recorded (_combination_targets)."""
    if row["not_recorded"]:
        return (None,) * len(CATEGORY_FIELDS)
    return tuple(row[c] for c in CATEGORY_FIELDS)


# A session's kept figures added up over its combinations of needs
# (_per_session): the places, and the people counts of each follow-up,
# due or not (the session's end date decides which are).
SESSION_SUMS = [
    "enrolments",
    "completions",
    "certified",
    "candidates",
    *(f"{part}_{n}" for n in FOLLOW_UPS for part in ("work", "biz")),
    *FIRSTS,
]


def _per_session(
    filters: Filters, today: datetime.date, sessions: dict, repeats: dict
) -> dict[int, dict]:
    """Every count but trainees, per session, from the kept figures (one
    grouped query over a few rows per session) and the repeated completions.
    People counts are counted at each person's representative completion,
    so adding sessions up counts them once. Which follow-ups are due is
    decided by each session's end date, so the query's sums do not depend
    on the day, and are read as plain numbers (core.queries.plain_rows:
    Django's converters cost more than the query over 2,000 sessions)."""
    # Sessions chosen by the filters are chosen in the query; otherwise
    # every session's rows are read and the ones not held (cancelled) left
    # out here, without a join.
    rows = (
        _summary(filters)
        if filters.chooses_sessions()
        else _summary_of_category(filters.category)
    )
    names, values = plain_rows(
        rows.values("session_id")
        .order_by()
        .annotate(**{f"n_{name}": Sum(name) for name in SESSION_SUMS})
    )
    cutoffs = [
        (
            add_months(today, -n),
            f"n_work_{n}",
            f"n_biz_{n}",
            f"due_{n}",
            f"employed_{n}",
        )
        for n in FOLLOW_UPS
    ]
    per_session = {}
    for row in values:
        sums = dict(zip(names, row, strict=True))
        session = sessions.get(sums["session_id"])
        if session is None:
            continue
        counts = {name: sums[f"n_{name}"] or 0 for name in KEPT_PLACES}
        counts |= {name: sums[f"n_{name}"] or 0 for name in FIRSTS}
        businesses = 0
        for cutoff, work, biz, due_key, employed_key in cutoffs:
            due = session["ends_on"] <= cutoff
            counts[due_key] = (sums["n_candidates"] or 0) if due else 0
            counts[employed_key] = (sums[work] or 0) if due else 0
            businesses += (sums[biz] or 0) if due else 0
        counts["businesses"] = businesses
        per_session[sums["session_id"]] = counts
    for session_id, sums in repeats["session_id"].items():
        _add(per_session.setdefault(session_id, {}), sums)
    return per_session


PERSON_KEYS = [*(f"due_{n}" for n in FOLLOW_UPS), *OUTCOME_KEYS]
FIRST_DUE = f"due_{FOLLOW_UPS[0]}"


# A session that has ended counts its places again in these (KEYS).
ENDED = {
    "ended": "enrolments",
    "completions_ended": "completions",
    "certified_ended": "certified",
}


def _session_row(session: dict, counts: dict, today) -> list[int]:
    """One session's figures as values in KEYS' order (trainees 0, added
    per grouping later): the counts, and those of a session that has ended
    again as `ended`, `completions_ended` and `certified_ended`."""
    get = counts.get
    ended = session["ends_on"] < today
    return [
        1
        if key == "sessions"
        else (get(ENDED[key], 0) if ended else 0)
        if key in ENDED
        else get(key, 0)
        for key in KEYS
    ]


def _sum_rows(rows: list[list[int]]) -> dict[str, int]:
    """Sessions' rows (_session_row) added up, column by column."""
    if not rows:
        return dict.fromkeys(KEYS, 0)
    return dict(zip(KEYS, map(sum, zip(*rows, strict=True)), strict=True))


FIRST_OF_GROUP = {
    None: "first_any",
    "base": "first_base",
    "course": "first_course",
    "skill_area": "first_skill",
    "delivery_mode": "first_mode",
}


def _first_places(sessions: dict, per_session: dict, group: str | None) -> dict:
    """{group value: trainees} from `per_session`'s first_* (_firsts): each
    person is counted at their first place overall, or at their first place
    in the base, course, skill area or delivery mode (of all time, or within
    the filters' dates), so adding sessions up counts them once. No query."""
    name = FIRST_OF_GROUP[group]
    trainees: dict = {}
    for pk, session in sessions.items():
        key = session[GROUPS[group]] if group else None
        trainees[key] = trainees.get(key, 0) + per_session.get(pk, {}).get(name, 0)
    return trainees


def _dates_only(filters: Filters) -> bool:
    """The filters choose sessions by their dates alone (a category may
    choose people too): people are counted at their first place within the
    dates (CountedPlace), without a distinct count."""
    if not (filters.date_from or filters.date_to):
        return False
    return not replace(filters, date_from=None, date_to=None).chooses_sessions()


# The first place of each person within the dates, overall and in each
# grouping (FIRST_OF_GROUP's names): the place whose person's previous place
# (overall, at the same base, ...) started before the dates, or who has none.
PREVIOUS_OF_FIRST = {
    "first_any": "previous_any",
    "first_base": "previous_base",
    "first_course": "previous_course",
    "first_skill": "previous_skill",
    "first_mode": "previous_mode",
}


def _places_in_dates(filters: Filters) -> QuerySet[CountedPlace]:
    places = CountedPlace.objects.all()
    if filters.date_from:
        places = places.filter(starts_on__gte=filters.date_from)
    if filters.date_to:
        places = places.filter(starts_on__lte=filters.date_to)
    if filters.category:
        places = places.filter(**{filters.category: True})
    return places


def _first_in_dates(filters: Filters, previous: str) -> Q:
    first = Q(**{f"{previous}__isnull": True})
    if filters.date_from:
        first |= Q(**{f"{previous}__lt": filters.date_from})
    return first


def _first_places_in_dates(filters: Filters) -> dict[int, dict]:
    """{session id: {first_any, first_base, ...: people}}, each person
    counted at their first place within the filters' dates, overall and in
    each grouping, as SessionFigures' first_* count them at their first
    place of all (_first_places adds them up). One grouped query over the
    places in the dates."""
    return {
        row.pop("session_id"): row
        for row in _places_in_dates(filters)
        .values("session_id")
        .order_by()
        .annotate(
            **{
                name: Count("pk", filter=_first_in_dates(filters, previous))
                for name, previous in PREVIOUS_OF_FIRST.items()
            }
        )
    }


def _firsts(filters: Filters, per_session: dict) -> dict[int, dict] | None:
    """Per session, the people counted there once (first_*): of all time
    when the filters choose no sessions, within the dates when they choose
    sessions by date alone; None when only a distinct count will do (the
    filters choose a base, course, skill area, delivery mode or session)."""
    if not filters.chooses_sessions():
        return per_session
    if _dates_only(filters):
        return _first_places_in_dates(filters)
    return None


def _trainees(filters: Filters, field: str | None) -> dict:
    queryset = enrolments_counted(filters)
    if field is None:
        return {None: queryset.aggregate(n=Count("trainee", distinct=True))["n"]}
    key = f"session__{field}"
    return {
        row[key]: row["n"]
        for row in queryset.values(key)
        .order_by()
        .annotate(n=Count("trainee", distinct=True))
    }


def _one_session(filters: Filters) -> bool:
    """The filters name one session (whatever else they choose): each
    person holds at most one place in it."""
    return filters.session is not None


def _combination_targets(flags: tuple) -> list[str]:
    """The category rows a combination of needs counts in."""
    if all(flag is None for flag in flags):
        return [NOT_RECORDED]
    return [c for c, flag in zip(CATEGORY_FIELDS, flags, strict=True) if flag]


def _categories(
    filters: Filters, today: datetime.date, repeats: dict | None = None
) -> dict[str, dict]:
    """Grouped by each person's combination of categories (everyone has one
    combination, or none recorded), then added up per category: a person in
    two categories counts in both rows. The kept figures by combination, the
    repeated completions, and the people (counted once) per combination:
    at most three queries (two when the repeated completions are given,
    one more when the filters choose sessions: trainees by combination, at
    their first place within the dates or by a distinct count)."""
    if repeats is None:
        sessions = set(sessions_held(filters).values_list("pk", flat=True))
        repeats = _repeats(filters, today, sessions)
    rows = {category: dict.fromkeys(KEYS, 0) for category, _label in CATEGORY_CHOICES}
    kept = (
        _summary(filters)
        .values(*COMBINATION_FIELDS)
        .order_by()
        .annotate(**_summary_measures(today))
    )
    for item in kept:
        recorded = not item.pop("not_recorded")
        flags = tuple(item.pop(f) for f in CATEGORY_FIELDS)
        if not recorded:
            flags = (None,) * len(flags)
        counts = _tidy(item)
        trainees = counts.pop("first_any")
        for name in FIRSTS:
            counts.pop(name, None)
        if not filters.chooses_sessions():
            counts["trainees"] = trainees  # each person at their first place
        for category in _combination_targets(flags):
            _add(rows[category], counts)
    for flags, sums in repeats["flags"].items():
        for category in _combination_targets(flags):
            _add(rows[category], sums)
    if not filters.chooses_sessions():
        return rows
    if _one_session(filters):
        # One place per person in a session: the people of a combination
        # are its enrolments, no distinct count.
        for row in rows.values():
            row["trainees"] = row["enrolments"]
        return rows
    if _dates_only(filters):
        # Each person at their first place within the dates.
        people = (
            _places_in_dates(filters)
            .values(*COMBINATION_FIELDS)
            .order_by()
            .annotate(
                trainees=Count("pk", filter=_first_in_dates(filters, "previous_any"))
            )
        )
        for item in people:
            for category in _combination_targets(_combination_flags(item)):
                rows[category]["trainees"] += item["trainees"]
        return rows
    needs = [f"trainee__access_needs__{c}" for c in CATEGORY_FIELDS]
    people = (
        enrolments_counted(filters)
        .values(*needs)
        .order_by()
        .annotate(trainees=Count("trainee", distinct=True))
    )
    for item in people:
        flags = tuple(item[f] for f in needs)
        for category in _combination_targets(flags):
            rows[category]["trainees"] += item["trainees"]
    return rows


def compute(
    filters: Filters,
    *,
    today: datetime.date | None = None,
    groups: tuple[str, ...] = tuple(GROUPS),
    categories: bool = True,
    businesses: bool | None = None,
) -> FigureSet:
    """Every figure the dashboard shows for `filters`, as of `today` (by
    default today, or the day the closed period the filters lie in was
    closed). A fixed number of queries, whatever the number of records:
    sessions, the kept figures (training.models.SessionFigures) by session,
    the people with several completions of a course by session, the people
    at their first place within the dates (CountedPlace) when the filters
    choose dates, or one distinct count of trainees for the total and per
    grouping when they choose a base, course, skill area or delivery mode,
    and for the categories the kept figures and the trainees by combination
    of needs."""
    today = _as_of(filters, today)
    # Read on the reports replica when there is one (core.routers); which
    # closed period the filters lie in was read above, from the primary.
    with reports_reads():
        sessions = {
            row["pk"]: row
            for row in sessions_held(filters).values(
                "pk",
                "name",
                "name_en",
                "base_id",
                "course_id",
                "course__skill_area",
                "delivery_mode",
                "starts_on",
                "ends_on",
            )
        }
        repeats = _repeats(filters, today, sessions)
        per_session = _per_session(filters, today, sessions, repeats)
        # Each session's figures, then each grouping's sessions added up.
        rows = {
            pk: _session_row(session, per_session.get(pk, {}), today)
            for pk, session in sessions.items()
        }
        total = _sum_rows(list(rows.values()))
        by_group: dict[str, dict] = {}
        for group in groups:
            if group == "session":
                by_group[group] = {
                    pk: dict(zip(KEYS, row, strict=True)) for pk, row in rows.items()
                }
                continue
            field, members = GROUPS[group], {}
            for pk, session in sessions.items():
                members.setdefault(session[field], []).append(rows[pk])
            by_group[group] = {
                key: _sum_rows(member_rows) for key, member_rows in members.items()
            }
        firsts = _firsts(filters, per_session)
        if _one_session(filters):
            # One place per person in a session: no distinct count.
            total["trainees"] = total["enrolments"]
        elif firsts is None:
            total["trainees"] = _trainees(filters, None)[None]
        else:
            total["trainees"] = _first_places(sessions, firsts, None).get(None, 0)
        for group in groups:
            if group == "session":
                for row in by_group[group].values():
                    row["trainees"] = row["enrolments"]  # one place per person
                continue
            if firsts is None:
                trainees = _trainees(filters, GROUPS[group])
            else:
                trainees = _first_places(sessions, firsts, group)
            for key, row in by_group[group].items():
                row["trainees"] = trainees.get(key, 0)
        return FigureSet(
            total=total,
            groups=by_group,
            categories=_categories(filters, today, repeats) if categories else None,
            sessions=sessions,
            computed_at=timezone.now(),
            businesses=(
                business_figures(filters, today)
                if (categories if businesses is None else businesses)
                else None
            ),
        )


# At federation scale the figures take seconds to count, and an auditor
# pages through sessions and downloads tables with the same filters, so a
# computed set is kept for a short time in the shared cache (the database
# or Redis in production, so every app server sees it). Pages say when the
# figures were calculated. Reconciliation always counts afresh.
FIGURES_CACHE_SECONDS = 120


def compute_cached(
    filters: Filters, *, today: datetime.date | None = None
) -> FigureSet:
    today = _as_of(filters, today)
    state = json.dumps(filters.as_dict() | {"today": today.isoformat()}, sort_keys=True)
    key = "federation:figures:v4:" + hashlib.sha256(state.encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = compute(filters, today=today)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def totals(filters: Filters, *, today: datetime.date | None = None) -> dict[str, int]:
    """The headline figures, raw (before federation.suppression)."""
    return compute(filters, today=today, groups=(), categories=False).total


def breakdown(
    filters: Filters, group: str, *, today: datetime.date | None = None
) -> dict:
    """{group value: raw figures} for one of GROUPS."""
    return compute(filters, today=today, groups=(group,), categories=False).groups[
        group
    ]


def by_category(filters: Filters, *, today: datetime.date | None = None) -> dict:
    """{category: raw figures}. Sessions held are not split by category."""
    today = _as_of(filters, today)
    with reports_reads():
        return _categories(filters, today)


def enrolment_statuses(filters: Filters) -> dict[str, int]:
    """Every enrolment record of the sessions by status, including
    applications, waiting lists and withdrawals, but no staff places. One
    query."""
    rows = (
        Enrolment.objects.filter(
            filters.session_q("session__"), filters.person_q(), ~staff_place_q()
        )
        .values("status")
        .order_by()
        .annotate(count=Count("pk"))
    )
    return {row["status"]: row["count"] for row in rows}


def outcome_statuses(
    filters: Filters, *, today: datetime.date | None = None
) -> dict[tuple[int, str], int]:
    """{(follow-up, outcome status): people}, the people counted in "due" at
    each follow-up by their latest outcome (as for in work). One query."""
    today = _as_of(filters, today)
    names = {
        (n, status): f"o{n}_{status}"
        for n in FOLLOW_UPS
        for status, _label in Outcome.Status.choices
    }
    counts = (
        enrolments_counted(filters)
        .alias(**_person_aliases(today))
        .aggregate(
            **{
                name: Count(
                    "pk", filter=_due_person_q(n, today) & Q(**{f"latest_{n}": status})
                )
                for (n, status), name in names.items()
            }
        )
    )
    return {key: counts[name] for key, name in names.items()}


@dataclass
class SessionCounts:
    """Raw figures for one session's page."""

    total: dict[str, int]
    statuses: dict[str, int]
    outcomes: dict[tuple[int, str], int]
    categories: dict[str, dict]


def session_counts(
    filters: Filters, *, today: datetime.date | None = None
) -> SessionCounts:
    """The headline figures, every enrolment status, outcomes at each
    follow-up and disability categories, raw. A fixed number of queries,
    on the reports replica when there is one."""
    today = _as_of(filters, today)
    with reports_reads():
        # The totals and the categories share the sessions and the repeated
        # completions (compute).
        counted = compute(filters, today=today, groups=(), businesses=False)
        return SessionCounts(
            total=counted.total,
            statuses=enrolment_statuses(filters),
            outcomes=outcome_statuses(filters, today=today),
            categories=counted.categories,
        )
