from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation reports")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from federation.models import BarrierReport
        from federation.personal_data import register_federation_providers
        from federation.selectors.barriers import forget_barrier_summary
        from federation.selectors.filter_choices import forget_recent_periods
        from training.models import ReportingPeriod

        register_federation_providers()
        post_save.connect(forget_barrier_summary, sender=BarrierReport)
        post_delete.connect(forget_barrier_summary, sender=BarrierReport)
        post_save.connect(forget_recent_periods, sender=ReportingPeriod)
        post_delete.connect(forget_recent_periods, sender=ReportingPeriod)
