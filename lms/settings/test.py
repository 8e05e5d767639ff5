from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate limits stay on (as in production); tests that hammer a form clear the cache.
# Tasks are recorded, not run: a test that needs delivery runs it (see
# tests/notifications/conftest.py, which switches to the immediate backend, and
# the end-to-end test that runs the database backend's worker).
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
SMS_BACKEND = "notifications.sms.DummySmsBackend"
