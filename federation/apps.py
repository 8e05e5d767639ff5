from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation reports")

    def ready(self):
        from core.page_cache import invalidate_token_on
        from federation.models import BarrierReport
        from federation.personal_data import register_federation_providers
        from federation.selectors.barriers import SUMMARY_GENERATION_KEY
        from federation.selectors.filter_choices import PERIODS_GENERATION_KEY
        from training.models import ReportingPeriod

        register_federation_providers()
        # The barrier summary and the period shortcuts, kept for the
        # dashboard, are stale after any write to what they show.
        invalidate_token_on(SUMMARY_GENERATION_KEY, BarrierReport)
        invalidate_token_on(PERIODS_GENERATION_KEY, ReportingPeriod)
