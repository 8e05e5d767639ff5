from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared helpers")

    def ready(self):
        from core import sites
        from core.admin_language import lazy_chooser_labels

        lazy_chooser_labels()
        sites.install()
