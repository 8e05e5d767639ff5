from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Messages")

    def ready(self):
        # The unread count in every signed-in page's header, kept per person
        # (core.user_cache): forgotten when a message is saved or deleted, and
        # by the services that mark messages read.
        from core import user_cache
        from notifications import selectors
        from notifications.models import Notification

        user_cache.register(selectors.UNREAD_PART, selectors.unread_count)
        user_cache.forget_on(
            Notification, selectors.UNREAD_PART, lambda n: n.recipient_id
        )
