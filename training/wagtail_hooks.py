from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import is_staff_member


class MySessionsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_my_sessions_menu_item():
    """Staff reach their rosters, attendance and outcomes from the admin."""
    return MySessionsMenuItem(
        _("My sessions"), reverse("teach:sessions"), icon_name="group", order=150
    )
