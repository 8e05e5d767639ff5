"""The language a course page's content is in, for pages shown in the other
language's tree (an alias of a course not yet translated):

    {% load content_lang_tags %}
    {% content_language page as content %}
    <h1{{ content.attr }}>…</h1>          → lang="zh-Hans" when not the page's
    {% if content.note %}<p>{{ content.note }}</p>{% endif %}
"""

from django import template
from wagtail.models import Page

from courses.selectors import ContentLanguage, content_language

register = template.Library()


@register.simple_tag(name="content_language")
def content_language_tag(page: Page) -> ContentLanguage:
    cached = getattr(page, "content_lang", None)
    if isinstance(cached, ContentLanguage):
        return cached
    return content_language(page)
