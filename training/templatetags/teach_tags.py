"""The "Teaching" and "Manage content" links in the main navigation, shown
to staff only, and whether a page draws Wagtail's userbar."""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.admin.userbar import Userbar

from accounts.permissions import can_open_admin, is_staff_member
from training.permissions import can_edit_session, can_view_session_audit

register = template.Library()


@register.inclusion_tag("training/teach/_nav_link.html", takes_context=True)
def teaching_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and is_staff_member(user)}


@register.inclusion_tag("training/teach/_admin_link.html", takes_context=True)
def admin_link(context) -> dict:
    """A link to the Wagtail admin for people who may open it, on every
    page (answered from the shared cache, no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_open_admin(user)}


@register.simple_tag(takes_context=True)
def page_userbar(context, position: str = "bottom-right") -> str:
    """Wagtail's userbar (`{% wagtailuserbar %}`) on a Wagtail page, with its
    edit links and content checker, for people who may open the admin.
    Whether they may is answered from the shared cache (can_open_admin)
    instead of the tag's own permission queries. Elsewhere the "Manage
    content" link (admin_link) leads to the admin without the userbar."""
    request = context.get("request")
    user = getattr(request, "user", None)
    page = get_page_instance(context)
    if page is None or user is None or not can_open_admin(user):
        return ""
    return Userbar(object=page, position=position).render_html(context)


@register.simple_tag(takes_context=True)
def can_audit_session(context, session) -> bool:
    """So the session navigation is the same on every instructor page."""
    request = context.get("request")
    return request is not None and can_view_session_audit(request.user, session)


@register.simple_tag(takes_context=True)
def can_edit_session_tag(context, session) -> bool:
    request = context.get("request")
    return request is not None and can_edit_session(request.user, session)
