"""Requests per second of the site's main pages, each as a ratio to a bare
view served by the same stack (issue 13; `make bench-pages`).

    .venv/bin/python bench/pages.py                 # 10 s of load per page
    .venv/bin/python bench/pages.py --duration 5    # a quicker run
    .venv/bin/python bench/pages.py --fresh         # seed the demo again

1. Prepares the demo in a throwaway folder (BENCH_PAGES_DIR, default
   var/bench-pages): the first run (or --fresh) migrates a new SQLite
   database and runs `seed_demo` (minutes) and keeps a copy of it; every run
   starts from a fresh copy of that seeded database, migrates it, creates the
   database cache table and collects the static files (whitenoise, hashed and
   compressed, as production does).
2. With production's settings (bench/pages_settings.py) and the bench
   URLconf (bench/urls.py: the project's URLs plus /bench/bare/, which
   answers "ok"), finds the pages: home, catalogue, a course, one of its
   lessons, the same lesson for a demo trainee with access needs
   (trainee01), My learning (trainee01), the roster of that trainee's
   session for an instructor of its base, a question of trainee01's quiz
   attempt (resumed) and the federation dashboard for the demo auditor. Signs
   each person in once with Django's test client and hands the session
   cookie to the load generator.
3. Counts each page's queries in this process with the test client (after
   one request that warms the caches; not timed).
4. Serves the site with gunicorn (2 workers, 127.0.0.1, a free port) and,
   for the bare view and then each page, runs locust headless (FastHttpUser,
   `--users` users without pause, `--duration` seconds) after a few warm-up
   requests, and reads its requests per second.
5. Fetches each page's HTML, stylesheets and scripts from gunicorn and adds
   up their size compressed with gzip level 6; notes scripts in <head>
   without defer/async/module (render-blocking).
6. Prints a Markdown table: page, req/s, ratio to the bare view, queries,
   weight, blocking scripts, the issue's goal.

No figure here is asserted anywhere: the machine is shared and noisy, so
compare ratios from the same run.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pages_settings"
BENCH_PAGES_DIR = Path(
    os.environ.setdefault("BENCH_PAGES_DIR", str(ROOT / "var" / "bench-pages"))
)
DB = BENCH_PAGES_DIR / "db.sqlite3"
SEEDED = BENCH_PAGES_DIR / "seeded.sqlite3"
LOCUST = ROOT / "var" / "bench-venv" / "bin" / "locust"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
GUNICORN = Path(sys.executable).parent / "gunicorn"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def _signing_key() -> str:
    """One credential-signing key for every process of the run."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def prepare_files(fresh: bool) -> bool:
    """Before Django starts: a fresh copy of the seeded database. Returns
    whether the demo must be seeded (no seeded copy yet, or --fresh)."""
    if fresh and BENCH_PAGES_DIR.exists():
        shutil.rmtree(BENCH_PAGES_DIR)
    BENCH_PAGES_DIR.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    if SEEDED.exists():
        shutil.copyfile(SEEDED, DB)
        return False
    return True


os.environ.setdefault("CREDENTIAL_SIGNING_KEY", _signing_key())


@dataclass
class Page:
    name: str
    path: str
    user_email: str = ""
    goal: str = ""
    cookie: str = ""


def setup_django(seed: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    print(f"Demo database: {DB}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if seed:
        started = time.monotonic()
        print("Seeding the demo (seed_demo; takes minutes) ...", flush=True)
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        connections.close_all()
        shutil.copyfile(DB, SEEDED)
        print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)
    print("Collecting static files ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def find_pages() -> list[Page]:
    """The pages of issue 13, found in the demo."""
    from django.db import transaction
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from accounts.models import StaffRole
    from courses.models import CourseIndexPage, LessonPage
    from demo.people import demo_email
    from training.models import QuizAttempt
    from training.services.quizzes import attempt_resume

    language = "zh-hans"
    locale = Locale.objects.get(language_code=language)
    trainee_email = demo_email("trainee01")
    attempt = (
        QuizAttempt.objects.filter(
            enrolment__trainee__email=trainee_email, submitted_at__isnull=True
        )
        .select_related("enrolment__session__course", "enrolment__session__base")
        .order_by("pk")
        .first()
    )
    if attempt is None:
        raise SystemExit("The demo has no open quiz attempt for trainee01.")
    with transaction.atomic():
        attempt = attempt_resume(attempt=attempt)
    session = attempt.enrolment.session
    course = session.course.get_translation_or_none(locale) or session.course
    lesson = LessonPage.objects.live().child_of(course).order_by("path").first()
    catalogue = CourseIndexPage.objects.live().filter(locale=locale).first()
    instructor = (
        StaffRole.objects.filter(role=StaffRole.Role.INSTRUCTOR, base=session.base)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    with translation.override(language):
        return [
            Page("home, anonymous", reverse("home"), goal="≥ 0.5"),
            Page("catalogue, anonymous", catalogue.url, goal="≥ 0.5"),
            Page("course page, anonymous", course.url, goal="≥ 0.5"),
            Page("lesson, anonymous", lesson.url, goal="≥ 0.5, ≤ 30 KB"),
            Page(
                "lesson, trainee with needs",
                lesson.url,
                trainee_email,
                goal="≥ 0.2, ≤ 30 KB",
            ),
            Page("My learning", reverse("my_learning"), trainee_email, goal="≥ 0.2"),
            Page(
                "instructor roster",
                reverse("teach:roster", args=[session.pk]),
                instructor.email,
            ),
            Page(
                "quiz question",
                reverse("quiz_question", args=[attempt.pk, 1]),
                trainee_email,
            ),
            Page(
                "federation dashboard (warm)",
                reverse("federation:dashboard"),
                demo_email("auditor"),
                goal="≥ 0.1",
            ),
        ]


def sign_in(pages: list[Page]) -> None:
    """A session for each person, made once with the test client; its
    cookie goes to the load generator."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    cookies: dict[str, str] = {}
    for page in pages:
        if not page.user_email:
            continue
        if page.user_email not in cookies:
            client = Client()
            client.force_login(User.objects.get(email=page.user_email))
            name = settings.SESSION_COOKIE_NAME
            cookies[page.user_email] = f"{name}={client.cookies[name].value}"
        page.cookie = cookies[page.user_email]


def count_queries(page: Page, *, page_cache: bool = False) -> tuple[int, int]:
    """(queries, of which on the database cache table) of one request,
    after a first one that warms the caches. Refuses a page that does not
    answer 200. Without `page_cache`, the anonymous page cache is off: the
    count is that of building the page (what issue 13's 15 is about); with
    it, an anonymous page is counted as the load generator gets it, from
    the cache."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(headers=PROXY_HEADERS)
    if page.cookie:
        name, _, value = page.cookie.partition("=")
        client.cookies[name] = value
    with override_settings(PAGE_CACHE_ENABLED=page_cache):
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
    if response.status_code != 200:
        raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}")
    table = settings.CACHES["default"].get("LOCATION", "")
    on_cache = (
        sum(1 for q in queries.captured_queries if f'"{table}"' in q["sql"])
        if "DatabaseCache" in settings.CACHES["default"]["BACKEND"]
        else 0
    )
    return len(queries), on_cache


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base: str, path: str, cookie: str = "") -> tuple[int, bytes]:
    headers = {**PROXY_HEADERS, "Accept-Encoding": "identity"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(urljoin(base, path), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "lms.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            if fetch(base, "/bench/bare/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def run_locust(
    base: str, page: Page, users: int, duration: int
) -> tuple[int, int, float]:
    from bench.report import locust_totals

    for _ in range(4):  # warm the workers (and the shared cache)
        fetch(base, page.path, page.cookie)
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "run"
        env = {**os.environ, "BENCH_PATH": page.path, "BENCH_COOKIE": page.cookie}
        finished = subprocess.run(
            [
                str(LOCUST),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{duration}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            print(finished.stdout, finished.stderr, file=sys.stderr)
            raise SystemExit(f"locust gave no figures for {page.name}")
        return locust_totals(stats.read_text())


def page_weight(base: str, page: Page) -> tuple[int, list[str]]:
    """gzip-6 bytes of the page's HTML, stylesheets (and their @imports) and
    scripts; and its render-blocking scripts."""
    from bench.report import css_imports, gzip_size, page_assets

    status, html = fetch(base, page.path, page.cookie)
    if status != 200:
        raise SystemExit(f"{page.name}: {page.path} answered {status}")
    assets = page_assets(html.decode("utf-8"))
    total = gzip_size(html)
    seen: set[str] = set()
    pending = [urljoin(page.path, href) for href in assets.stylesheets]
    while pending:
        url = pending.pop(0)
        if url in seen:
            continue
        seen.add(url)
        _, css = fetch(base, url)
        total += gzip_size(css)
        pending += [urljoin(url, href) for href in css_imports(css.decode("utf-8"))]
    for src in assets.scripts:
        url = urljoin(page.path, src)
        if url not in seen:
            seen.add(url)
            total += gzip_size(fetch(base, url)[1])
    return total, assets.blocking_scripts


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{int(memory) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "RAM unknown"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {ram}, Python {sys.version.split()[0]}, "
        f"load average {load} at the start"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds per page.")
    parser.add_argument("--users", type=int, default=8, help="Concurrent users.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument(
        "--fresh", action="store_true", help="Seed the demo again (minutes)."
    )
    args = parser.parse_args()
    if not LOCUST.exists():
        print(
            f"No load generator at {LOCUST}: `make bench-pages` installs it "
            "(requirements-bench.txt).",
            file=sys.stderr,
        )
        return 2

    print(f"Machine: {machine()}", flush=True)
    setup_django(prepare_files(args.fresh))

    from django.conf import settings

    from bench.report import PageResult, results_table

    print(f"Cache: {settings.CACHES['default']['BACKEND']}")
    print(f"Sessions: {settings.SESSION_ENGINE}")
    pages = find_pages()
    sign_in(pages)
    bare = Page("bare view (HttpResponse)", "/bench/bare/")
    counts = {page.name: count_queries(page) for page in [bare, *pages]}
    hits = {
        page.name: count_queries(page, page_cache=True)
        for page in pages
        if not page.user_email
    }
    # The server must see what this process wrote (sessions, the resumed quiz).
    from django.db import connections

    connections.close_all()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(
        f"gunicorn: {args.workers} workers on {base}; locust: {args.users} users, "
        f"{args.duration} s per page",
        flush=True,
    )
    started = time.monotonic()
    server = start_gunicorn(port, args.workers)
    results: list[PageResult] = []
    try:
        for page in [bare, *pages]:
            _, failures, rps = run_locust(base, page, args.users, args.duration)
            queries, on_cache = counts[page.name]
            weight, blocking = (None, []) if page is bare else page_weight(base, page)
            results.append(
                PageResult(
                    name=page.name,
                    rps=rps,
                    failures=failures,
                    queries=queries,
                    cache_queries=on_cache,
                    weight=weight,
                    blocking=blocking,
                    goal=page.goal,
                )
            )
            print(f"  {page.name}: {rps:.1f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"Load phase: {time.monotonic() - started:.0f} s")

    print()
    print(results_table(results, results[0].rps))
    print(
        "\nWeight: HTML + CSS + JS, each gzip level 6, media and fonts aside. "
        "Queries: one warm request in-process (test client), building the page "
        "(the anonymous page cache off)."
    )
    print("Anonymous pages as served, from the page cache:")
    for name, (queries, on_cache) in hits.items():
        print(f"  {name}: {queries} queries ({on_cache} on the cache table)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
