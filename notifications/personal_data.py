"""What a person's data download shows of their messages, and what
anonymising them erases. `accounts.personal_data` is a higher layer, so the
providers are registered from training (`training/apps.py`), which may import
both."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from notifications import rendering
from notifications.models import Notification, NotificationSettings


def messages(person) -> list[dict]:
    """Each message as the person reads it (under their language), with how
    it was delivered."""
    language = get_language()
    records = []
    for notification in (
        Notification.objects.filter(recipient=person)
        .prefetch_related("deliveries")
        .order_by("created_at", "pk")
    ):
        try:
            rendered = rendering.render(notification, language=language)
            subject, text = rendered.subject, rendered.text
        except LookupError:
            subject, text = notification.kind, ""
        records.append(
            {
                _("message"): subject,
                _("text"): text,
                _("created at"): notification.created_at.isoformat(),
                _("read at"): (
                    notification.read_at.isoformat() if notification.read_at else None
                ),
                _("delivery"): [
                    {
                        _("channel"): delivery.get_channel_display(),
                        _("status"): delivery.get_status_display(),
                        _("sent at"): (
                            delivery.sent_at.isoformat() if delivery.sent_at else None
                        ),
                    }
                    for delivery in notification.deliveries.all()
                ],
            }
        )
    return records


def messages_anonymise(person, former) -> None:
    """Messages are about the person and nothing counts them: deleted."""
    Notification.objects.filter(recipient=person).delete()


def settings_records(person) -> list[dict]:
    return [
        {
            _("by email"): _("Yes") if s.email else _("No"),
            _("by text message"): _("Yes") if s.sms else _("No"),
        }
        for s in NotificationSettings.objects.filter(user=person)
    ]


def settings_anonymise(person, former) -> None:
    NotificationSettings.objects.filter(user=person).delete()
