"""Settings are checked in fresh processes, as a deployment would load them."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]


def _clean_env() -> dict[str, str]:
    """The environment a deployment would have: none of the test-only switches."""
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in dropped}


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


def test_production_cache_is_shared_by_all_workers():
    script = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps(settings.CACHES['default']))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "s" * 60,
    }
    base_env = _clean_env()
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "DatabaseCache" in out
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base_env, **env, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "RedisCache" in out


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
