from wagtail import hooks
from wagtail.permissions import register_permission_policy

from notifications.models import Delivery
from notifications.wagtail_admin import DeliveryViewOnlyPolicy, DeliveryViewSet

register_permission_policy(Delivery, DeliveryViewOnlyPolicy(Delivery))


@hooks.register("register_admin_viewset")
def register_message_deliveries():
    return DeliveryViewSet("delivery")
