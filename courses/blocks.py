"""StreamField blocks shared by every page type.

Accessible by construction: headings come only from HeadingBlock (h2-h4;
the page title is the h1), rich text has no heading features of its own
beyond h2-h4, images carry alt text per use or are marked decorative.

Accessibility rules that need judgement (alt text quality, captions,
transcripts, heading order, link text, easy-read sentence length) run in
`clean()` only when publishing: Wagtail defers them while a draft is saved
(`is_deferred_validation`), so authors can save unfinished work.
"""

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from courses import checks

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
    def clean(self, value):
        if not self.is_deferred_validation and value:
            alt_text = value.contextual_alt_text or ""
            problem = None
            if not value.decorative:
                if not alt_text.strip():
                    problem = checks.MISSING_ALT_TEXT
                else:
                    problem = checks.alt_text_problem(alt_text)
            if problem:
                raise StructBlockValidationError(
                    block_errors={"alt_text": ValidationError(problem)}
                )
        return super().clean(value)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _(
            "An image with alt text written for this place, or marked decorative."
        )


class HeadingOrderStreamBlock(blocks.StreamBlock):
    """Refuses to publish a heading that skips a level (h2 then h4), counting
    the page title as h1 and headings inside rich text as well as heading
    blocks; the message goes on the offending block."""

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        previous = 1
        for index, child in enumerate(value):
            if child.block_type == "heading":
                level = int(child.value["level"][1])
                problem = checks.heading_skip_problem(previous, level)
                if problem:
                    errors[index] = StructBlockValidationError(
                        block_errors={"level": ValidationError(problem)}
                    )
                previous = level
            elif isinstance(child.block, blocks.RichTextBlock):
                for level in checks.scan_rich_text(child.value.source).headings:
                    problem = checks.heading_skip_problem(previous, level)
                    if problem and index not in errors:
                        errors[index] = ValidationError(problem)
                    previous = level
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class ContentBlocks(HeadingOrderStreamBlock):
    """The general-purpose body used by site pages (home, statement)."""

    heading = HeadingBlock()
    text = AccessibleRichTextBlock()
    image = AccessibleImageBlock()
    link = PageLinkBlock()


# Lesson blocks ---------------------------------------------------------------

VIDEO_EXTENSIONS = ("mp4", "webm", "ogv", "m4v")
AUDIO_EXTENSIONS = ("mp3", "m4a", "ogg", "oga", "wav", "webm")
CAPTION_LANGUAGES = [("zh-Hans", _("Chinese")), ("en", _("English"))]

WRONG_MEDIA_FILE = _("Choose a file ending in %(extensions)s.")


def document_format(document) -> str:
    """ "PDF", "MP4": the file format as people name it."""
    return document.file_extension.upper() or str(_("file"))


def document_size(document) -> str:
    size = document.file_size
    return filesizeformat(size) if size is not None else ""


def _extension_error(document, extensions) -> ValidationError | None:
    if document is None:
        return None
    extension = os.path.splitext(document.filename)[1].lower().lstrip(".")
    if extension in extensions:
        return None
    return ValidationError(
        WRONG_MEDIA_FILE % {"extensions": ", ".join(f".{e}" for e in extensions)}
    )


class LessonImageBlock(AccessibleImageBlock):
    """An optional picture inside another block (easy read, steps)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Picture")


class TranscriptBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "ol", "ul"])
        super().__init__(**kwargs)


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Shown under the video.")
    )
    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 or WebM file.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("Required to publish: a .vtt file with what is said and heard."),
    )
    captions_language = blocks.ChoiceBlock(
        label=_("Language of the captions"),
        choices=CAPTION_LANGUAGES,
        default="zh-Hans",
    )
    transcript = TranscriptBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("Required to publish: what is said and what is shown, as text."),
    )
    audio_description = DocumentChooserBlock(
        label=_("Audio description track (WebVTT)"),
        required=False,
        help_text=_("Describes what is shown, for people who cannot see it."),
    )
    sign_language_video = DocumentChooserBlock(
        label=_("Chinese Sign Language version"),
        required=False,
        help_text=_("The same content signed in Chinese Sign Language (MP4 or WebM)."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name, extensions in [
            ("video", (*VIDEO_EXTENSIONS, *AUDIO_EXTENSIONS)),
            ("sign_language_video", VIDEO_EXTENSIONS),
            ("captions", ("vtt",)),
            ("audio_description", ("vtt",)),
        ]:
            error = _extension_error(value.get(name), extensions)
            if error:
                errors[name] = error
        if not self.is_deferred_validation:
            if value.get("captions") is None:
                errors["captions"] = ValidationError(checks.MISSING_CAPTIONS)
            if not _has_text(value.get("transcript")):
                errors["transcript"] = ValidationError(checks.MISSING_VIDEO_TRANSCRIPT)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        description = _(
            "A video with captions and a transcript; optionally an audio "
            "description and a Chinese Sign Language version."
        )
        preview_value = {
            "title": "如何开始一场直播",
            "captions_language": "zh-Hans",
            "transcript": "<p>大家好，今天我们学习如何开始一场直播。</p>",
        }


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    audio = DocumentChooserBlock(
        label=_("Audio file"), help_text=_("An MP3, M4A, OGG or WAV file.")
    )
    transcript = TranscriptBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("Required to publish: everything that is said, as text."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        error = _extension_error(value.get("audio"), AUDIO_EXTENSIONS)
        if error:
            errors["audio"] = error
        if not self.is_deferred_validation and not _has_text(value.get("transcript")):
            errors["transcript"] = ValidationError(checks.MISSING_AUDIO_TRANSCRIPT)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "music"
        template = "blocks/audio.html"
        label = _("Audio")
        description = _("A recording with a transcript of everything that is said.")
        preview_value = {
            "title": "课程导读",
            "transcript": "<p>欢迎学习本课。本课大约需要二十分钟。</p>",
        }


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


def _has_text(rich_text) -> bool:
    if rich_text is None:
        return False
    source = getattr(rich_text, "source", rich_text) or ""
    return bool(checks.strip_tags(source).strip())


class LessonBlocks(HeadingOrderStreamBlock):
    """What a lesson (and each of its adapted versions) is made of."""

    heading = HeadingBlock()
    text = AccessibleRichTextBlock()
    image = AccessibleImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    easy_read = EasyReadBlock()
    steps = StepsBlock()
    key_terms = KeyTermsBlock()
    resource = ResourceBlock()


class CourseBlocks(HeadingOrderStreamBlock):
    """The description on a course page."""

    heading = HeadingBlock()
    text = AccessibleRichTextBlock()
    image = AccessibleImageBlock()
    video = VideoBlock()
    resource = ResourceBlock()


class OutcomeBlocks(blocks.StreamBlock):
    """A course's learning outcomes, one sentence each."""

    outcome = blocks.CharBlock(
        label=_("Outcome"),
        max_length=200,
        icon="tick",
        help_text=_("Start with a verb: “Set up a livestream room”."),
    )


# Quiz questions ----------------------------------------------------------------

SINGLE_CHOICE_NEEDS_ONE_CORRECT = _(
    "Tick exactly one choice as the correct answer. You ticked %(count)s."
)
MULTIPLE_CHOICE_NEEDS_A_CORRECT = _("Tick at least one choice as a correct answer.")
QUESTION_NEEDS_TWO_CHOICES = _("Give at least two choices.")


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=300)
    is_correct = blocks.BooleanBlock(
        label=_("This is a correct answer"), required=False
    )


def _choice_errors(value, *, exactly_one: bool) -> dict:
    choices = list(value.get("choices") or [])
    if len(choices) < 2:
        return {"choices": QUESTION_NEEDS_TWO_CHOICES}
    correct = sum(1 for choice in choices if choice.get("is_correct"))
    if exactly_one and correct != 1:
        return {"choices": SINGLE_CHOICE_NEEDS_ONE_CORRECT % {"count": correct}}
    if not exactly_one and correct < 1:
        return {"choices": MULTIPLE_CHOICE_NEEDS_A_CORRECT}
    return {}


class _ChoiceQuestionBlock(blocks.StructBlock):
    """Choices keep their list-item ids, so an answer points at a choice even
    after an editor reorders or rewords them."""

    question = blocks.TextBlock(label=_("Question"), rows=2)
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("Choices"))
    explanation = blocks.TextBlock(
        label=_("Why this is the answer"),
        required=False,
        rows=2,
        help_text=_("Shown with the results, so trainees learn from mistakes."),
    )
    exactly_one_correct = True

    def clean(self, value):
        value = super().clean(value)
        errors = _choice_errors(value, exactly_one=self.exactly_one_correct)
        if errors:
            raise StructBlockValidationError(
                block_errors={
                    name: blocks.ListBlockValidationError(
                        non_block_errors=[ValidationError(message)]
                    )
                    for name, message in errors.items()
                }
            )
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        template = "blocks/quiz_question.html"
        label = _("Single choice question")
        description = _("Trainees choose one answer; exactly one choice is correct.")
        preview_value = {
            "question": "直播前第一步做什么？",
            "choices": [
                {"text": "检查网络", "is_correct": True},
                {"text": "马上开播", "is_correct": False},
            ],
            "explanation": "网络不稳定，直播会中断。",
        }


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    exactly_one_correct = False

    class Meta:
        icon = "tasks"
        template = "blocks/quiz_question.html"
        label = _("Multiple choice question")
        description = _(
            "Trainees tick every answer that applies; one or more choices are correct."
        )
        preview_value = {
            "question": "直播间需要哪些东西？",
            "choices": [
                {"text": "手机支架", "is_correct": True},
                {"text": "补光灯", "is_correct": True},
                {"text": "电视机", "is_correct": False},
            ],
            "explanation": "支架让画面稳定，补光灯让观众看清商品。",
        }


class TrueFalseQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Statement"), rows=2)
    correct_answer = blocks.ChoiceBlock(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        default="true",
    )
    explanation = blocks.TextBlock(
        label=_("Why this is the answer"), required=False, rows=2
    )

    class Meta:
        icon = "success"
        template = "blocks/quiz_question.html"
        label = _("True or false question")
        description = _("A statement that trainees mark as true or false.")
        preview_value = {
            "question": "直播时可以用文字回答观众的问题。",
            "correct_answer": "true",
            "explanation": "文字互动适合所有人。",
        }


class ShortAnswerQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"), rows=2)
    guidance = blocks.TextBlock(
        label=_("What a good answer includes"),
        required=False,
        rows=2,
        help_text=_("For the instructor who marks the answer; shown with the results."),
    )

    class Meta:
        icon = "edit"
        template = "blocks/quiz_question.html"
        label = _("Short answer question")
        description = _("Trainees write a short answer; an instructor marks it.")
        preview_value = {
            "question": "请写出一件你想在直播中介绍的商品。",
            "guidance": "写出商品名称和一个卖点。",
        }


class QuizQuestionBlocks(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()
