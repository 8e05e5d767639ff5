"""Revoking a certificate in the admin (federation admins only), and the
production settings' refusal to start without a signing key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.models import StaffRole
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup
from training.forms.revocation import REASON_REQUIRED
from training.models import AuditEntry, Certificate
from training.selectors.certificates import code_display
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue

URL = "/admin/certificates/revoke/"
ROOT = Path(__file__).resolve().parents[2]


def _certificate(session, trainee=None) -> Certificate:
    trainee = trainee or UserFactory()
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    return certificate_issue(enrolment=enrolment, actor=trainee)


@pytest.fixture
def certificate(db, site_pages):
    return _certificate(training_factories.session())


def _in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def fed_admin(db):
    user = StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
    return _in_english(user)


@pytest.mark.django_db
def test_a_federation_admin_finds_and_revokes_a_certificate(
    client, fed_admin, certificate
):
    client.force_login(fed_admin)
    code = code_display(certificate.code)
    page = client.get(URL, {"code": code.lower()})
    assert page.status_code == 200
    doc = soup(page)
    assert doc.select_one('form[method="post"] textarea[name="reason"]')
    response = client.post(URL, {"code": code, "reason": "Issued in error"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error"
    assert certificate.revoked_at is not None
    entry = AuditEntry.objects.get(action="certificate.revoke")
    assert (entry.actor, entry.object_id) == (fed_admin, certificate.pk)
    # Again: nothing changes, no second audit entry, no error.
    assert client.post(URL, {"code": code, "reason": "x"}).status_code == 302
    assert AuditEntry.objects.filter(action="certificate.revoke").count() == 1
    assert "Issued in error" in client.get(URL, {"code": code}).text


@pytest.mark.django_db
def test_a_reason_is_needed_and_bad_codes_are_explained(client, fed_admin, certificate):
    client.force_login(fed_admin)
    code = code_display(certificate.code)
    response = client.post(URL, {"code": code, "reason": "  "})
    assert response.status_code == 200
    # The admin answered in English (its language, not the test's).
    assert response.content.decode().count('lang="en"') >= 1
    with translation.override("en"):
        assert str(REASON_REQUIRED) in soup(response).select_one(".error-summary").text
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    for bad in ["nonsense", "ABCD-EFGH-JKLM-NPQR-STUV", "%00"]:
        assert client.get(URL, {"code": bad}).status_code == 200
        assert client.post(URL, {"code": bad, "reason": "x"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["instructor", "manager", "auditor", "trainee"])
def test_only_federation_admins_may_revoke(client, certificate, role):
    session = certificate.enrolment.session
    if role == "trainee":
        user = certificate.enrolment.trainee
    else:
        base = None if role == "auditor" else session.base
        user = StaffRoleFactory(role=role, base=base).user
    client.force_login(user)
    code = code_display(certificate.code)
    assert client.post(URL, {"code": code, "reason": "x"}).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.django_db
def test_revoke_page_queries_do_not_grow(client, fed_admin, site_pages):
    session = training_factories.session()
    certificates = [_certificate(session) for _ in range(4)]
    client.force_login(fed_admin)
    counts = []
    for certificate in (certificates[0], certificates[3]):
        url_args = {"code": code_display(certificate.code)}
        client.get(URL, url_args)
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, url_args)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_production_refuses_to_start_without_a_signing_key():
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"CREDENTIAL_SIGNING_KEY", "EMAIL_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="p" * 60,
        EMAIL_HOST="smtp.example.org",
        SITE_URL="https://lms.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CREDENTIAL_SIGNING_KEY" in result.stderr
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "CREDENTIAL_SIGNING_KEY": settings.CREDENTIAL_SIGNING_KEY},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_development_keeps_its_generated_key(tmp_path, settings):
    from careers import keys

    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "var" / "key.pem"
    first = keys.public_jwk()
    assert settings.CREDENTIAL_SIGNING_KEY_FILE.exists()
    assert settings.CREDENTIAL_SIGNING_KEY_FILE.stat().st_mode & 0o077 == 0
    keys._load.cache_clear()
    assert keys.public_jwk() == first


def test_no_key_at_all_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    from careers import keys

    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = None
    with pytest.raises(ImproperlyConfigured):
        keys.signing_key()
