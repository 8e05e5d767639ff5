"""The "Work and businesses" menu of the Wagtail admin. Each part of careers
adds its viewsets to WORK_AND_BUSINESSES_ITEMS in its own section below."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

WORK_AND_BUSINESSES_ITEMS: list = []

# The job platform's API: clients (tokens) and the call log -------------------------

from careers.api_admin import API_POLICIES, API_VIEWSETS  # noqa: E402

for model, policy in API_POLICIES.items():
    register_permission_policy(model, policy)
WORK_AND_BUSINESSES_ITEMS += API_VIEWSETS

# (Incubated businesses: their section goes here.) ----------------------------------


class WorkAndBusinessesGroup(ViewSetGroup):
    menu_label = _("Work and businesses")
    menu_icon = "pick"
    menu_order = 255
    items = tuple(WORK_AND_BUSINESSES_ITEMS)


@hooks.register("register_admin_viewset")
def register_work_and_businesses():
    return WorkAndBusinessesGroup()
