"""Wagtail admin: "Message deliveries", read-only, with a "Retry" for a
failed delivery (for those allowed to change deliveries: superusers)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from notifications import selectors, services
from notifications.models import Delivery

RETRY_LABEL = _("Retry")


def can_retry(user) -> bool:
    return user.is_active and user.has_perm("notifications.change_delivery")


class DeliveryViewOnlyPolicy(ModelPermissionPolicy):
    """Deliveries are a record: viewed, never added, edited or deleted by hand
    (a retry goes through its own view)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.deliveries_for_admin()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Delivery.Status.FAILED and can_retry(self.request.user):
            buttons.insert(
                0,
                MenuItem(
                    RETRY_LABEL,
                    url=reverse("delivery:retry", args=(instance.pk,)),
                    icon_name="rotate",
                    priority=5,
                ),
            )
        return buttons


class DeliveryRetryView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page, then the retry (services.delivery_retry)."""

    template_name = "notifications/admin/delivery_retry.html"
    page_title = RETRY_LABEL
    header_icon = "rotate"

    def dispatch(self, request, pk):
        if not can_retry(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            Delivery.objects.select_related("notification__recipient"), pk=pk
        )
        return super().dispatch(request, pk=pk)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("delivery:index"), "label": _("Message deliveries")},
            {"url": "", "label": RETRY_LABEL},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            delivery=self.object, index_url=reverse("delivery:index"), **kwargs
        )

    def post(self, request, pk):
        if services.delivery_retry(delivery=self.object):
            messages.success(request, gettext("The delivery will be tried again."))
        else:
            messages.info(request, gettext("This delivery has not failed."))
        return redirect("delivery:index")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "mail"
    menu_label = _("Message deliveries")
    menu_order = 260
    add_to_admin_menu = True
    form_fields = ["status"]
    list_display = [
        "notification",
        "channel",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "updated_at",
    ]
    list_filter = ["status", "channel"]
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", DeliveryRetryView.as_view(), name="retry"),
        ]
