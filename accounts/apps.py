from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("People and places")

    def ready(self):
        from accounts import notices
        from accounts.personal_data_accounts import register_accounts_providers

        register_accounts_providers()
        notices.register_kinds()
        self._register_user_cache()

    def _register_user_cache(self):
        """A signed-in page's staff roles and display settings, kept per
        person (core.user_cache) and forgotten on every write to them."""
        from accounts import permissions, selectors
        from accounts.models import DisplayPreferences, StaffRole, User
        from core import user_cache

        user_cache.register(permissions.ROLES_PART, permissions.roles_load)
        user_cache.register(selectors.DISPLAY_PART, selectors.display_load)
        user_cache.forget_on(StaffRole, permissions.ROLES_PART)
        user_cache.forget_on(DisplayPreferences, selectors.DISPLAY_PART)

        def _forget_person(sender, instance, **kwargs):
            user_cache.forget(instance.pk)

        post_delete.connect(_forget_person, sender=User, weak=False)


class LMSUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms for our one-name, email-login user."""

    user_viewset = "accounts.wagtail_admin.UserViewSet"
