"""The StreamFields' block menus: which blocks each kind of page offers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from courses import checks
from courses.blocks.media import AccessibleImageBlock, AudioBlock, VideoBlock
from courses.blocks.quiz import (
    MultipleChoiceQuestionBlock,
    ShortAnswerQuestionBlock,
    SingleChoiceQuestionBlock,
    TrueFalseQuestionBlock,
)
from courses.blocks.resources import PageLinkBlock, ResourceBlock
from courses.blocks.text import (
    AccessibleRichTextBlock,
    EasyReadBlock,
    HeadingBlock,
    KeyTermsBlock,
    StepsBlock,
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


class QuizQuestionBlocks(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()


# A block that deconstructs to its own class path keeps `courses.blocks.X`, the
# path migrations record, whichever submodule defines it.
DECONSTRUCT_ALIASES = {
    cls: f"courses.blocks.{cls.__name__}"
    for cls in (
        HeadingOrderStreamBlock,
        ContentBlocks,
        LessonBlocks,
        CourseBlocks,
        OutcomeBlocks,
        QuizQuestionBlocks,
    )
}
