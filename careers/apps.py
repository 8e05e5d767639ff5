from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = _("Work and businesses")

    def ready(self):
        from careers.views.credentials import certificate_credential_action
        from training.registries import register_certificate_action

        register_certificate_action(certificate_credential_action)

        from careers import receivers  # noqa: F401
        from careers.personal_data import register_providers

        register_providers()
