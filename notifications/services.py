"""Writes: creating notifications, delivering them, retrying, read marks and
each person's choice of channels.

`notify()` records the message in the caller's transaction (so a rolled-back
change tells nobody) and enqueues its delivery once that transaction commits.
Delivery runs in a worker: each channel's attempt is claimed by bumping its
attempt count (so two workers never send the same one), then marked sent or
failed with the error. Failed deliveries are retried by
`manage.py send_scheduled_notices` until NOTIFICATION_MAX_ATTEMPTS, and by an
admin's "Retry" at any time."""

import datetime
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import user_cache
from notifications import kinds, selectors
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.tasks import deliver_notification

logger = logging.getLogger(__name__)

Channel = Delivery.Channel
Status = Delivery.Status

# Queued deliveries older than this are enqueued again (their task was lost,
# e.g. the process stopped between commit and enqueue).
STALE_QUEUED = datetime.timedelta(minutes=15)


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 5))


def _enqueue(notification_id: int) -> None:
    deliver_notification.enqueue(notification_id)


def enqueue_on_commit(notification_id: int) -> None:
    transaction.on_commit(lambda: _enqueue(notification_id))


def notify(
    recipient,
    kind: str,
    data: dict,
    dedupe_key: str | None = None,
    *,
    email_to: str = "",
) -> Notification:
    """Tell `recipient` about an event of `kind`. With a `dedupe_key`, the
    same event told again returns the first notification and sends nothing.
    The in-app message exists at once; email and text message follow from a
    worker once the caller's transaction commits. `email_to` sends the email
    to that address whatever the person chose (the notice that their account
    was deleted, to the address they had); it is erased once sent."""
    kinds.get(kind)
    key = dedupe_key or f"once:{uuid.uuid4().hex}"
    existing = Notification.objects.filter(recipient=recipient, dedupe_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, data=data, dedupe_key=key
            )
    except IntegrityError:
        return Notification.objects.get(recipient=recipient, dedupe_key=key)
    choice = selectors.settings_for(recipient)
    now = timezone.now()
    deliveries = [
        Delivery(
            notification=notification,
            channel=Channel.IN_APP,
            status=Status.SENT,
            sent_at=now,
        )
    ]
    if email_to:
        deliveries.append(
            Delivery(notification=notification, channel=Channel.EMAIL, address=email_to)
        )
    elif choice.email and recipient.email:
        deliveries.append(Delivery(notification=notification, channel=Channel.EMAIL))
    if choice.sms and recipient.phone and not email_to:
        deliveries.append(Delivery(notification=notification, channel=Channel.SMS))
    Delivery.objects.bulk_create(deliveries)
    if len(deliveries) > 1:
        enqueue_on_commit(notification.pk)
    return notification


def deliveries_retry(*, now: datetime.datetime | None = None) -> int:
    """Enqueue again every notification with a failed delivery under the
    attempt cap, or a queued one whose task was lost. Returns how many
    notifications were enqueued."""
    now = now or timezone.now()
    ids = set(
        Delivery.objects.filter(
            Q(status=Status.FAILED, attempts__lt=max_attempts())
            | Q(status=Status.QUEUED, updated_at__lt=now - STALE_QUEUED)
        ).values_list("notification_id", flat=True)
    )
    for notification_id in sorted(ids):
        enqueue_on_commit(notification_id)
    return len(ids)


@transaction.atomic
def delivery_retry(*, delivery: Delivery) -> bool:
    """An admin's "Retry": a failed delivery goes back to the queue, whatever
    its attempt count. False when it is not failed."""
    updated = Delivery.objects.filter(pk=delivery.pk, status=Status.FAILED).update(
        status=Status.QUEUED, updated_at=timezone.now()
    )
    if updated:
        enqueue_on_commit(delivery.notification_id)
    return bool(updated)


def notification_mark_read(*, user, notification_id: int) -> bool:
    updated = Notification.objects.filter(
        pk=notification_id, recipient=user, read_at__isnull=True
    ).update(read_at=timezone.now())
    # A queryset update sends no signal: the header's kept count is forgotten here.
    user_cache.forget(user.pk, selectors.UNREAD_PART)
    return bool(updated)


def notifications_mark_all_read(*, user) -> int:
    updated = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    user_cache.forget(user.pk, selectors.UNREAD_PART)
    return updated


def notification_settings_save(*, user, email: bool, sms: bool) -> NotificationSettings:
    """Text messages only to a person with a phone number."""
    choice, _ = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email": email, "sms": bool(sms and user.phone)}
    )
    return choice
