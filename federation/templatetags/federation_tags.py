"""The "Federation reports" link in the main navigation, for auditors and
federation admins only."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from federation.permissions import can_view_federation_reports
from federation.suppression import FEWER_THAN, Rate

register = template.Library()


@register.inclusion_tag("federation/_nav_link.html", takes_context=True)
def federation_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_view_federation_reports(user)}


@register.filter
def figure(value) -> str:
    """A count or rate as shown in report tables: "fewer than 5" when
    suppressed, a rate with its numerator and denominator. A filter rather
    than an include: report tables have hundreds of cells."""
    if value.suppressed:
        return format_html('<span class="suppressed">{}</span>', FEWER_THAN)
    if isinstance(value, Rate):
        if value.percent is None:
            return "–"
        return format_html(
            '<span class="rate">{}%</span> <span class="rate__parts">{}</span>',
            value.percent,
            _("(%(numerator)s of %(denominator)s)")
            % {
                "numerator": value.numerator.raw,
                "denominator": value.denominator.raw,
            },
        )
    return str(value.raw)
