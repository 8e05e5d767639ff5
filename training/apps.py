from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training records")

    def ready(self):
        from training import notices
        from training.personal_data import register_training_providers

        register_training_providers()
        notices.register_kinds()
        notices.register_personal_data()
        notices.connect()

        from training.services import figures

        figures.connect()  # the dashboard's counts follow every write

        from core.page_cache import invalidate_on

        # Course pages show the coming sessions and their places left, which
        # anonymous visitors get from the page cache.
        invalidate_on("training.TrainingSession", "training.Enrolment")
