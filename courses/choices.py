"""How a course is classified: the values editors pick and the catalogue,
training records and federation reports filter on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillArea(models.TextChoices):
    LIVESTREAM_ECOMMERCE = "livestream_ecommerce", _("Livestream e-commerce")
    SHORT_VIDEO = "short_video", _("Short-video production")
    ONLINE_MARKETING = "online_marketing", _("Product selection and online marketing")
    WEB_MAINTENANCE = "web_maintenance", _("Website and digital maintenance")
    PRODUCT_INSPECTION = "product_inspection", _("Product inspection")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    BUSINESS_STARTUP = "business_startup", _("Business start-up basics")


class DeliveryMode(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site at the training base")
    BLENDED = "blended", _("Blended (online and on site)")
