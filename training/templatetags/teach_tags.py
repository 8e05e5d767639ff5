"""The "Teaching" link in the main navigation, shown to staff only."""

from django import template

from accounts.permissions import is_staff_member

register = template.Library()


@register.inclusion_tag("training/teach/_nav_link.html", takes_context=True)
def teaching_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and is_staff_member(user)}
