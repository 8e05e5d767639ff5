"""Language of parts (WCAG 3.1.2): text in the other language than the page's
carries a `lang` attribute, so a screen reader switches voice.

    {% load lang_tags %}
    {{ session.display_name|inlang }}      → text, or <span lang="zh-Hans">text</span>
    <h1{% langattr page.title %}>…</h1>    →  lang="zh-Hans" on an element, or nothing

The language of a piece of text is read from its script: Han characters are
Chinese; Latin words with no Han characters are English (codes and brand
names listed in `core.language.NEUTRAL` excepted)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.language import in_language, mark_parts, text_language_attr

register = template.Library()


@register.filter
def inlang(value):
    """The value, escaped, inside <span lang="…"> when its language is not
    the page's."""
    return in_language(value)


@register.simple_tag
def langattr(value):
    """` lang="…"` for an element whose text is `value`, when that text is
    not in the page's language; otherwise nothing."""
    code = text_language_attr("" if value is None else str(value))
    if not code:
        return ""
    return format_html(' lang="{}"', code)


@register.filter
def inlang_parts(value):
    """Trusted HTML (form hints are) with each run of other-language text
    inside <span lang="…">. For wording that quotes the other language; a
    record's text takes `inlang` instead."""
    if not value:
        return ""
    # Only for HTML already trusted (form hints are shown |safe); mark_parts
    # adds spans around text and never unescapes.
    return mark_safe(mark_parts(str(value)))  # noqa: S308
