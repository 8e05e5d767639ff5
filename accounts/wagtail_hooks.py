from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.models import NeedsAccessLog, User
from accounts.wagtail_admin import PeopleAndPlacesGroup, ViewOnlyPolicy

register_permission_policy(NeedsAccessLog, ViewOnlyPolicy(NeedsAccessLog))

DELETE_REFUSED = gettext_lazy(
    "%(person)s has records the federation must keep (training places, "
    "attendance or records they kept as staff), so the account cannot be "
    "deleted. To erase who they are, carry out their deletion request: "
    "People and places → Deletion requests → Carry out: anonymise this person."
)


def _undeletable(users) -> list[User]:
    refused = []
    for user in users:
        collector = Collector(using=router.db_for_write(User))
        try:
            collector.collect([user])
        except (ProtectedError, RestrictedError):
            refused.append(user)
    return refused


@hooks.register("register_admin_viewset")
def register_people_and_places():
    return PeopleAndPlacesGroup()


@hooks.register("before_delete_user")
def refuse_deleting_people_with_records(request, user):
    """Deleting someone with training records would fail (the records protect
    them) and lose the federation's figures: refuse, pointing at
    anonymisation."""
    if _undeletable([user]):
        messages.error(request, str(DELETE_REFUSED) % {"person": user})
        return redirect("wagtailusers_users:edit", user.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_people_with_records(request, action_type, objects, action):
    if action_type != "delete" or not objects or not isinstance(objects[0], User):
        return None
    refused = _undeletable(objects)
    if refused:
        for user in refused:
            messages.error(request, str(DELETE_REFUSED) % {"person": user})
        return redirect("wagtailusers_users:index")
    return None
