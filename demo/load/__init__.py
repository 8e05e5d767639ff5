"""Synthetic learner records at federation scale, for `manage.py
generate_load_data` and the dashboard benchmark (bench/dashboard.py).

Everything is planned in memory from one seeded random generator, then
written in one transaction: small tables with `bulk_create`, the big ones
(trainees, enrolments, certificates, outcomes, lesson progress) with explicit
ids through the fastest bulk path the database has (COPY on PostgreSQL,
`executemany` on SQLite). Course pages are built once per run with the Wagtail
page API.

What it creates is marked so it can be found and removed again: trainees and
staff have `@load.example.org` addresses, courses have slugs starting
`load-`, and their titles say they are load-test data. Running the generator
again removes the previous load data first and never touches anything else.
"""

import datetime
import random
import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from demo.load.pages import load_bases, write_courses
from demo.load.plan import (
    PLACE_TAKING,
    plan_courses,
    plan_enrolments,
    plan_lessons,
    plan_sessions,
)
from demo.load.records import (
    write_learner_records,
    write_sessions,
    write_staff,
    write_trainees,
)
from demo.load.rows import Writer
from demo.load.size import (
    COURSE_SLUG_PREFIX,
    DEFAULT_SEED,
    LOAD_DOMAIN,
    LoadSize,
    load_data_delete,
    load_data_size,
    load_size_check,
    other_enrolments_count,
)
from training.services.figures import figures_rebuild

__all__ = [
    "COURSE_SLUG_PREFIX",
    "DEFAULT_SEED",
    "LOAD_DOMAIN",
    "PLACE_TAKING",
    "LoadSize",
    "load_data_delete",
    "load_data_generate",
    "load_data_size",
    "load_size_check",
    "other_enrolments_count",
]


@transaction.atomic
def load_data_generate(
    *,
    size: LoadSize,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    courses_per_base: int = 3,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Replace any earlier load data with a new set of exactly `size`.
    The same seed and day give the same data. Returns the counts written."""
    load_size_check(size)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not security
    started = time.monotonic()
    step = [started]

    def done(message: str) -> None:
        now = time.monotonic()
        log(f"{message} ({now - step[0]:.1f} s)")
        step[0] = now

    load_data_delete(courses=False, log=log)
    step[0] = time.monotonic()
    bases = load_bases(size.bases)
    courses = plan_courses(rng, len(bases), courses_per_base)
    sessions = plan_sessions(rng, size, courses, today)
    enrolments = plan_enrolments(rng, size, sessions, today)
    plan_lessons(rng, courses, enrolments, size.progress)
    done(
        f"Planned {len(sessions)} sessions and {len(enrolments)} enrolments "
        f"at {len(bases)} bases"
    )
    built = write_courses(courses, bases)
    done(
        f"Course pages: {len(courses)} with {sum(c.lessons for c in courses)} "
        f"lessons ({built} pages built, the rest reused)"
    )
    writer = Writer()
    password = make_password(None)  # unusable: nobody signs in as them
    instructors = write_staff(writer, bases, password)
    write_sessions(sessions, courses, bases, instructors)
    done(f"Wrote {len(sessions)} sessions")
    first_trainee, names = write_trainees(rng, writer, size, bases, password, today)
    done(f"Wrote {size.trainees} trainees with their access needs")
    counts = write_learner_records(
        rng, writer, enrolments, first_trainee, bases, instructors, names, today
    )
    writer.reset_sequences()
    done(
        "Wrote {enrolments} enrolments, {certificates} certificates, "
        "{outcomes} outcomes and {progress} lesson progress rows".format(**counts)
    )
    # Fresh planner statistics, so counting the figures and the first report
    # are planned for this size (without them PostgreSQL plans the rebuild's
    # queries for empty tables: minutes at federation scale).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The bulk writes send no signals: count the dashboard's figures afresh.
    figures_rebuild()
    done("Counted the dashboard's figures")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done("Analysed the tables")
    log(f"Load data ready in {time.monotonic() - started:.1f} s")
    return {"sessions": len(sessions), "trainees": size.trainees, **counts}
