"""The "Federation reports" link in the main navigation, for auditors and
federation admins only."""

from django import template

from federation.permissions import can_view_federation_reports

register = template.Library()


@register.inclusion_tag("federation/_nav_link.html", takes_context=True)
def federation_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_view_federation_reports(user)}
