"""The "Federation reports" link in the main navigation, for auditors and
federation admins only."""

import functools
from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.language import in_language, lang_attribute
from federation.permissions import can_view_federation_reports
from federation.suppression import FEWER_THAN, METHOD, NO_RATE, ROUNDED, Rate

register = template.Library()


@register.inclusion_tag("federation/_nav_link.html", takes_context=True)
def federation_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_view_federation_reports(user)}


@functools.cache
def _words(language: str) -> dict[str, str]:
    """The fixed words of report cells in one language, escaped once: report
    tables have hundreds of cells (`language` is the cache key; the words
    are those of the active language)."""
    return {
        "no_rate": f'<span class="no-rate">{escape(str(NO_RATE))}</span>',
        "fewer": f'<span class="suppressed">{escape(str(FEWER_THAN))}</span>',
        "rounded": escape(str(ROUNDED)),
        "parts": _("(%(numerator)s of %(denominator)s)"),
    }


def _html(value) -> str:
    """`value` as the template would show it: safe HTML as it is, anything
    else escaped."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


@register.filter
def figure(value) -> str:
    """A published count or rate as shown in report tables: "fewer than 5",
    a rounded count marked "rounded" for screen readers (the legend says so
    for everyone), a rate with its published numerator and denominator, or
    "–" for no rate. A filter rather than an include: report tables have
    hundreds of cells."""
    return mark_safe(_figure(value, _words(get_language())))  # noqa: S308 - escaped


def _figure(value, words: dict[str, str]) -> str:
    """`figure` as HTML, every part escaped, with the active language's
    words already looked up (a table's rows look them up once, not once per
    cell). Each published value is worked out once."""
    if isinstance(value, Rate):
        percent = value.percent
        if percent is None:
            return words["no_rate"]
        parts = words["parts"] % {
            "numerator": value.numerator.value,
            "denominator": value.denominator.value,
        }
        return (
            f'<span class="rate">{percent}%</span> '
            f'<span class="rate__parts">{escape(parts)}</span>'
            f'<span class="visually-hidden"> {words["rounded"]}</span>'
        )
    shown = value.value
    if shown is None:
        return words["fewer"]
    if value.exact or not shown:
        return str(shown)
    return f'{shown}<span class="visually-hidden"> {words["rounded"]}</span>'


def _text(value) -> str:
    """A text cell as `{{ value|inlang }}` shows it: other-language text marked,
    dates and numbers formatted for the active language, escaped."""
    value = in_language(value)
    return _html(value if isinstance(value, str) else localize(value))


@register.simple_tag
def report_rows(rows, query: str = "") -> str:
    """A report table's body rows: the row's heading (a link, with the
    filters' query string when there is one), its text columns and its
    figures. Built here rather than by template loops: a dashboard has
    hundreds of cells, and a loop in a template costs more per cell than the
    rest of the page together."""
    suffix = f"?{query}" if query else ""
    words = _words(get_language())
    html = []
    for row in rows:
        label = _text(row.label)
        if row.link:
            label = f'<a href="{escape(row.link + suffix)}">{label}</a>'
        extra = "".join(f"<td>{_text(value)}</td>" for value in row.extra)
        values = "".join(f"<td>{_figure(value, words)}</td>" for value in row.values())
        html.append(f'<tr>\n<th scope="row">{label}</th>{extra}{values}\n</tr>')
    return mark_safe("\n".join(html))  # noqa: S308 - every part escaped above


@register.simple_tag
def chart_bars(chart) -> str:
    """A bar chart's labels and bars (SVG), one label and at most one bar
    per row: built here like report_rows, since every table of the
    dashboard has its chart and a template loop per bar cost more than the
    rest of the chart."""
    slug = escape(str(chart.slug))
    html = []
    for row in chart.rows():
        bar = row["bar"]
        text = str(bar.text)
        html.append(
            f'<text class="chart__label"{lang_attribute(text)} x="0" y="{row["text_y"]}em">'
            f"{escape(text)}</text>"
        )
        if bar.percent is not None:
            width = f"{bar.percent}%" if bar.percent else "2"
            html.append(
                f'<rect class="chart__bar" x="1" y="{row["bar_y"]}em" '
                f'width="{width}" height="1.1em" fill="url(#chart-{slug}-hatch)">'
                "</rect>"
            )
    return mark_safe("\n        ".join(html))  # noqa: S308 - every part escaped above


@register.simple_tag
def disclosure_legend() -> str:
    """What "rounded", "fewer than 5" and "–" mean, in one sentence each."""
    return str(METHOD)
