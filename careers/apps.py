from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = _("Work and businesses")

    def ready(self):
        from careers.views.credentials import certificate_credential_action
        from training.registries import register_certificate_action

        register_certificate_action(certificate_credential_action)

        from careers.personal_data import register_business_providers

        register_business_providers()

        from careers import receivers  # noqa: F401
        from careers.personal_data_profiles import register_profile_providers

        register_profile_providers()

        from careers.personal_data_api import register_api_providers

        register_api_providers()
