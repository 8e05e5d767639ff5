"""Words on the page: headings, rich text, easy read, steps and key terms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from courses import checks
from courses.blocks.media import LessonImageBlock

# Features that produce accessible markup; never h1.
RICHTEXT_FEATURES = LESSON_RICHTEXT_FEATURES = [
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

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation and value:
            problem = checks.vague_link_problem(value.source)
            if problem:
                raise ValidationError(problem)
        return value

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _(
            "Paragraphs, lists and links. Write link text that says where it goes."
        )
        preview_value = "<p>我们为残疾人提供职业技能培训。</p>"


class EasyReadSentenceBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Sentence"),
        max_length=200,
        help_text=_(
            "One idea, common words, no metaphors. At most 15 words or 25 Chinese "
            "characters."
        ),
    )
    picture = LessonImageBlock(label=_("Supporting picture"))

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            problem = checks.easy_read_sentence_problem(value.get("text"))
            if problem:
                raise StructBlockValidationError(
                    block_errors={"text": ValidationError(problem)}
                )
        return value


class EasyReadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    sentences = blocks.ListBlock(
        EasyReadSentenceBlock(), label=_("Sentences"), min_num=1
    )

    class Meta:
        icon = "openquote"
        template = "blocks/easy_read.html"
        label = _("Easy read")
        description = _(
            "Short sentences, one idea each, with a picture where it helps."
        )
        preview_value = {
            "title": "直播前要做什么",
            "sentences": [
                {"text": "打开手机。", "picture": None},
                {"text": "检查网络。", "picture": None},
                {"text": "准备好要卖的东西。", "picture": None},
            ],
        }


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("What to do"), rows=2)
    image = LessonImageBlock(label=_("Picture of this step"))


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Step-by-step instructions")
        description = _("Numbered steps in order, each with an optional picture.")
        preview_value = {
            "title": "上架一件商品",
            "steps": [
                {"text": "打开店铺后台。", "image": None},
                {"text": "点击“发布商品”。", "image": None},
                {"text": "填写商品名称和价格。", "image": None},
            ],
        }


class KeyTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=100)
    definition = blocks.TextBlock(label=_("Meaning"), rows=2)


class KeyTermsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    terms = blocks.ListBlock(KeyTermBlock(), label=_("Terms"), min_num=1)

    class Meta:
        icon = "tag"
        template = "blocks/key_terms.html"
        label = _("Key terms")
        description = _("A glossary of the words this lesson uses, with meanings.")
        preview_value = {
            "title": "关键词",
            "terms": [
                {"term": "直播间", "definition": "你和观众见面的线上房间。"},
                {"term": "下单", "definition": "观众决定买东西并付款。"},
            ],
        }


# A block that deconstructs to its own class path keeps `courses.blocks.X`, the
# path migrations record, whichever submodule defines it.
DECONSTRUCT_ALIASES = {
    cls: f"courses.blocks.{cls.__name__}"
    for cls in (
        HeadingBlock,
        AccessibleRichTextBlock,
        EasyReadSentenceBlock,
        EasyReadBlock,
        StepBlock,
        StepsBlock,
        KeyTermBlock,
        KeyTermsBlock,
    )
}
