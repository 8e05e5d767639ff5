"""The shell's header link to the Messages page with the unread count, and a
person's channels for their profile page."""

from django import template

from notifications import selectors

register = template.Library()


def unread_for_request(request) -> int:
    """At most one query per request, however often the shell asks, and none
    while the person's count is kept (core.user_cache)."""
    return selectors.unread_count_kept(request.user)


@register.inclusion_tag("notifications/messages_link.html", takes_context=True)
def messages_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_for_request(request)}


@register.simple_tag
def notification_channels(user):
    """The person's choice (defaults if they never chose)."""
    return selectors.settings_for(user)
