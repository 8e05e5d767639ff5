"""Which enrolments the federation's figures count, and each session's
figures computed from the records (for training.services.figures, which
keeps them in SessionFigures, and for the check that they agree)."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q

from accounts.models import DisabilityCategory, StaffRole
from training.models import (
    Certificate,
    CountedPlace,
    Enrolment,
    Outcome,
    RepeatCompletion,
    SessionFigures,
    TrainingSession,
)
from training.selectors.periods import outcomes_counted

Status = Enrolment.Status
COUNTED = (Status.ENROLLED, Status.COMPLETED, Status.NOT_COMPLETED)
WORKING = (Outcome.Status.EMPLOYED, Outcome.Status.SELF_EMPLOYED)
FOLLOW_UPS = (3, 6, 12)
CATEGORY_FIELDS = [value for value, _label in DisabilityCategory.choices]
COMBINATION_FIELDS = [*CATEGORY_FIELDS, "not_recorded"]
COUNT_FIELDS = [
    "enrolments",
    "completions",
    "certified",
    "candidates",
    *(f"work_{n}" for n in FOLLOW_UPS),
    *(f"biz_{n}" for n in FOLLOW_UPS),
    "first_any",
    "first_base",
    "first_course",
    "first_skill",
    "first_mode",
]


def staff_place_q(prefix: str = "") -> Q:
    """True for a staff place: the enrolment (at `prefix`) of a person who
    now holds a staff role at the session's base, any federation-wide role
    (those have no base), or is a superuser."""
    roles = StaffRole.objects.filter(user=OuterRef(f"{prefix}trainee")).filter(
        Q(base__isnull=True) | Q(base=OuterRef(f"{prefix}session__base"))
    )
    return Q(Exists(roles)) | Q(**{f"{prefix}trainee__is_superuser": True})


def counted_q(prefix: str = "") -> Q:
    """An enrolment that counts anywhere: a place taken up in a session not
    cancelled, and not a staff place."""
    return (
        Q(**{f"{prefix}status__in": COUNTED})
        & ~Q(**{f"{prefix}session__status": TrainingSession.Status.CANCELLED})
        & ~staff_place_q(prefix)
    )


def _earlier_place(same: str | None) -> Exists:
    """A counted place of the same person with a lower id (in the same
    `same`, a path from the enrolment to the session's base, course, ...)."""
    earlier = Enrolment.objects.filter(
        counted_q(), trainee=OuterRef("trainee"), pk__lt=OuterRef("pk")
    )
    if same:
        earlier = earlier.filter(**{same: OuterRef(same)})
    return Exists(earlier)


FIRSTS = {
    "first_any": None,
    "first_base": "session__base",
    "first_course": "session__course",
    "first_skill": "session__course__skill_area",
    "first_mode": "session__delivery_mode",
}
REPEAT_FIELDS = [
    *COMBINATION_FIELDS,
    *(f"{part}_{n}" for n in FOLLOW_UPS for part in ("status", "recorded", "outcome")),
]


def _latest_outcomes(enrolments) -> dict[tuple[int, int], tuple]:
    """{(enrolment id, follow-up): (status, recorded on, outcome id)}: each
    enrolment's latest counted outcome at each follow-up (latest date
    recorded, then the latest record). One query."""
    latest = {}
    rows = (
        outcomes_counted()
        .filter(enrolment__in=enrolments)
        .order_by("recorded_on", "pk")
        .values_list("enrolment_id", "follow_up", "status", "recorded_on", "pk")
    )
    for enrolment_id, follow_up, status, recorded_on, pk in rows:
        latest[(enrolment_id, follow_up)] = (status, recorded_on, pk)
    return latest


def figures_from_records(
    session_ids=None,
) -> tuple[dict[tuple, dict[str, int]], dict[int, dict]]:
    """({(session id, *combination): counts}, {repeated completion's
    enrolment id: its RepeatCompletion fields}) for the given sessions (all
    when None), counted from the records in two queries."""
    enrolments = Enrolment.objects.filter(counted_q())
    if session_ids is not None:
        enrolments = enrolments.filter(session_id__in=list(session_ids))
    others = Enrolment.objects.filter(
        counted_q(),
        trainee=OuterRef("trainee"),
        session__course=OuterRef("session__course"),
        status=Status.COMPLETED,
    ).exclude(pk=OuterRef("pk"))
    needs = [f"trainee__access_needs__{c}" for c in CATEGORY_FIELDS]
    rows = (
        enrolments.annotate(
            repeated=Exists(others),
            has_certificate=Exists(
                Certificate.objects.filter(enrolment=OuterRef("pk"))
            ),
            **{name: ~_earlier_place(same) for name, same in FIRSTS.items()},
        )
        .values_list(
            "pk",
            "session_id",
            "status",
            "repeated",
            "has_certificate",
            *FIRSTS,
            *needs,
        )
        .order_by()
    )
    latest = _latest_outcomes(enrolments.filter(status=Status.COMPLETED).values("pk"))
    figures: dict[tuple, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(COUNT_FIELDS, 0)
    )
    repeats: dict[int, dict] = {}
    self_employed = Outcome.Status.SELF_EMPLOYED
    nothing = ("", None, None)
    for pk, session_id, status, repeated, certified, *rest in rows:
        firsts, flags = rest[: len(FIRSTS)], rest[len(FIRSTS) :]
        recorded = any(flag is not None for flag in flags)
        combination = (*(bool(flag) for flag in flags), not recorded)
        row = figures[(session_id, *combination)]
        row["enrolments"] += 1
        for name, first in zip(FIRSTS, firsts, strict=True):
            row[name] += bool(first)
        if certified:
            row["certified"] += 1
        if status != Status.COMPLETED:
            continue
        row["completions"] += 1
        outcomes = {n: latest.get((pk, n), nothing) for n in FOLLOW_UPS}
        if repeated:
            repeats[pk] = {
                "session_id": session_id,
                **dict(zip(COMBINATION_FIELDS, combination, strict=True)),
            }
            for n, (status_n, recorded_n, outcome_n) in outcomes.items():
                repeats[pk] |= {
                    f"status_{n}": status_n,
                    f"recorded_{n}": recorded_n,
                    f"outcome_{n}": outcome_n,
                }
            continue
        row["candidates"] += 1
        for n, (status_n, _recorded, _outcome) in outcomes.items():
            if status_n in WORKING:
                row[f"work_{n}"] += 1
        if outcomes[3][0] == self_employed:
            row["biz_3"] += 1
        elif outcomes[6][0] == self_employed:
            row["biz_6"] += 1
        elif outcomes[12][0] == self_employed:
            row["biz_12"] += 1
    return dict(figures), repeats


# (CountedPlace field, the session's value it compares) for a person's
# previous place: overall, then at the same base, course, skill area, mode.
PREVIOUS = {
    "previous_any": None,
    "previous_base": "session__base_id",
    "previous_course": "session__course_id",
    "previous_skill": "session__course__skill_area",
    "previous_mode": "session__delivery_mode",
}


PEOPLE_AT_ONCE = 2000


def places_from_records(session_ids=None) -> dict[int, dict]:
    """{enrolment id: its CountedPlace fields} for the counted places of the
    given sessions (all when None): each with its session's start and the
    start of the person's previous counted place overall and in the same
    base, course, skill area and delivery mode (sessions in order of start,
    then enrolment id). For given sessions, two queries (more past every
    PEOPLE_AT_ONCE people): the sessions' people, then their places."""
    places = Enrolment.objects.filter(counted_q())
    chunks = [places]
    if session_ids is not None:
        session_ids = set(session_ids)
        # Everyone with a place in them, read first and then their places by
        # id, a few thousand people at a time: as a subquery, PostgreSQL's
        # plan for it went from milliseconds to seconds with its statistics.
        people = sorted(
            set(
                Enrolment.objects.filter(session_id__in=list(session_ids)).values_list(
                    "trainee_id", flat=True
                )
            )
        )
        chunks = [
            places.filter(trainee_id__in=people[start : start + PEOPLE_AT_ONCE])
            for start in range(0, len(people), PEOPLE_AT_ONCE)
        ]
    needs = [f"trainee__access_needs__{c}" for c in CATEGORY_FIELDS]
    same = [path for path in PREVIOUS.values() if path]
    rows = (
        row
        for chunk in chunks
        for row in chunk.values_list(
            "pk", "trainee_id", "session_id", "session__starts_on", *same, *needs
        ).order_by("trainee_id", "session__starts_on", "pk")
    )
    kept: dict[int, dict] = {}
    person = None
    last: dict = {}
    for pk, trainee_id, session_id, starts_on, *rest in rows:
        values, flags = rest[: len(same)], rest[len(same) :]
        if trainee_id != person:
            person, last = trainee_id, {}
        keys = [("any",), *zip(same, values, strict=True)]
        if session_ids is None or session_id in session_ids:
            recorded = any(flag is not None for flag in flags)
            kept[pk] = {
                "session_id": session_id,
                "starts_on": starts_on,
                **{
                    field: last.get(key)
                    for field, key in zip(PREVIOUS, keys, strict=True)
                },
                **dict(
                    zip(
                        COMBINATION_FIELDS,
                        (*(bool(flag) for flag in flags), not recorded),
                        strict=True,
                    )
                ),
            }
        for key in keys:
            last[key] = starts_on
    return kept


def places_stored(session_ids=None) -> dict[int, dict]:
    """The same, as kept in CountedPlace."""
    stored = CountedPlace.objects.all()
    if session_ids is not None:
        stored = stored.filter(session_id__in=list(session_ids))
    return {
        row.pop("enrolment_id"): row
        for row in stored.values(
            "enrolment_id", "session_id", "starts_on", *PREVIOUS, *COMBINATION_FIELDS
        )
    }


def figures_stored(
    session_ids=None,
) -> tuple[dict[tuple, dict[str, int]], dict[int, int]]:
    """The same, as kept in SessionFigures and RepeatCompletion."""
    stored = SessionFigures.objects.all()
    repeats = RepeatCompletion.objects.all()
    if session_ids is not None:
        stored = stored.filter(session_id__in=list(session_ids))
        repeats = repeats.filter(session_id__in=list(session_ids))
    figures = {}
    for row in stored.values("session_id", *COMBINATION_FIELDS, *COUNT_FIELDS):
        key = (row.pop("session_id"), *(row.pop(f) for f in COMBINATION_FIELDS))
        figures[key] = row
    stored_repeats = {
        row.pop("enrolment_id"): row
        for row in repeats.values("enrolment_id", "session_id", *REPEAT_FIELDS)
    }
    return figures, stored_repeats


def _sessions_of_differing(counted: dict, stored: dict) -> set[int]:
    """The sessions of the rows ({enrolment id: fields}) that differ between
    the records and what is kept, or are in only one of them."""
    return {
        row["session_id"]
        for pk in counted.keys() | stored.keys()
        if counted.get(pk) != stored.get(pk)
        for row in (counted.get(pk), stored.get(pk))
        if row is not None
    }


def sessions_differing() -> list[int]:
    """Sessions whose stored figures disagree with their records, sorted."""
    counted, counted_repeats = figures_from_records()
    stored, stored_repeats = figures_stored()
    differing = {
        key[0]
        for key in counted.keys() | stored.keys()
        if counted.get(key) != stored.get(key)
    }
    differing |= _sessions_of_differing(counted_repeats, stored_repeats)
    differing |= _sessions_of_differing(places_from_records(), places_stored())
    return sorted(differing)
