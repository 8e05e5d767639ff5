"""The "Teaching" link in the main navigation, shown to staff only."""

from django import template

from accounts.permissions import is_staff_member
from training.permissions import can_edit_session, can_view_session_audit

register = template.Library()


@register.inclusion_tag("training/teach/_nav_link.html", takes_context=True)
def teaching_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and is_staff_member(user)}


@register.simple_tag(takes_context=True)
def uses_admin(context) -> bool:
    """Whether to draw Wagtail's userbar: only for people who can open the
    admin, so a trainee's pages skip its permission queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return (
        user is not None
        and user.is_authenticated
        and (user.is_superuser or is_staff_member(user))
    )


@register.simple_tag(takes_context=True)
def can_audit_session(context, session) -> bool:
    """So the session navigation is the same on every instructor page."""
    request = context.get("request")
    return request is not None and can_view_session_audit(request.user, session)


@register.simple_tag(takes_context=True)
def can_edit_session_tag(context, session) -> bool:
    request = context.get("request")
    return request is not None and can_edit_session(request.user, session)
