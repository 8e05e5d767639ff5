"""The teaching home's link to the jobs the platform reported, for those who
may confirm them (training's template shows it; careers decides)."""

from django import template

from careers.permissions import can_see_placements

register = template.Library()


@register.inclusion_tag("careers/_placements_link.html", takes_context=True)
def placements_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_see_placements(user)}
