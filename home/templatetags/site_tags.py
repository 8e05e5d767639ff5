from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from core.page_cache import cached_fragment
from home.selectors import live_translations

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to this same page in that language.

    A Wagtail page links to its translation (or the home page of that
    language when there is none); any other view swaps the URL prefix."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    urls = _translation_urls(page, request) if isinstance(page, Page) else {}
    for code, name in settings.LANGUAGES:
        if code in urls:
            url = urls[code]
        elif request is not None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return links


def _translation_urls(page: Page, request) -> dict[str, str]:
    """The addresses of the page's live translations by language, kept with
    the page's live revision (core.page_cache.cached_fragment): the same for
    everyone, and replaced when any page changes."""

    def build() -> dict[str, str]:
        return {
            code: translation.get_url(request)
            for code, translation in live_translations(page).items()
        }

    if (
        request is None
        or getattr(request, "is_preview", False)
        or not page.live_revision_id
    ):
        return build()
    key = f"translations:{request.get_host()}:{page.pk}:{page.live_revision_id}"
    return cached_fragment(key, build)


@register.filter
def bcp47(language_code: str) -> str:
    """Django's "zh-hans" as the BCP 47 tag "zh-Hans" for lang attributes."""
    parts = language_code.split("-")
    return "-".join(
        [parts[0]] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    )
