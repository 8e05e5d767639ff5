"""Settings shared by every environment.

Safe on its own: DEBUG is off and no secret lives here. dev, test and
production change only what differs. The environment is read here and
nowhere else.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LMS_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    # Translating pages: segments, progress, PO files, "needs updating"
    # (wagtail-localize replaces Wagtail's simple_translation and locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.LMSUsersAppConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "csp",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    # Ours, lowest layer first; lms wires them, demo seeds them
    "core",
    "notifications",
    "accounts",
    "courses",
    "training",
    "careers",
    "federation",
    "home",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale, CSRF and auth, so a kept page skips them all.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.notices.NoticeFocusMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.DisplayPreferencesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every Django form renders through our accessible field templates.
FORM_RENDERER = "core.forms.AccessibleFormRenderer"

# DB_CONN_MAX_AGE: seconds a connection is kept between requests (0: one per
# request). A kept connection is checked before each request reuses it, so a
# database restart does not turn the next requests into errors.
DB_CONN_MAX_AGE = int(os.environ.get("DB_CONN_MAX_AGE", "0"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=DB_CONN_MAX_AGE,
        conn_health_checks=DB_CONN_MAX_AGE != 0,
    )
}
# REPORTS_DATABASE_URL: a read replica for the federation's reports (the
# dashboard's figures); parsed like DATABASE_URL. See core/routers.py.
if os.environ.get("REPORTS_DATABASE_URL"):
    DATABASES["reports"] = dj_database_url.config(
        env="REPORTS_DATABASE_URL",
        conn_max_age=DB_CONN_MAX_AGE,
        conn_health_checks=DB_CONN_MAX_AGE != 0,
    )
REPORTS_DATABASE = "reports" if "reports" in DATABASES else None
DATABASE_ROUTERS = ["core.routers.ReportsRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Trainees land on their learning page (staff: see accounts.adapter).
LOGIN_REDIRECT_URL = "my_learning"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# django-allauth: email login, one-time codes (no cognitive test, WCAG 3.3.8),
# rate limits on (their counters live in the shared cache in production).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the email in the same browser signs the person in: one step fewer.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Six digits, no dash: easy to read aloud, type on a number pad or paste.
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
# Time to find the email and type the code (WCAG 2.2.1), and a new code on request.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_UNIQUE_EMAIL = True
# TRUSTED_PROXY_COUNT: how many proxies under our control stand in front of the
# application and append to X-Forwarded-For (0, the default: none, the client
# is REMOTE_ADDR and the header is ignored; 1: one TLS proxy, the client is the
# last address it appended). Read here once; allauth resolves the client with
# it and every rate limit (allauth's sign-in limits, the barrier form,
# certificate lookups) keys on that resolution through core.net.client_ip.
# Addresses a client wrote into the header itself sit further left and are
# never trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "无障碍职业培训 LMS"
# The site's public address (scheme, host, port if any; no path): every
# absolute link we hand out (certificate verification page and PDF,
# credential ids, the issuer and JWKS documents, calendar feeds, e-mails and
# notifications) is built from it by core.net.absolute_url, never from the
# Host of the request that happened to cause it. Production requires https.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Wagtail's own links (its notification and password-reset mails) follow it;
# WAGTAILADMIN_BASE_URL in the environment still overrides.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "m4a",
    "mp3",
    "mp4",
    "odt",
    "oga",
    "ogg",
    "ogv",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "vtt",
    "wav",
    "webm",
    "xlsx",
    "zip",
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Mail: EMAIL_BACKEND (dev default: the console), and for SMTP EMAIL_HOST,
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS or
# EMAIL_USE_SSL ("true"). Production refuses to start without a real backend.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false") == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false") == "true"

# Content-Security-Policy (django-csp, core.middleware): everything from our
# own origin, no inline script or style, no plugins, frames only from the
# same origin (Wagtail's preview), forms post only to us.
_SELF = "'self'"
_NONE = "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "media-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_SELF],
    }
}
# The Wagtail admin (/admin/) runs inline scripts and styles of its own, and
# its image chooser previews blob: and data: images.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "media-src": [_SELF, "blob:"],
        "font-src": [_SELF, "data:"],
    }
}
# No avatars fetched from Gravatar and no release check against wagtail.org:
# the admin makes no third-party request, so its policy allows none.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Permissions-Policy (django-permissions-policy): no camera, microphone,
# location, payment, USB and the like; fullscreen and picture-in-picture for
# our own videos only.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self"],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background tasks (django-tasks): messages are delivered by a worker outside
# the web request. The database backend needs no other service; run
# `manage.py db_worker` beside the web server (`make run` starts one; in
# production one or more per machine, see README "Notifications").
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Text messages (notifications/sms.py documents the interface a provider's
# backend implements). SMS_OPTIONS holds what that backend needs.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "notifications.sms.ConsoleSmsBackend")
SMS_OPTIONS: dict = {}
# A failed email or text message is retried by `send_scheduled_notices` until
# it has been tried this many times (an admin can still retry it by hand).
NOTIFICATION_MAX_ATTEMPTS = 5
# How long a trainee has to accept a place offered from the waiting list.
OFFER_HOURS = int(os.environ.get("OFFER_HOURS", "72"))

SITE_DISPLAY_NAME = _("Accessible Vocational Training")

# Certificates as Open Badges 3.0 credentials, signed with an Ed25519 key (PEM,
# PKCS#8). Production refuses to start without it; development keeps one it
# generated in CREDENTIAL_SIGNING_KEY_FILE (dev.py) when it is unset.
CREDENTIAL_SIGNING_KEY = os.environ.get("CREDENTIAL_SIGNING_KEY", "")
CREDENTIAL_SIGNING_KEY_FILE = None
CREDENTIAL_ISSUER_NAME = os.environ.get("CREDENTIAL_ISSUER_NAME", "重庆市残疾人联合会")
CREDENTIAL_ISSUER_NAME_EN = os.environ.get(
    "CREDENTIAL_ISSUER_NAME_EN", "Chongqing Disabled Persons' Federation"
)
