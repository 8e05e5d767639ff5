import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CREDENTIAL_SIGNING_KEY, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
# Credentials signed with a key made on one server would not verify on another.
if not CREDENTIAL_SIGNING_KEY:
    raise ImproperlyConfigured(
        "CREDENTIAL_SIGNING_KEY (an Ed25519 private key, PEM) must be set in the "
        "environment."
    )

# Every link we print or send (certificates, credentials, calendar feeds,
# mail) is built from SITE_URL: without it they would name whatever host the
# request came in on, and a certificate would carry that address for good.
_site = urlsplit(os.environ.get("SITE_URL", ""))
if _site.scheme != "https" or not _site.hostname or _site.path.strip("/"):
    raise ImproperlyConfigured(
        "SITE_URL must be set in the environment to the site's public https "
        "address, e.g. https://lms.example.org (no path)."
    )
if _site.query or _site.fragment or _site.username or _site.password:
    raise ImproperlyConfigured("SITE_URL must be a bare https address (no path).")
SITE_URL = f"https://{_site.netloc}"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
if not ALLOWED_HOSTS:
    # The site's own host name is the one host it answers to.
    ALLOWED_HOSTS = [_site.hostname]

# Sign-in codes, confirmations and notices go out by mail: a backend that keeps
# mail in the process (console, memory, file, dummy) would lose every one.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
_MAIL_KEPT_LOCALLY = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
if EMAIL_BACKEND in _MAIL_KEPT_LOCALLY:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND {EMAIL_BACKEND} sends no mail: set a real backend "
        "(SMTP: EMAIL_HOST and the other EMAIL_* settings) in the environment."
    )
if EMAIL_BACKEND.endswith(".smtp.EmailBackend") and not os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured("EMAIL_HOST must be set in the environment.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# One cache for every worker and server: allauth's rate limits and the
# sessions must hold across processes.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
            # Kept pages and lesson bodies (core/page_cache.py) beside the
            # sessions and renditions: Django's default of 300 entries would
            # cull them all the time.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# A request reads its session from the shared cache (with REDIS_URL, Redis:
# no database query); the database copy is written only when the session
# changes (signing in, a message) and read only when the cache lost it. The
# anonymous page cache and the lesson body fragments (core/page_cache.py)
# live in the same shared cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Wagtail's live preview shows the page in a same-origin frame, so frames stay
# SAMEORIGIN (set in base) rather than DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
