"""Overdue follow-ups on the instructors' home (/teach/), without its view
knowing about them."""

from django import template
from django.utils import timezone

from accounts.permissions import is_staff_member
from training.selectors.followups import OverdueFollowUp, overdue_followups

register = template.Library()


@register.simple_tag(takes_context=True)
def overdue_followups_for_user(context) -> list[OverdueFollowUp]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_staff_member(user):
        return []
    return overdue_followups(user, today=timezone.localdate())
