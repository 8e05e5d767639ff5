"""Barrier reports in the Wagtail admin. Federation admins see every report;
a base's instructors and managers see the reports about their base's
courses. Nobody adds a report here (they come from the public form), and
statuses change only through federation.services.barriers."""

from django.core.exceptions import PermissionDenied
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import StaffRole, User
from accounts.permissions import base_ids_with_role, is_federation_admin
from accounts.wagtail_admin import ViewOnlyPolicy
from federation.forms.barriers import BarrierStatusForm
from federation.models import BarrierReport, ReportAccess
from federation.selectors.barriers import barrier_reports_for
from federation.services.barriers import (
    STATUS_LOG_ACTION,
    BarrierReportError,
    barrier_report_status_set,
)

Status = BarrierReport.Status


class BarrierReportPolicy(ModelPermissionPolicy):
    """Rights come from staff roles, not Django model permissions."""

    def _is_base_staff(self, user: User) -> bool:
        return bool(base_ids_with_role(user, *StaffRole.BASE_ROLES))

    def user_has_permission(self, user, action) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("view", "change"):
            return is_federation_admin(user) or self._is_base_staff(user)
        if action == "delete":
            return is_federation_admin(user)
        return False

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return is_federation_admin(user) or instance.base_id in base_ids_with_role(
            user, *StaffRole.BASE_ROLES
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return BarrierReport.objects.none()
        return barrier_reports_for(user)

    def users_with_any_permission(self, actions):
        users = User.objects.filter(is_active=True)
        if not {"view", "change", "delete"} & set(actions):
            return users.none()
        return users.filter(is_superuser=True) | users.filter(
            staff_roles__role__in=[
                StaffRole.Role.FEDERATION_ADMIN,
                *(StaffRole.BASE_ROLES if "delete" not in actions else ()),
            ]
        )


class FederationAdminOnlyPanel(FieldPanel):
    """The reporter's contact details: shown to federation admins only."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self) -> bool:
            return is_federation_admin(self.request.user) and super().is_shown()


class ScopedObjectMixin:
    """A report outside the user's bases is refused, whatever its URL."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", obj
        ):
            raise PermissionDenied
        return obj


class BarrierReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return barrier_reports_for(self.request.user)


class BarrierReportEditView(ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        try:
            return barrier_report_status_set(
                report=self.object,
                status=self.form.cleaned_data["status"],
                resolution=self.form.cleaned_data.get("resolution") or "",
                actor=self.request.user,
            )
        except BarrierReportError as error:  # the form checks this first
            raise PermissionDenied(str(error)) from error


class BarrierReportDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class BarrierReportHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


def _age(report: BarrierReport) -> str:
    return timesince(report.created_at)


class BarrierReportViewSet(ModelViewSet):
    model = BarrierReport
    name = "barrier_reports"
    icon = "warning"
    menu_label = _("Barrier reports")
    add_to_admin_menu = True
    menu_order = 260
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = BarrierReportIndexView
    edit_view_class = BarrierReportEditView
    delete_view_class = BarrierReportDeleteView
    history_view_class = BarrierReportHistoryView
    list_display = [
        "__str__",
        "status",
        "base",
        DateColumn("created_at", label=_("Reported")),
        Column("age", label=_("Age"), accessor=_age),
        DateColumn("status_changed_at", label=_("Status changed")),
    ]
    list_filter = ["status", "base"]
    search_fields = ["what_happened", "page_url"]
    ordering = ["-created_at", "-pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("what_happened", read_only=True),
            FieldPanel("page_url", read_only=True),
            FieldPanel("base", read_only=True),
            FieldPanel("created_at", read_only=True),
            FederationAdminOnlyPanel("reply_by", read_only=True),
            FederationAdminOnlyPanel("email", read_only=True),
            FederationAdminOnlyPanel("phone", read_only=True),
            FederationAdminOnlyPanel("reporter", read_only=True),
            FieldPanel("status"),
            FieldPanel("resolution"),
            FieldPanel("status_changed_at", read_only=True),
        ],
        base_form_class=BarrierStatusForm,
    )


register_permission_policy(BarrierReport, BarrierReportPolicy(BarrierReport))


@hooks.register("register_admin_viewset")
def register_barrier_reports():
    return BarrierReportViewSet()


@hooks.register("register_log_actions")
def register_barrier_log_actions(actions):
    @actions.register_action(STATUS_LOG_ACTION)
    class BarrierStatusFormatter(LogFormatter):
        label = _("Change status")

        def format_message(self, log_entry) -> str:
            old, new = log_entry.data.get("status", [None, None])
            labels = dict(Status.choices)
            return _("Status: %(old)s → %(new)s") % {
                "old": labels.get(old, old or "—"),
                "new": labels.get(new, new or "—"),
            }

        def format_comment(self, log_entry) -> str:
            return (log_entry.data.get("resolution") or [None, ""])[1] or ""


class ReportAccessViewSet(ModelViewSet):
    """Who looked at or exported which federation report, with which filters.
    Read-only: superusers (federation admins) see it in the admin."""

    model = ReportAccess
    icon = "view"
    menu_label = _("Who viewed federation reports")
    add_to_admin_menu = True
    menu_order = 260
    form_fields = ["report"]
    list_display = ["at", "user", "report", "format", "filters"]
    list_filter = ["report", "format"]
    inspect_view_enabled = True


register_permission_policy(ReportAccess, ViewOnlyPolicy(ReportAccess))


@hooks.register("register_admin_viewset")
def register_report_access_log():
    return ReportAccessViewSet()
