from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.models import NeedsAccessLog
from accounts.wagtail_admin import PeopleAndPlacesGroup, ViewOnlyPolicy

register_permission_policy(NeedsAccessLog, ViewOnlyPolicy(NeedsAccessLog))


@hooks.register("register_admin_viewset")
def register_people_and_places():
    return PeopleAndPlacesGroup()
