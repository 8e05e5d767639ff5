from django.apps import AppConfig
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


class LMSUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms for our one-name, email-login user."""

    user_viewset = "accounts.wagtail_admin.UserViewSet"
