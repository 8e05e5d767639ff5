"""The way to the incubated businesses from the staff's teach home, for
staff who may record them (careers extends training's page this way)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from careers.permissions import can_record_businesses

register = template.Library()


@register.simple_tag(takes_context=True)
def businesses_link(context):
    request = context.get("request")
    if request is None or not can_record_businesses(request.user):
        return ""
    return format_html(
        '<p><a href="{}">{}</a></p>',
        reverse("businesses:list"),
        _("Incubated businesses: records and checks due"),
    )
