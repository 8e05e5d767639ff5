from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.page_cache import cached_fragment
from courses.blocks import document_format, document_size

register = template.Library()


@register.simple_tag
def document_format_and_size(document) -> str:
    """ "PDF, 120 KB": what a download link must say about its file."""
    size = document_size(document)
    if not size:
        return document_format(document)
    return _("%(format)s, %(size)s") % {
        "format": document_format(document),
        "size": size,
    }


@register.simple_tag(takes_context=True)
def lesson_content(context) -> dict:
    """The lesson page's contents list and body for the version shown,
    rendered once and kept (core.page_cache.cached_fragment) by page
    revision, language, version and whether described videos come first:
    the same for everyone who gets that version, so a signed-in trainee's
    page builds only its personal parts. Previews and pages without a live
    revision are rendered every time."""
    page = context["page"]
    engine = context.template.engine

    def build() -> dict:
        return {
            name: mark_safe(  # noqa: S308 (rendered by our templates)
                engine.get_template(f"courses/includes/lesson_{name}.html").render(
                    context
                )
            )
            for name in ("contents", "body")
        }

    request = context.get("request")
    if getattr(request, "is_preview", False) or not page.live_revision_id:
        return build()
    key = ":".join(
        str(part)
        for part in (
            "lesson",
            page.pk,
            page.live_revision_id,
            get_language(),
            context["shown_version"],
            bool(context["described_video_first"]),
        )
    )
    return cached_fragment(key, build)
