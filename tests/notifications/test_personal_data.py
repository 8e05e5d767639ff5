"""A person's messages in their data download; anonymisation deletes them
and tells the person at the address they had, even when mail is down."""

import json
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command

from accounts import services as account_services
from notifications import services
from notifications.models import Delivery, Notification, NotificationSettings
from tests.factories.accounts import UserFactory
from training import notices

pytestmark = pytest.mark.django_db


class MailServerDown:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")


def _notify(person, session):
    data = {**notices.session_data(session), "enrolment_id": 1}
    return services.notify(person, notices.ENROLLED, data, dedupe_key="k")


def test_the_download_holds_messages_and_the_channel_choice(client, session, trainee):
    _notify(trainee, session)
    services.notification_settings_save(user=trainee, email=False, sms=True)
    client.force_login(trainee)
    data = json.loads(client.get("/en/profile/my-data.json").content)
    kinds = {record["kind"]: record["records"] for record in data["records"]}
    [message] = kinds["notifications.messages"]
    assert "Livestream selling, autumn" in message["message"]
    assert message["delivery"][0]["channel"]
    [choice] = kinds["notifications.settings"]
    assert choice == {"by email": "No", "by text message": "Yes"}


def test_anonymising_deletes_messages_and_tells_the_former_address_once_sent(
    settings, session, trainee, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_superuser=True)
    _notify(trainee, session)
    services.notification_settings_save(user=trainee, email=False, sms=True)
    former = trainee.email
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    with django_capture_on_commit_callbacks(execute=True):
        account_services.person_anonymise(person=trainee, actor=admin)
    assert not NotificationSettings.objects.filter(user=trainee).exists()
    [notice] = Notification.objects.filter(recipient=trainee)
    assert notice.kind == "accounts.deletion_handled" and notice.data == {}
    email = notice.deliveries.get(channel=Delivery.Channel.EMAIL)
    assert (email.status, email.address) == (Delivery.Status.FAILED, former)
    assert not notice.deliveries.filter(channel=Delivery.Channel.SMS).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_scheduled_notices", verbosity=0)
    email.refresh_from_db()
    assert (email.status, email.address) == (Delivery.Status.SENT, "")
    [message] = mail.outbox
    assert message.to == [former]
    assert message.subject == "Your account has been deleted"
    assert "/messages/" not in message.body, "they can no longer sign in"
