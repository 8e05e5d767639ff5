"""The notification banner that opens <main> after an action
(`core.notices`)."""

from django import template
from django.contrib import messages as django_messages

register = template.Library()


@register.inclusion_tag("includes/notice.html")
def notice_banner(messages) -> dict:
    """Every message for this page in one banner; its title says whether
    something went wrong."""
    items = list(messages or ())
    if any(m.level >= django_messages.ERROR for m in items):
        kind = "error"
    elif all(m.level == django_messages.SUCCESS for m in items):
        kind = "success"
    else:
        kind = "info"
    return {"items": items, "kind": kind}
