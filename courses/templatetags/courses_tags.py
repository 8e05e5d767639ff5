from django import template
from django.utils.translation import gettext as _

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
