"""Trainees (people, each once) when the dashboard's filters choose sessions
by date: counted at each person's first place within the dates from the kept
places (training.models.CountedPlace), they must equal a distinct count of
people over the enrolments, for every range of dates, every grouping and
every category, and stay so as records change."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from accounts.models import StaffRole
from federation.selectors import dashboard
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory
from tests.federation import world as fixed
from training.models import CountedPlace, Enrolment, TrainingSession
from training.selectors.figures import sessions_differing
from training.services.figures import refresh_people

Status = Enrolment.Status
GROUPINGS = ("base", "course", "skill_area", "delivery_mode")


def _enrol(session, person, status=Status.ENROLLED):
    return Enrolment.objects.create(
        trainee=person, session=session, status=status, status_changed_at=timezone.now()
    )


def _more_places(w):
    """People with places at several dates, bases, courses and modes: S5 at
    base A in course B starts the day S2 starts (a tie); S6 at base B in
    course A between S1 and S2; S7 at base A, course A, online, after S4.
    Withdrawn places, a staff place and a cancelled session's place must not
    count as anyone's first."""
    s5 = training_factories.session(
        name="S5",
        base=w.base_a,
        course=w.course_b,
        starts_on=w.s2.starts_on,
        ends_on=w.s2.ends_on,
        delivery_mode="on_site",
    )
    s6 = training_factories.session(
        name="S6",
        base=w.base_b,
        course=w.course_a,
        starts_on=w.s1.starts_on + datetime.timedelta(days=200),
        ends_on=w.s1.starts_on + datetime.timedelta(days=230),
        delivery_mode="online",
    )
    s7 = training_factories.session(
        name="S7",
        base=w.base_a,
        course=w.course_a,
        starts_on=w.s4.starts_on + datetime.timedelta(days=5),
        ends_on=w.s4.ends_on,
        delivery_mode="online",
    )
    p = w.people
    for person in ("d1", "c2", "e1"):
        _enrol(s5, p[person])
    for person in ("c1", "c3", "d2"):
        _enrol(s6, p[person], Status.COMPLETED)
    _enrol(s6, p["n1"], Status.WITHDRAWN)
    for person in ("c1", "f1", "d1", "x1"):
        _enrol(s7, p[person])
    staff = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=w.base_a).user
    _enrol(s7, staff)  # a staff place at their own base
    _enrol(w.s3, p["d3"])  # a cancelled session
    return s5, s6, s7


def _ranges(w):
    """Ranges starting open, on a session's start or the day after one (the
    boundary falls on, then just after, places), and ending open or on a
    session's start."""
    starts = sorted(set(TrainingSession.objects.values_list("starts_on", flat=True)))
    froms = [None, *starts, *(d + datetime.timedelta(days=1) for d in starts)]
    return [
        (date_from, date_to)
        for date_from in froms
        for date_to in [None, *starts]
        if (date_from or date_to)
        and not (date_from and date_to and date_to < date_from)
    ]


def _distinct(filters):
    """The reference: distinct people over the counted enrolments."""
    people = dashboard.enrolments_counted(filters)
    total = people.aggregate(n=Count("trainee", distinct=True))["n"]
    groups = {
        group: {
            row[f"session__{field}"]: row["n"]
            for row in people.values(f"session__{field}")
            .order_by()
            .annotate(n=Count("trainee", distinct=True))
        }
        for group in GROUPINGS
        for field in [dashboard.GROUPS[group]]
    }
    categories = {
        category: dashboard.enrolments_counted(filters)
        .filter(dashboard.category_q(category))
        .values("trainee")
        .distinct()
        .count()
        for category, _label in dashboard.CATEGORY_CHOICES
    }
    return total, groups, categories


def _counted(filters):
    figures = dashboard.compute(filters)
    groups = {
        group: {
            key: row["trainees"]
            for key, row in figures.groups[group].items()
            if row["trainees"]
        }
        for group in GROUPINGS
    }
    categories = {
        category: row["trainees"] for category, row in figures.categories.items()
    }
    return figures.total["trainees"], groups, categories


def _check_every_range(w):
    assert sessions_differing() == []
    for date_from, date_to in _ranges(w):
        for category in ("", "hearing") if date_to is None else ("",):
            filters = dashboard.Filters(
                date_from=date_from, date_to=date_to, category=category
            )
            assert dashboard._dates_only(filters)
            total, groups, categories = _distinct(filters)
            assert _counted(filters) == (
                total,
                {
                    group: {k: n for k, n in rows.items() if n}
                    for group, rows in groups.items()
                },
                categories,
            ), (date_from, date_to, category)


@pytest.mark.django_db
def test_trainees_within_dates_are_a_distinct_count_of_people(site_pages):
    w = fixed.build()
    _more_places(w)
    # One kept place per counted enrolment.
    total = dashboard.compute(dashboard.Filters()).total
    assert CountedPlace.objects.count() == total["enrolments"]
    _check_every_range(w)


@pytest.mark.django_db
def test_trainees_within_dates_follow_changes_to_places_and_sessions(site_pages):
    w = fixed.build()
    s5, s6, s7 = _more_places(w)
    # c1's first place at base B withdrawn: their next one there is first.
    first = Enrolment.objects.get(session=s6, trainee=w.people["c1"])
    first.status = Status.WITHDRAWN
    first.save()
    # A place changed without signals, then recounted as bulk writes do.
    Enrolment.objects.filter(session=s7, trainee=w.people["f1"]).update(
        status=Status.WITHDRAWN
    )
    refresh_people([w.people["f1"].pk])
    # A session moved before every other: its people's first places move.
    s7.starts_on = w.s1.starts_on - datetime.timedelta(days=30)
    s7.save()
    # A trainee becomes staff at base B: their places there stop counting.
    StaffRoleFactory(user=w.people["d2"], role=StaffRole.Role.MANAGER, base=w.base_b)
    # A session cancelled.
    s5.status = TrainingSession.Status.CANCELLED
    s5.save()
    _check_every_range(w)


@pytest.mark.django_db
def test_other_filters_with_dates_still_count_people_once(site_pages):
    """A base, course, skill area or mode with dates: a distinct count."""
    w = fixed.build()
    _more_places(w)
    filters = dashboard.Filters(date_from=w.s1.starts_on, base=w.base_a.pk)
    assert not dashboard._dates_only(filters)
    total, groups, _categories = _distinct(filters)
    figures = dashboard.compute(filters)
    assert figures.total["trainees"] == total
    for group in GROUPINGS:
        assert {key: row["trainees"] for key, row in figures.groups[group].items()} == {
            key: groups[group].get(key, 0) for key in figures.groups[group]
        }
