"""Links onward: to another page of the site, or to a document to download."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from courses import checks


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Leave empty to use the page title."),
    )
    description = blocks.CharBlock(label=_("Short description"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/page_link.html"
        label = _("Link to a page")
        description = _("A prominent link to another page of the site.")
        preview_value = {"text": "浏览课程", "description": "按残疾类别和技能查找课程"}


def document_format(document) -> str:
    """ "PDF", "MP4": the file format as people name it."""
    return document.file_extension.upper() or str(_("file"))


def document_size(document) -> str:
    size = document.file_size
    return filesizeformat(size) if size is not None else ""


class ResourceBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=200,
        help_text=_("Say what the document is. Its format and size are added."),
    )
    description = blocks.CharBlock(
        label=_("Short description"), max_length=300, required=False
    )

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation and checks.is_vague_link_text(
            value.get("title") or ""
        ):
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError(
                        checks.VAGUE_LINK_TEXT % {"text": value["title"]}
                    )
                }
            )
        return value

    class Meta:
        icon = "doc-full"
        template = "blocks/resource.html"
        label = _("Downloadable resource")
        description = _("A document to download; the link shows its format and size.")
        preview_value = {
            "title": "直播前检查清单",
            "description": "打印出来，逐项打勾。",
        }


# A block that deconstructs to its own class path keeps `courses.blocks.X`, the
# path migrations record, whichever submodule defines it.
DECONSTRUCT_ALIASES = {
    cls: f"courses.blocks.{cls.__name__}"
    for cls in (
        PageLinkBlock,
        ResourceBlock,
    )
}
