"""Wagtail admin for people and places: users with one name field, training
bases, staff roles and the privacy records, for federation admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts import services
from accounts.models import DeletionRequest, NeedsAccessLog, StaffRole, TrainingBase
from accounts.permissions import is_federation_admin
from accounts.personal_data import providers
from accounts.personal_data_accounts import is_anonymised

CARRY_OUT_LABEL = _("Carry out: anonymise this person")

USER_FIELDS = {"email", "name", "is_superuser", "groups"}


class LMSUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = USER_FIELDS


class LMSUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = USER_FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return LMSUserEditForm if for_update else LMSUserCreationForm


class TrainingBaseViewSet(ModelViewSet):
    model = TrainingBase
    icon = "site"
    menu_label = _("Training bases")
    form_fields = [
        "name",
        "name_en",
        "district",
        "district_en",
        "address",
        "address_en",
        "contact_phone",
        "contact_email",
        "step_free_access",
        "accessible_toilet",
        "hearing_loop",
        "sign_language_interpreter",
        "transport_notes",
        "transport_notes_en",
    ]
    list_display = ["name", "name_en", "district", "contact_phone"]
    search_fields = ["name", "name_en", "district"]


class StaffRoleViewSet(ModelViewSet):
    model = StaffRole
    icon = "group"
    menu_label = _("Staff roles")
    form_fields = ["user", "role", "base"]
    list_display = ["user", "role", "base"]
    list_filter = ["role", "base"]


class DeletionRequestIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if is_federation_admin(self.request.user) and not is_anonymised(instance.user):
            buttons.insert(
                0,
                MenuItem(
                    CARRY_OUT_LABEL,
                    url=reverse("deletionrequest:carry_out", args=(instance.pk,)),
                    icon_name="bin",
                    priority=5,
                ),
            )
        return buttons


class DeletionCarryOutView(WagtailAdminTemplateMixin, TemplateView):
    """The confirmation page, then the anonymisation itself
    (accounts.services.person_anonymise), for federation admins only."""

    template_name = "accounts/admin/deletion_carry_out.html"
    page_title = CARRY_OUT_LABEL
    header_icon = "bin"

    def dispatch(self, request, pk):
        if not is_federation_admin(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            DeletionRequest.objects.select_related("user"), pk=pk
        )
        return super().dispatch(request, pk=pk)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("deletionrequest:index"), "label": _("Deletion requests")},
            {"url": "", "label": CARRY_OUT_LABEL},
        ]

    def get_context_data(self, **kwargs):
        person = self.object.user
        return super().get_context_data(
            deletion_request=self.object,
            person=person,
            done=is_anonymised(person),
            kinds=[str(provider.title) for provider in providers()],
            index_url=reverse("deletionrequest:index"),
            **kwargs,
        )

    def post(self, request, pk):
        person = self.object.user
        try:
            changed = services.person_anonymise(
                person=person, actor=request.user, request=request
            )
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("deletionrequest:index")
        if changed:
            messages.success(
                request,
                gettext(
                    "The person is anonymised and has been told by email. "
                    "Their training records are kept without their name."
                ),
            )
        else:
            messages.info(request, gettext("This person was already anonymised."))
        return redirect("deletionrequest:index")


class DeletionRequestViewSet(ModelViewSet):
    model = DeletionRequest
    icon = "bin"
    menu_label = _("Deletion requests")
    form_fields = ["handled_at"]
    list_display = ["user", "requested_at", "handled_at"]
    list_filter = ["handled_at"]
    index_view_class = DeletionRequestIndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "carry-out/<int:pk>/",
                DeletionCarryOutView.as_view(),
                name="carry_out",
            ),
        ]


class ViewOnlyPolicy(ModelPermissionPolicy):
    """An audit record is never added, changed or deleted by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class NeedsAccessLogViewSet(ModelViewSet):
    model = NeedsAccessLog
    icon = "view"
    menu_label = _("Who viewed access needs")
    form_fields = ["path"]
    list_display = ["viewer", "subject", "at", "path"]
    list_filter = ["at"]
    inspect_view_enabled = True


class PeopleAndPlacesGroup(ViewSetGroup):
    menu_label = _("People and places")
    menu_icon = "group"
    menu_order = 250
    items = (
        TrainingBaseViewSet,
        StaffRoleViewSet,
        DeletionRequestViewSet,
        NeedsAccessLogViewSet,
    )
