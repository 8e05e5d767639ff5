from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "lms.test"]
# Links in mail, certificates and feeds use the site's address, never the
# test client's host: a test that sees "lms.test" knows where a link came from.
SITE_URL = "https://lms.test"
WAGTAILADMIN_BASE_URL = SITE_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A second alias to the same test database, as a read replica of reports
# would be (core/routers.py). Reports go there only in the tests that set
# REPORTS_DATABASE (tests/core/test_routers.py): a mirror is a second
# connection, which does not see a test's uncommitted rows.
DATABASES["reports"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
REPORTS_DATABASE = None
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate limits stay on (as in production); tests that hammer a form clear the cache.
# Tasks run at once, in the test's thread, once the transaction commits (as
# django-tasks does when TASKS is unset): Wagtail's own tasks (reference index)
# behave as before, and a test that captures on-commit callbacks sees
# notifications delivered. tests/notifications/test_worker.py runs the
# database backend and its worker end to end.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SMS_BACKEND = "notifications.sms.DummySmsBackend"


def _credential_test_key() -> str:
    """A fresh signing key per test process, never written anywhere."""
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


CREDENTIAL_SIGNING_KEY = _credential_test_key()
