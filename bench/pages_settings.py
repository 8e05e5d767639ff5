"""Settings for the page benchmark (bench/pages.py): production's own
(lms/settings/production.py: DEBUG off, whitenoise with compressed, hashed
static files, the shared cache and cached sessions as configured there), with
only what a run on one machine needs changed:

- the demo's SQLite database, static and media files in a throwaway folder
  (BENCH_PAGES_DIR, by default var/bench-pages), never var/db.sqlite3;
- the bench URLconf (bench/urls.py): the project's URLs plus a bare view;
- 127.0.0.1 and the test client as hosts; mail kept in memory (a page
  request sends none).

The load generator sends `X-Forwarded-Proto: https`, as production's TLS
proxy does, so the HTTPS redirect, secure cookies and HSTS stay as they are.
Without REDIS_URL production keeps its cache in the database, and so does
this run; with REDIS_URL it uses that Redis."""

import os
from pathlib import Path

BENCH_PAGES_DIR = Path(
    os.environ.get(
        "BENCH_PAGES_DIR",
        Path(__file__).resolve().parent.parent / "var" / "bench-pages",
    )
)

# What production insists on, given bench values before it is read.
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")
os.environ.setdefault("SITE_URL", "https://lms.bench.invalid")
os.environ.setdefault("EMAIL_HOST", "127.0.0.1")
os.environ["LMS_VAR_DIR"] = str(BENCH_PAGES_DIR)
if not os.environ.get("CREDENTIAL_SIGNING_KEY"):
    # bench/pages.py makes one key for every process of a run; this one is
    # for a process started by hand.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    os.environ["CREDENTIAL_SIGNING_KEY"] = (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )

from lms.settings.production import *  # noqa: E402, F403
from lms.settings.production import DATABASES as _PRODUCTION_DATABASES  # noqa: E402

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BENCH_PAGES_DIR / "db.sqlite3"),
        # Kept between requests as production keeps them (DB_CONN_MAX_AGE).
        "CONN_MAX_AGE": _PRODUCTION_DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": _PRODUCTION_DATABASES["default"]["CONN_HEALTH_CHECKS"],
    }
}
STATIC_ROOT = BENCH_PAGES_DIR / "static"
MEDIA_ROOT = BENCH_PAGES_DIR / "media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
