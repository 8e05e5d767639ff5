"""Wagtail admin for people and places: users with one name field, training
bases, staff roles and the privacy records, for federation admins."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.models import DeletionRequest, NeedsAccessLog, StaffRole, TrainingBase

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


class DeletionRequestViewSet(ModelViewSet):
    model = DeletionRequest
    icon = "bin"
    menu_label = _("Deletion requests")
    form_fields = ["handled_at"]
    list_display = ["user", "requested_at", "handled_at"]
    list_filter = ["handled_at"]


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
