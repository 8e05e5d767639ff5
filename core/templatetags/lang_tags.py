"""Language of parts (WCAG 3.1.2): text in the other language than the page's
carries a `lang` attribute, so a screen reader switches voice.

    {% load lang_tags %}
    {{ session.display_name|inlang }}      → text, or <span lang="zh-Hans">text</span>
    <h1{% langattr page.title %}>…</h1>    →  lang="zh-Hans" on an element, or nothing

The language of a piece of text is read from its script: Han characters are
Chinese; Latin words with no Han characters are English (codes and brand
names listed in `core.language.NEUTRAL` excepted)."""

from django import template
from django.utils.safestring import mark_safe

from core.language import in_language, lang_attribute, mark_parts

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
    return mark_safe(lang_attribute(value))  # noqa: S308 - a fixed code


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
