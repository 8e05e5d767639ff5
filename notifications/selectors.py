from django.db.models import QuerySet

from notifications.models import Delivery, Notification, NotificationSettings


def messages_for(user) -> QuerySet[Notification]:
    """A person's messages, newest first. Rendering needs only `data`, so a
    page of them costs one query."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def settings_for(user) -> NotificationSettings:
    """The person's choice, or the defaults (unsaved) when they never chose."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def deliveries_for_admin() -> QuerySet[Delivery]:
    return Delivery.objects.select_related("notification__recipient")
