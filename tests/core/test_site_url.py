"""Absolute links come from the site's address (SITE_URL), never from the host
a request came in on: the certificate page, its PDF, credential ids and the
issuer document, the calendar feed link, notification e-mails and allauth's
mails (reset, confirm, sign up). Production refuses to start without an https
SITE_URL."""

import datetime
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from accounts.models import StaffRole
from core.net import absolute_url, site_host
from federation.services import barriers
from notifications import services as notification_services
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training import notices
from training.models import Certificate, Meeting
from training.selectors.certificates import code_display
from training.services.calendars import calendar_feed_create
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://lms.example.cn"
# The hosts a development server or a test client answers on.
STRAY_HOSTS = ("127.0.0.1", "localhost", "testserver")
HOST = "127.0.0.1:8000"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    settings.WAGTAILADMIN_BASE_URL = SITE
    return SITE


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _no_stray_host(text: str) -> None:
    for host in STRAY_HOSTS:
        assert host not in text, f"{host} in {text[:2000]}"


def _links(text: str) -> list[str]:
    return re.findall(r"(?:https?|webcal)://[^\s\"'<>]+", text)


@pytest.fixture
def session(site_pages):
    return training_factories.session(name="直播电商 秋季班", name_en="Live selling")


@pytest.fixture
def certificate(session):
    trainee = UserFactory(name="张伟", email="zhang.wei@example.org")
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    certificate = certificate_issue(enrolment=enrolment, actor=trainee)
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title_en="Livestream E-commerce Basics"
    )
    certificate.refresh_from_db()
    return certificate


# The one function


def test_absolute_url_joins_the_site_address_and_a_path(settings):
    settings.SITE_URL = "https://lms.example.cn/"
    assert absolute_url("/verify/AB/") == "https://lms.example.cn/verify/AB/"
    assert absolute_url("calendar/x.ics") == "https://lms.example.cn/calendar/x.ics"
    assert absolute_url("/") == "https://lms.example.cn/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"
    settings.SITE_URL = "https://lms.example.cn:8443"
    assert absolute_url("/a?b=1") == "https://lms.example.cn:8443/a?b=1"
    assert site_host() == "lms.example.cn"
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.cn"
    assert absolute_url("/admin/x/", admin=True) == "https://admin.example.cn/admin/x/"


def test_wagtail_links_follow_the_site_address():
    # The test settings set both from one value, as base.py does by default.
    assert django_settings.WAGTAILADMIN_BASE_URL == django_settings.SITE_URL


# Certificates and credentials


def test_certificate_page_and_pdf_print_the_site_address(client, site, certificate):
    code = code_display(certificate.code)
    expected = f"{SITE}/verify/{code}/"
    client.force_login(certificate.enrolment.trainee)
    for language in ("zh-hans", "en"):
        response = client.get(
            _url("certificate_detail", certificate.code, language=language),
            headers={"host": HOST},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert expected in page
        _no_stray_host(" ".join(_links(page)))
    response = client.get(
        _url("certificate_pdf", certificate.code), headers={"host": HOST}
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    squashed = re.sub(r"\s+", "", text)
    assert expected in squashed
    _no_stray_host(squashed)


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_credential_ids_and_issuer_documents_use_the_site_address(
    client, site, certificate
):
    client.force_login(certificate.enrolment.trainee)
    response = client.get(
        _url("credential_json", code_display(certificate.code)), headers={"host": HOST}
    )
    assert response.status_code == 200
    credential = json.loads(response.content)
    assert credential["id"] == f"{SITE}/verify/{code_display(certificate.code)}/"
    assert credential["issuer"]["id"] == f"{SITE}/credentials/issuer.json"
    assert credential["issuer"]["url"] == f"{SITE}/"
    contexts = set(credential["@context"])
    ours = [
        s for s in _strings(credential) if s.startswith("http") and s not in contexts
    ]
    assert ours and all(s.startswith(f"{SITE}/") for s in ours), ours

    client.logout()
    issuer = client.get("/credentials/issuer.json", headers={"host": HOST}).json()
    assert issuer["id"] == f"{SITE}/credentials/issuer.json"
    assert issuer["publicKey"] == f"{SITE}/.well-known/jwks.json"
    _no_stray_host(json.dumps(issuer))


# Calendars


def test_calendar_link_and_event_ids_use_the_site_address(client, site, session):
    trainee = UserFactory(preferred_language="en")
    feed = calendar_feed_create(user=trainee)
    client.force_login(trainee)
    response = client.get(_url("calendar_page"), headers={"host": HOST})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{SITE}/calendar/{feed.token}.ics" in page
    assert f"webcal://lms.example.cn/calendar/{feed.token}.ics" in page
    _no_stray_host(" ".join(_links(page)))

    meeting = Meeting.objects.create(
        session=session,
        day=timezone.localdate() + datetime.timedelta(days=3),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(11, 0),
    )
    response = client.get(_url("session_calendar", session.pk), headers={"host": HOST})
    assert f"UID:meeting-{meeting.pk}@lms.example.cn" in response.content.decode()


# Mail


def test_notification_email_links_use_the_site_address(
    settings, site, session, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    mail.outbox = []
    trainee = UserFactory(preferred_language="en")
    data = {**notices.session_data(session), "enrolment_id": 1}
    with django_capture_on_commit_callbacks(execute=True):
        notification_services.notify(trainee, notices.ENROLLED, data, dedupe_key="x")
    [message] = mail.outbox
    links = _links(message.body)
    assert f"{SITE}/en/messages/settings/" in links
    assert links and all(link.startswith(f"{SITE}/") for link in links), links


def test_barrier_report_mail_links_to_the_admin_on_the_site_address(
    db, site, django_capture_on_commit_callbacks
):
    mail.outbox = []
    StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None)
    with django_capture_on_commit_callbacks(execute=True):
        barriers.barrier_report_create(
            page_url="/en/profile/", what_happened="The button has no name."
        )
    [message] = mail.outbox
    assert f"{SITE}/admin/barrier_reports/edit/" in message.body
    _no_stray_host(message.body)


def test_password_reset_mail_uses_the_site_address(client, site, site_pages):
    mail.outbox = []
    user = UserFactory(email="reset@example.org")
    response = client.post(
        "/en/accounts/password/reset/", {"email": user.email}, headers={"host": HOST}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    links = _links(message.body)
    assert any(
        link.startswith(f"{SITE}/en/accounts/password/reset/key/") for link in links
    ), message.body
    _no_stray_host(message.body)


def test_unknown_account_and_confirmation_mails_use_the_site_address(
    client, site, site_pages
):
    mail.outbox = []
    client.post(
        "/en/accounts/password/reset/",
        {"email": "nobody@example.org"},
        headers={"host": HOST},
    )
    client.post(
        "/en/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-2026!",
            "password2": "a-long-pass-2026!",
        },
        headers={"host": HOST},
    )
    assert len(mail.outbox) == 2, [m.subject for m in mail.outbox]
    unknown, confirmation = mail.outbox
    assert f"{SITE}/en/accounts/signup/" in _links(unknown.body)
    assert any(
        link.startswith(f"{SITE}/en/accounts/confirm-email/")
        for link in _links(confirmation.body)
    ), confirmation.body
    for message in mail.outbox:
        _no_stray_host(message.body)


# Settings, loaded as a deployment would


def _env(**extra: str) -> dict[str, str]:
    dropped = {
        "SITE_URL",
        "WAGTAILADMIN_BASE_URL",
        "ALLOWED_HOSTS",
        "EMAIL_BACKEND",
        "SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
    }
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="p" * 60,
        EMAIL_HOST="smtp.example.org",
        CREDENTIAL_SIGNING_KEY=django_settings.CREDENTIAL_SIGNING_KEY,
    )
    env.update(extra)
    return env


def _load(env: dict[str, str]) -> subprocess.CompletedProcess:
    script = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL,"
        " settings.ALLOWED_HOSTS]))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("value", ["", "http://lms.example.cn", "https://x.cn/lms/"])
def test_production_refuses_to_start_without_an_https_site_url(value):
    result = _load(_env(SITE_URL=value))
    assert result.returncode != 0
    assert "SITE_URL must be" in result.stderr


def test_production_takes_its_addresses_from_site_url():
    result = _load(_env(SITE_URL="https://lms.example.cn/"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [SITE, SITE, ["lms.example.cn"]]
    result = _load(
        _env(
            SITE_URL=SITE,
            WAGTAILADMIN_BASE_URL="https://admin.example.cn",
            ALLOWED_HOSTS="lms.example.cn,admin.example.cn",
        )
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        SITE,
        "https://admin.example.cn",
        ["lms.example.cn", "admin.example.cn"],
    ]


def test_development_defaults_to_the_development_server():
    env = _env(DJANGO_SETTINGS_MODULE="lms.settings.dev")
    result = _load(env)
    assert result.returncode == 0, result.stderr
    site_url, admin_url, _hosts = json.loads(result.stdout)
    assert site_url == admin_url == "http://127.0.0.1:8000"
