"""Message deliveries in the Wagtail admin: read-only, with a Retry."""

import smtplib

import pytest
from django.contrib.auth.models import Permission

from notifications import services
from notifications.models import Delivery
from tests.factories.accounts import UserFactory
from training import notices

pytestmark = pytest.mark.django_db


class MailServerDown:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")


@pytest.fixture
def failed(
    settings, immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    data = {**notices.session_data(session), "enrolment_id": 1}
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(trainee, notices.ENROLLED, data, dedupe_key="a")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return notification.deliveries.get(channel=Delivery.Channel.EMAIL)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_admins_see_delivery_state_and_errors(client, superuser, failed):
    client.force_login(superuser)
    response = client.get("/admin/delivery/?status=failed")
    assert response.status_code == 200
    body = response.content.decode()
    assert "SMTPServerDisconnected: gone" in body
    assert f"/admin/delivery/retry/{failed.pk}/" in body
    assert client.get(f"/admin/delivery/inspect/{failed.pk}/").status_code == 200


def test_deliveries_cannot_be_added_edited_or_deleted(client, superuser, failed):
    client.force_login(superuser)
    for path in [
        "/admin/delivery/new/",
        f"/admin/delivery/edit/{failed.pk}/",
        f"/admin/delivery/delete/{failed.pk}/",
    ]:
        assert client.get(path).status_code in (302, 403, 404), path
    client.post(f"/admin/delivery/delete/{failed.pk}/")
    assert Delivery.objects.filter(pk=failed.pk).exists()


def test_retry_asks_then_sends(
    client, superuser, failed, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(superuser)
    assert client.get(f"/admin/delivery/retry/{failed.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/delivery/retry/{failed.pk}/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.SENT
    assert len(mail.outbox) == 1


def test_only_those_allowed_may_retry(client, failed):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    # Wagtail answers a refusal with a redirect to the dashboard.
    assert client.get(f"/admin/delivery/retry/{failed.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/delivery/retry/{failed.pk}/").status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.FAILED
