"""notify(), delivery through each channel, failures kept and retried."""

import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from notifications import delivery, services, sms
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.rendering import UNKNOWN_KIND, render
from tests.factories.accounts import UserFactory
from training import notices

pytestmark = pytest.mark.django_db

Status = Delivery.Status
Channel = Delivery.Channel


class MailServerDown:
    """An email backend whose server cannot be reached."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "mail.example.org is down")


class SmsProviderDown:
    def __init__(self, **options):
        pass

    def send(self, *, to, text):
        raise sms.SmsError("provider refused: quota")


def _data(session):
    return {**notices.session_data(session), "enrolment_id": 1}


def _notify(person, session, key="k1"):
    return services.notify(person, notices.ENROLLED, _data(session), dedupe_key=key)


def test_notify_records_the_message_and_delivers_by_email_after_commit(
    immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(trainee, session)
        assert mail.outbox == [], "nothing leaves before the commit"
    assert notification.read_at is None
    states = dict(notification.deliveries.values_list("channel", "status"))
    assert states == {Channel.IN_APP: Status.SENT, Channel.EMAIL: Status.SENT}
    [message] = mail.outbox
    assert message.to == [trainee.email]
    assert "Livestream selling, autumn" in message.subject  # the English name
    assert "/en/learning/" in message.body
    assert "/en/messages/settings/" in message.body
    assert sms.outbox == [], "text messages are off unless chosen"


def test_the_same_event_twice_is_told_once(
    immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(trainee, session)
        second = _notify(trainee, session)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_no_dedupe_key_means_every_call_is_its_own_message(session, trainee):
    services.notify(trainee, notices.ENROLLED, _data(session))
    services.notify(trainee, notices.ENROLLED, _data(session))
    assert Notification.objects.filter(recipient=trainee).count() == 2


def test_a_rolled_back_change_tells_nobody(
    immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _notify(trainee, session)
        raise RuntimeError
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_channels_follow_the_persons_choice(
    immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    services.notification_settings_save(user=trainee, email=False, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(trainee, session)
    states = dict(notification.deliveries.values_list("channel", "status"))
    assert states == {Channel.IN_APP: Status.SENT, Channel.SMS: Status.SENT}
    assert mail.outbox == []
    [text] = sms.outbox
    assert text["to"] == "13800138000"
    assert "Livestream selling, autumn" in text["text"]
    assert "/en/learning/" in text["text"]


def test_text_messages_need_a_phone_number(session):
    person = UserFactory(phone="")
    choice = services.notification_settings_save(user=person, email=True, sms=True)
    assert (choice.email, choice.sms) == (True, False)


def test_a_channel_turned_off_before_delivery_is_skipped(
    immediate_tasks, session, trainee, django_capture_on_commit_callbacks
):
    notification = _notify(trainee, session)  # callbacks not run: still queued
    NotificationSettings.objects.update_or_create(
        user=trainee, defaults={"email": False}
    )
    delivery.notification_deliver(notification_id=notification.pk)
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert email.status == Status.SKIPPED
    assert mail.outbox == []


def test_mail_server_down_loses_nothing_and_the_command_retries(
    immediate_tasks, settings, session, trainee, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(trainee, session)
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert (email.status, email.attempts) == (Status.FAILED, 1)
    assert "SMTPConnectError" in email.last_error
    assert "mail.example.org is down" in email.last_error
    # The message is on the Messages page all the same.
    assert notification.deliveries.get(channel=Channel.IN_APP).status == Status.SENT

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_scheduled_notices", verbosity=0)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_scheduled_notices", verbosity=0)
    assert len(mail.outbox) == 1, "a sent delivery is never sent again"


def test_retries_stop_at_the_cap_but_an_admin_can_retry(
    immediate_tasks, settings, session, trainee, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(trainee, session)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_scheduled_notices", verbosity=0)
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert (email.status, email.attempts) == (Status.FAILED, 2)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.delivery_retry(delivery=email)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 3)
    assert not services.delivery_retry(delivery=email), "only failed ones"


def test_sms_provider_down_is_kept_as_failed(
    immediate_tasks, settings, session, trainee, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = f"{__name__}.SmsProviderDown"
    services.notification_settings_save(user=trainee, email=False, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(trainee, session)
    text = notification.deliveries.get(channel=Channel.SMS)
    assert text.status == Status.FAILED
    assert "provider refused: quota" in text.last_error


def test_a_delivery_already_claimed_is_not_sent_twice(session, trainee):
    notification = _notify(trainee, session)
    email = notification.deliveries.get(channel=Channel.EMAIL)
    stale = Delivery.objects.get(pk=email.pk)
    assert delivery.delivery_attempt(delivery=email)
    assert not delivery.delivery_attempt(delivery=stale)
    assert len(mail.outbox) == 1


def test_the_console_sms_backend_prints(settings, capsys):
    settings.SMS_BACKEND = "notifications.sms.ConsoleSmsBackend"
    sms.send_sms(to="13800138000", text="你好")
    assert "SMS to 13800138000" in capsys.readouterr().out


def test_words_follow_the_language_and_unknown_kinds_do_not_break(session):
    person = UserFactory(preferred_language="zh-hans")
    notification = _notify(person, session)
    assert "直播电商 秋季班" in render(notification).subject
    assert "Livestream selling" in render(notification, language="en").subject
    notification.kind = "gone.kind"
    with translation.override("zh-hans"):
        expected = str(UNKNOWN_KIND)
    assert render(notification).subject == expected
