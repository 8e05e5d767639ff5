"""Delivering one notification's email and text message (run by a worker,
notifications.tasks). Each channel's attempt is claimed by bumping its
attempt count, so two workers never send the same one; it is then marked
sent, failed (with the error, for a retry) or skipped (the person no longer
wants that channel, or has no address for it)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override

from notifications import rendering, selectors
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.sms import send_sms

logger = logging.getLogger(__name__)

Channel = Delivery.Channel
Status = Delivery.Status


def _email_send(
    notification: Notification, rendered: rendering.Rendered, address: str
) -> None:
    language = rendering.recipient_language(notification.recipient)
    with override(language):
        body = rendering.email_body(rendered)
    EmailMessage(
        subject=rendered.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address or notification.recipient.email],
    ).send()


def _sms_send(notification: Notification, rendered: rendering.Rendered) -> None:
    text = rendered.text
    if rendered.url:
        text = f"{text}\n{rendered.absolute_url}"
    send_sms(to=notification.recipient.phone, text=text)


def _still_wanted(delivery: Delivery, choice: NotificationSettings) -> bool:
    """The person may have changed their mind, or their address, since."""
    recipient = delivery.notification.recipient
    if delivery.address:
        return True
    if delivery.channel == Channel.EMAIL:
        return bool(choice.email and recipient.email)
    if delivery.channel == Channel.SMS:
        return bool(choice.sms and recipient.phone)
    return False


def delivery_attempt(*, delivery: Delivery) -> bool:
    """One attempt at one channel; True when it was sent. Claimed by a
    conditional update of the attempt count, so a delivery another worker is
    sending (or has sent) is left alone."""
    claimed = Delivery.objects.filter(
        pk=delivery.pk,
        status__in=[Status.QUEUED, Status.FAILED],
        attempts=delivery.attempts,
    ).update(attempts=F("attempts") + 1, updated_at=timezone.now())
    if not claimed:
        return False
    delivery.attempts += 1
    notification = delivery.notification
    choice = selectors.settings_for(notification.recipient)
    if not _still_wanted(delivery, choice):
        delivery.status = Status.SKIPPED
        delivery.save(update_fields=["status", "updated_at"])
        return False
    try:
        rendered = rendering.render(notification)
        if delivery.channel == Channel.EMAIL:
            _email_send(notification, rendered, delivery.address)
        else:
            _sms_send(notification, rendered)
    except Exception as error:  # any failure is kept and retried, never lost
        logger.warning("delivery %s failed: %r", delivery.pk, error)
        delivery.status = Status.FAILED
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        delivery.save(update_fields=["status", "last_error", "updated_at"])
        return False
    delivery.status = Status.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    delivery.address = ""
    delivery.save(
        update_fields=["status", "sent_at", "last_error", "address", "updated_at"]
    )
    return True


def notification_deliver(*, notification_id: int) -> int:
    """Attempt every waiting or failed channel of a notification."""
    deliveries = (
        Delivery.objects.filter(
            notification_id=notification_id,
            status__in=[Status.QUEUED, Status.FAILED],
        )
        .exclude(channel=Channel.IN_APP)
        .select_related("notification__recipient")
    )
    return sum(delivery_attempt(delivery=delivery) for delivery in deliveries)
