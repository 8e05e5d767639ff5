"""StreamField blocks shared by every page type.

Accessible by construction: headings come only from HeadingBlock (h2-h4;
the page title is the h1), rich text has no heading features of its own
beyond h2-h4, images carry alt text per use or are marked decorative.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Features that produce accessible markup; never h1.
RICHTEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[
            ("h2", _("Section (h2)")),
            ("h3", _("Subsection (h3)")),
            ("h4", _("Minor (h4)")),
        ],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section heading. The page title is the only h1.")
        preview_value = {"text": "课程介绍", "level": "h2"}


class AccessibleRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICHTEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _(
            "Paragraphs, lists and links. Write link text that says where it goes."
        )
        preview_value = "<p>我们为残疾人提供职业技能培训。</p>"


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


class AccessibleImageBlock(ImageBlock):
    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _(
            "An image with alt text written for this place, or marked decorative."
        )


class ContentBlocks(blocks.StreamBlock):
    """The general-purpose body used by site pages (home, statement)."""

    heading = HeadingBlock()
    text = AccessibleRichTextBlock()
    image = AccessibleImageBlock()
    link = PageLinkBlock()
