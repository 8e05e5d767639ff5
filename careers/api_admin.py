"""Wagtail admin for the job platform's API, under "Work and businesses":
API clients (issue a token, shown once; revoke it) and the call log
(read-only). Federation admins only: base staff do not see the menu."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import StaffRole, User
from careers.models import ApiCall, ApiClient
from careers.permissions import can_issue_api_tokens
from careers.selectors.api import api_calls_for_admin, api_clients_for_admin
from careers.services.api_clients import api_client_issue, api_client_revoke

REVOKE_LABEL = _("Revoke the token")


class FederationAdminPolicy(ModelPermissionPolicy):
    """Rights come from the federation admin role, not Django model
    permissions. `actions` are the only ones allowed (never delete: the call
    log keeps every client)."""

    def __init__(self, model, *, actions: tuple[str, ...]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and can_issue_api_tokens(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = User.objects.filter(is_active=True)
        if not set(actions) & set(self.actions):
            return users.none()
        return users.filter(is_superuser=True) | users.filter(
            staff_roles__role=StaffRole.Role.FEDERATION_ADMIN
        )


class ApiClientIndexView(generic.IndexView):
    def get_base_queryset(self):
        return api_clients_for_admin()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and can_issue_api_tokens(self.request.user):
            buttons.insert(
                0,
                MenuItem(
                    REVOKE_LABEL,
                    url=reverse("apiclient:revoke", args=(instance.pk,)),
                    icon_name="cross",
                    priority=5,
                ),
            )
        return buttons


@method_decorator(never_cache, name="dispatch")
class ApiClientCreateView(generic.CreateView):
    """Issues the token through the service and shows it once, on the page
    that answers the form (never stored, never shown again)."""

    def save_instance(self):
        client, self.token = api_client_issue(
            name=self.form.cleaned_data["name"], actor=self.request.user
        )
        log(instance=client, action="wagtail.create", content_changed=True)
        return client

    def save_action(self):
        return ApiClientTokenView.as_view()(
            self.request, client=self.object, token=self.token
        )


class ApiClientTokenView(WagtailAdminTemplateMixin, TemplateView):
    """The answer to the create form: the token, this once."""

    template_name = "careers/admin/api_client_token.html"
    page_title = _("Token issued")
    header_icon = "key"

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("apiclient:index"), "label": _("API clients")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(index_url=reverse("apiclient:index"), **kwargs)


class ApiClientRevokeView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page, then the revocation (api_client_revoke)."""

    template_name = "careers/admin/api_client_revoke.html"
    page_title = REVOKE_LABEL
    header_icon = "cross"

    def dispatch(self, request, pk):
        if not can_issue_api_tokens(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(ApiClient, pk=pk)
        return super().dispatch(request, pk=pk)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("apiclient:index"), "label": _("API clients")},
            {"url": "", "label": REVOKE_LABEL},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            client=self.object, index_url=reverse("apiclient:index"), **kwargs
        )

    def post(self, request, pk):
        with transaction.atomic():
            client, revoked = api_client_revoke(client=self.object)
            if revoked:
                log(instance=client, action="wagtail.edit", content_changed=True)
        if revoked:
            messages.success(
                request,
                gettext("%(name)s's token is revoked: its calls are refused from now.")
                % {"name": client.name},
            )
        else:
            messages.info(request, gettext("This token was already revoked."))
        return redirect("apiclient:index")


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("API clients")
    form_fields = ["name"]
    list_display = ["name", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "token_prefix"]
    copy_view_enabled = False
    index_view_class = ApiClientIndexView
    add_view_class = ApiClientCreateView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", ApiClientRevokeView.as_view(), name="revoke"),
        ]


class ApiCallIndexView(generic.IndexView):
    def get_base_queryset(self):
        return api_calls_for_admin()


class ApiCallViewSet(ModelViewSet):
    """Who called, when, what, and its answer's status: a record, read-only."""

    model = ApiCall
    icon = "list-ul"
    menu_label = _("API calls")
    form_fields = ["path"]
    list_display = ["at", "client", "method", "path", "status_code"]
    list_filter = ["client", "status_code"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ApiCallIndexView


API_POLICIES = {
    ApiClient: FederationAdminPolicy(ApiClient, actions=("view", "add", "change")),
    ApiCall: FederationAdminPolicy(ApiCall, actions=("view",)),
}
API_VIEWSETS = (ApiClientViewSet, ApiCallViewSet)
