"""Settings are checked in fresh processes, as a deployment would load them."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _clean_env() -> dict[str, str]:
    """The environment a deployment would have: none of the test-only switches."""
    dropped = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "DB_CONN_MAX_AGE",
        "TRUSTED_PROXY_COUNT",
        "WAGTAILADMIN_BASE_URL",
    }
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # Every deployment has a credential signing key (careers.keys) and its
    # public address (SITE_URL).
    env["CREDENTIAL_SIGNING_KEY"] = settings.CREDENTIAL_SIGNING_KEY
    env["SITE_URL"] = "https://lms.example.org"
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = _clean_env()
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "lms.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_is_clean():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": "x" * 64 + "-a-long-random-secret-for-the-check",
            "ALLOWED_HOSTS": "lms.example.org",
            "EMAIL_HOST": "smtp.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dev_check_is_clean():
    result = _manage(
        "check",
        "--fail-level",
        "WARNING",
        env={"DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_url_selects_postgresql():
    config = dj_database_url.parse("postgres://lms@127.0.0.1:5432/lms")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "lms"


def test_base_settings_are_safe_on_their_own():
    from lms.settings import base

    assert base.DEBUG is False
    assert base.AUTH_USER_MODEL == "accounts.User"
    assert base.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in base.LANGUAGES] == ["zh-hans", "en"]
    assert base.WAGTAIL_I18N_ENABLED is True


def test_suite_runs_on_the_database_it_was_given(db):
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    assert connection.vendor == (
        "postgresql" if url.startswith("postgres") else "sqlite"
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "p" * 60,
    "EMAIL_HOST": "smtp.example.org",
}


def _setting(expression: str, env: dict[str, str]) -> str:
    """The value of a settings expression as a fresh process loads the
    settings module with `env` (reading a setting loads the module; apps need
    not be loaded for it, which is most of a process's start)."""
    script = (
        f"import json; from django.conf import settings;print(json.dumps({expression}))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**_clean_env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()


def _production_setting(expression: str, **env: str) -> str:
    """The value of a settings expression as production loads it."""
    return _setting(expression, {**PRODUCTION, **env})


def test_production_cache_is_shared_by_all_workers():
    backend = "settings.CACHES['default']['BACKEND']"
    assert "DatabaseCache" in _production_setting(backend)
    assert "RedisCache" in _production_setting(
        backend, REDIS_URL="redis://127.0.0.1:6379/0"
    )


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_production_refuses_to_start_with_a_backend_that_sends_no_mail(backend):
    result = _manage("check", env={**PRODUCTION, "EMAIL_BACKEND": backend})
    assert result.returncode != 0
    assert "sends no mail" in result.stderr


def test_production_refuses_to_start_without_a_mail_host():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "EMAIL_HOST must be set" in result.stderr


def test_production_sends_mail_over_smtp_to_the_configured_host():
    assert _production_setting("[settings.EMAIL_BACKEND, settings.EMAIL_HOST]") == (
        '["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org"]'
    )


def test_dev_keeps_mail_in_the_console():
    backend = _setting(
        "settings.EMAIL_BACKEND", {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    )
    assert "console.EmailBackend" in backend


def test_kept_connections_are_health_checked_before_reuse():
    expression = (
        "[settings.DATABASES['default']['CONN_MAX_AGE'],"
        " settings.DATABASES['default']['CONN_HEALTH_CHECKS']]"
    )
    assert _production_setting(expression, DB_CONN_MAX_AGE="60") == "[60, true]"
    assert _production_setting(expression) == "[0, false]"


def test_trusted_proxy_count_is_read_once_and_given_to_allauth():
    expression = "[settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT]"
    assert _production_setting(expression) == "[0, 0]"
    assert _production_setting(expression, TRUSTED_PROXY_COUNT="1") == "[1, 1]"


def test_every_page_gets_a_strict_content_security_policy_and_permissions_policy(
    client,
):
    response = client.get("/en/accounts/login/")
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert "unsafe-inline" not in policy
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert "fullscreen=(self)" in permissions


def test_the_wagtail_admin_gets_its_own_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy
