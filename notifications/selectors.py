from django.db.models import QuerySet

from core import user_cache
from notifications.models import Delivery, Notification, NotificationSettings


def messages_for(user) -> QuerySet[Notification]:
    """A person's messages, newest first. Rendering needs only `data`, so a
    page of them costs one query."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


UNREAD_PART = "unread_messages"


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_kept(user) -> int:
    """The unread count as the page header shows it: kept per person in the
    shared cache (core.user_cache), forgotten on every change."""
    return user_cache.value(user, UNREAD_PART)


def settings_for(user) -> NotificationSettings:
    """The person's choice, or the defaults (unsaved) when they never chose."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def deliveries_for_admin() -> QuerySet[Delivery]:
    return Delivery.objects.select_related("notification__recipient")
