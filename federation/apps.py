from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation reports")

    def ready(self):
        from federation.personal_data import register_federation_providers

        register_federation_providers()
