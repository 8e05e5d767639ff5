"""The "Federation reports" link in the main navigation, for auditors and
federation admins only."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from federation.permissions import can_view_federation_reports
from federation.suppression import FEWER_THAN, METHOD, NO_RATE, ROUNDED, Rate

register = template.Library()


@register.inclusion_tag("federation/_nav_link.html", takes_context=True)
def federation_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_view_federation_reports(user)}


@register.filter
def figure(value) -> str:
    """A published count or rate as shown in report tables: "fewer than 5",
    a rounded count marked "rounded" for screen readers (the legend says so
    for everyone), a rate with its published numerator and denominator, or
    "–" for no rate. A filter rather than an include: report tables have
    hundreds of cells."""
    if isinstance(value, Rate):
        if value.percent is None:
            return format_html('<span class="no-rate">{}</span>', NO_RATE)
        return format_html(
            '<span class="rate">{}%</span> <span class="rate__parts">{}</span>'
            '<span class="visually-hidden"> {}</span>',
            value.percent,
            _("(%(numerator)s of %(denominator)s)")
            % {
                "numerator": value.numerator.value,
                "denominator": value.denominator.value,
            },
            ROUNDED,
        )
    if value.suppressed:
        return format_html('<span class="suppressed">{}</span>', FEWER_THAN)
    if value.rounded:
        return format_html(
            '{}<span class="visually-hidden"> {}</span>', value.value, ROUNDED
        )
    return str(value.value)


@register.simple_tag
def disclosure_legend() -> str:
    """What "rounded", "fewer than 5" and "–" mean, in one sentence each."""
    return str(METHOD)
