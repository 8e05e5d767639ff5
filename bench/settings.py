"""Settings for the benchmark: the project's own, with DEBUG off (as in
production), plain static files (no collectstatic needed) and, unless
DATABASE_URL says otherwise, a SQLite file of its own in /tmp, never the
developer's var/db.sqlite3."""

import os

import dj_database_url

from lms.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
BENCH_SQLITE = "sqlite:////tmp/lms-bench.sqlite3"
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(BENCH_SQLITE)}
