"""The federation dashboard's figures, read from the kept figures.

What each figure counts, and the filters, are in federation.selectors.counting
(its names are importable from here too). The figures are read from the kept
figures (training.models: SessionFigures, RepeatCompletion, CountedPlace) in a
fixed number of grouped queries, whatever the number of rows; only trainees
within a base, course, skill area or delivery mode are distinct counts over
enrolments (one query for the total and the groupings). Every figure is a raw count here; federation.suppression rounds
every count of people or places before it leaves for a page or a file."""

import datetime
import hashlib
import json
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import (
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accounts.models import DisabilityCategory
from core.dates import add_months
from core.queries import plain_rows
from core.routers import reports_reads
from federation.selectors.businesses import business_figures
from federation.selectors.counting import (
    CATEGORY_CHOICES,
    COUNTED,  # noqa: F401 (re-exported)
    ENROLMENT_KEYS,  # noqa: F401 (re-exported)
    FOLLOW_UPS,
    KEYS,
    NOT_RECORDED,
    OUTCOME_KEYS,
    RATES,  # noqa: F401 (re-exported)
    SESSION_KEYS,  # noqa: F401 (re-exported)
    WORKING,
    Filters,
    as_of,
    category_q,  # noqa: F401 (re-exported)
    closed_as_of,  # noqa: F401 (re-exported)
    closed_as_of_among,  # noqa: F401 (re-exported)
    due_person_q,
    enrolments_counted,
    person_aliases,
    session_as_of,  # noqa: F401 (re-exported)
    sessions_held,
    sessions_with_place,  # noqa: F401 (re-exported)
    with_closed_on,  # noqa: F401 (re-exported)
)
from training.models import (
    CountedPlace,
    Enrolment,
    Outcome,
    RepeatCompletion,
    SessionFigures,
)
from training.selectors.figures import (
    COMBINATION_FIELDS,
    FIRSTS,
    staff_place_q,
)

# Each session's figures, then every grouping from them ----------------------------
#
# Every enrolment and outcome belongs to one session, so the database counts
# them once per session (two grouped queries) and the groupings by base,
# course, skill area and delivery mode add those per-session counts up: a
# sum over at most one row per session, never a loop over people.
# "Trainees" (people counted once across sessions) are counted at each
# person's first place (of all time, or within the filters' dates:
# CountedPlace); only filters by base, course, skill area or delivery mode
# need a distinct count per grouping (one query for all). Whether a session has ended, or a
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
    as person_aliases does from the records: for each follow-up, among
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


def _distinct_trainees(filters: Filters, sessions: dict, groups) -> dict:
    """{None: {None: people}, group: {value: people}}: each person once, by a
    distinct count over the counted enrolments within `filters`, for the
    total and each of `groups` (but sessions), in one query: a UNION ALL of
    one grouped count each. The grouping values come back as text and are
    read as the sessions' own values."""
    fields = [None, *(GROUPS[group] for group in groups if group != "session")]
    parts = [
        enrolments_counted(filters)
        .annotate(
            part=Value(number),
            key=(
                Cast(f"session__{field}", CharField())
                if field
                else Value("", output_field=CharField())
            ),
        )
        .values("part", "key")
        .order_by()
        .annotate(n=Count("trainee", distinct=True))
        for number, field in enumerate(fields)
    ]
    values = [
        {str(session[field]): session[field] for session in sessions.values()}
        if field
        else {"": None}
        for field in fields
    ]
    found: dict = {field: {} for field in fields}
    for row in parts[0].union(*parts[1:], all=True):
        field = fields[row["part"]]
        key = values[row["part"]].get(row["key"], row["key"])
        found[field][key] = row["n"]
    return {None: found[None] or {None: 0}} | {
        group: found[GROUPS[group]] for group in groups if group != "session"
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
    choose dates, or distinct counts of trainees for the total and each
    grouping (one query) when they choose a base, course, skill area or
    delivery mode,
    and for the categories the kept figures and the trainees by combination
    of needs."""
    today = as_of(filters, today)
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
        distinct = (
            _distinct_trainees(filters, sessions, groups) if firsts is None else None
        )
        if _one_session(filters):
            # One place per person in a session: no distinct count.
            total["trainees"] = total["enrolments"]
        elif distinct is not None:
            total["trainees"] = distinct[None][None]
        else:
            total["trainees"] = _first_places(sessions, firsts, None).get(None, 0)
        for group in groups:
            if group == "session":
                for row in by_group[group].values():
                    row["trainees"] = row["enrolments"]  # one place per person
                continue
            if distinct is not None:
                trainees = distinct[group]
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
    today = as_of(filters, today)
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
    today = as_of(filters, today)
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
    today = as_of(filters, today)
    names = {
        (n, status): f"o{n}_{status}"
        for n in FOLLOW_UPS
        for status, _label in Outcome.Status.choices
    }
    counts = (
        enrolments_counted(filters)
        .alias(**person_aliases(today))
        .aggregate(
            **{
                name: Count(
                    "pk", filter=due_person_q(n, today) & Q(**{f"latest_{n}": status})
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
    today = as_of(filters, today)
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
