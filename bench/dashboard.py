"""How long the federation dashboard takes at federation scale, next to one
plain COUNT(*) over enrolments on the same database connection.

    .venv/bin/python bench/dashboard.py                  # SQLite, /tmp/lms-bench.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/dashboard.py
    .venv/bin/python bench/dashboard.py --scale 0.01     # a quick run

It migrates the database, generates the load data (manage.py
generate_load_data) unless the same amount is already there, signs in as an
auditor with Django's test client and reports the median server time of the
dashboard (no filters, then with filters), the queries it ran and the ratio
to the COUNT(*). Absolute times depend on the machine: compare ratios.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from accounts.models import StaffRole, TrainingBase, User  # noqa: E402
from demo.load import (  # noqa: E402
    DEFAULT_SEED,
    LoadSize,
    load_data_generate,
    load_data_size,
    other_enrolments_count,
)
from federation.selectors import dashboard as figures  # noqa: E402
from training.models import (  # noqa: E402
    CountedPlace,
    SessionFigures,
    TrainingSession,
)
from training.services.figures import figures_rebuild  # noqa: E402

# Not a load-data address: regenerating the data leaves this user (and the
# report-access log that points at them) alone.
AUDITOR_EMAIL = "auditor@bench.example.org"
COUNT_SQL = "SELECT COUNT(*) FROM training_enrolment"


def auditor() -> User:
    user, _ = User.objects.get_or_create(
        email=AUDITOR_EMAIL, defaults={"name": "Benchmark auditor"}
    )
    StaffRole.objects.get_or_create(user=user, role=StaffRole.Role.AUDITOR, base=None)
    return user


def cases() -> list[tuple[str, dict]]:
    """The full dashboard, then a few filters an auditor would use."""
    today = timezone.localdate()
    sessions = TrainingSession.objects.filter(course__slug__startswith="load-")
    base = TrainingBase.objects.filter(sessions__in=sessions).order_by("pk").first()
    last_year = {"date_from": today.replace(year=today.year - 1).isoformat()}
    return [
        ("dashboard, no filters", {}),
        ("last 12 months", last_year),
        ("last 12 months, hearing", {**last_year, "category": "hearing"}),
        (
            "one base, online, livestream",
            {
                "base": base.pk if base else "",
                "delivery_mode": "online",
                "skill_area": "livestream_ecommerce",
            },
        ),
        ("sessions table, page 3", {"page": 3}),
    ]


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def count_enrolments() -> int:
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL)
        return cursor.fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="Multiply every default size (17 bases, 2,000 sessions, 100,000 "
        "trainees, 200,000 enrolments, 2,000,000 progress rows) by this.",
    )
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per case.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--regenerate",
        action="store_true",
        help="Generate the load data even when the same amount is there.",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="Go ahead although the database holds enrolments that are not load data.",
    )
    args = parser.parse_args()

    vendor = connection.vendor
    name = connection.settings_dict["NAME"]
    print(f"Database: {vendor} ({name})")
    call_command("migrate", verbosity=0)

    size = LoadSize().scaled(args.scale)
    if args.regenerate or load_data_size() != size:
        others = other_enrolments_count()
        if others and not args.yes:
            print(
                f"Refusing: this database holds {others} enrolments that are not "
                "load data. Point DATABASE_URL at a database for load tests, or "
                "pass --yes.",
                file=sys.stderr,
            )
            return 2
        print(f"Generating {size}")
        load_data_generate(size=size, seed=args.seed, log=print)
    else:
        print(f"Reusing the load data already there: {size}")
        if not (SessionFigures.objects.exists() and CountedPlace.objects.exists()):
            # Load data generated before the dashboard kept its figures (or
            # its places, for people counted within dates).
            print("Counting the dashboard's kept figures (rebuild_report_figures)")
            figures_rebuild()

    client = Client()
    client.force_login(auditor())
    with translation.override("en"):
        url = reverse("federation:dashboard")

    count_enrolments()  # warm-up
    count_ms = median_ms(count_enrolments, max(args.runs, 21))
    print(f"\nSELECT COUNT(*) FROM training_enrolment: {count_ms:.2f} ms (median)")
    print(f"  ({count_enrolments()} rows)\n")

    header = (
        f"{'case':<34} {'cold ms':>9} {'x COUNT':>8} {'queries':>8}"
        f" {'warm ms':>9} {'x COUNT':>8} {'queries':>8}"
        f" {'figures ms':>10} {'x COUNT':>8}"
    )
    print(header)
    print("-" * len(header))
    for label, query in cases():

        def get(query=query, label=label):
            response = client.get(url, query)
            if response.status_code != 200:
                raise SystemExit(f"{label}: HTTP {response.status_code}")
            return response

        def cold(get=get):
            # Figures are counted afresh: nothing kept from an earlier request.
            cache.clear()
            return get()

        get()  # warm-up
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            get()
        cold_queries = len(queries)  # read now: the next request clears the log
        with CaptureQueriesContext(connection) as queries:
            get()
        warm_queries = len(queries)
        cold_ms = median_ms(cold, args.runs)
        warm_ms = median_ms(get, args.runs)
        # The figures alone (federation.selectors.dashboard.compute), without
        # the page around them: routing, middleware, suppression, template.
        filters = figures.Filters(
            **{
                key: (
                    int(value)
                    if key in ("base", "course", "session")
                    else datetime.date.fromisoformat(value)
                    if key.startswith("date_")
                    else value
                )
                for key, value in query.items()
                if key != "page" and value != ""
            }
        )
        figures_ms = median_ms(
            lambda filters=filters: figures.compute(filters), args.runs
        )
        print(
            f"{label:<34} {cold_ms:>9.1f} {cold_ms / count_ms:>8.1f} {cold_queries:>8}"
            f" {warm_ms:>9.1f} {warm_ms / count_ms:>8.1f} {warm_queries:>8}"
            f" {figures_ms:>10.1f} {figures_ms / count_ms:>8.1f}"
        )
    print(
        "\nTarget: the full dashboard within 5x the COUNT(*). Times are medians "
        "after one warm-up request. Cold: the figures are counted afresh (cache "
        "cleared before each request). Warm: the same filters again within two "
        "minutes, when the counted figures come from the shared cache (paging, "
        "downloads, a colleague's bookmark). Figures: the dashboard's figures "
        "counted afresh, without the page (no routing, suppression or template)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
