"""StreamField blocks shared by every page type.

Accessible by construction: headings come only from HeadingBlock (h2-h4;
the page title is the h1), rich text has no heading features of its own
beyond h2-h4, images carry alt text per use or are marked decorative.

Accessibility rules that need judgement (alt text quality, captions,
transcripts, heading order, link text, easy-read sentence length) run in
`clean()` only when publishing: Wagtail defers them while a draft is saved
(`is_deferred_validation`), so authors can save unfinished work.
"""

from courses.blocks.media import (
    AUDIO_EXTENSIONS,
    CAPTION_LANGUAGES,
    VIDEO_EXTENSIONS,
    WRONG_MEDIA_FILE,
    AccessibleImageBlock,
    AudioBlock,
    LessonImageBlock,
    TranscriptBlock,
    VideoBlock,
)
from courses.blocks.quiz import (
    MULTIPLE_CHOICE_NEEDS_A_CORRECT,
    QUESTION_NEEDS_TWO_CHOICES,
    SINGLE_CHOICE_NEEDS_ONE_CORRECT,
    MultipleChoiceQuestionBlock,
    QuizChoiceBlock,
    ShortAnswerQuestionBlock,
    SingleChoiceQuestionBlock,
    TrueFalseQuestionBlock,
)
from courses.blocks.resources import (
    PageLinkBlock,
    ResourceBlock,
    document_format,
    document_size,
)
from courses.blocks.streams import (
    ContentBlocks,
    CourseBlocks,
    HeadingOrderStreamBlock,
    LessonBlocks,
    OutcomeBlocks,
    QuizQuestionBlocks,
)
from courses.blocks.text import (
    LESSON_RICHTEXT_FEATURES,
    RICHTEXT_FEATURES,
    AccessibleRichTextBlock,
    EasyReadBlock,
    EasyReadSentenceBlock,
    HeadingBlock,
    KeyTermBlock,
    KeyTermsBlock,
    StepBlock,
    StepsBlock,
)

__all__ = [
    "AUDIO_EXTENSIONS",
    "CAPTION_LANGUAGES",
    "LESSON_RICHTEXT_FEATURES",
    "MULTIPLE_CHOICE_NEEDS_A_CORRECT",
    "QUESTION_NEEDS_TWO_CHOICES",
    "RICHTEXT_FEATURES",
    "SINGLE_CHOICE_NEEDS_ONE_CORRECT",
    "VIDEO_EXTENSIONS",
    "WRONG_MEDIA_FILE",
    "AccessibleImageBlock",
    "AccessibleRichTextBlock",
    "AudioBlock",
    "ContentBlocks",
    "CourseBlocks",
    "EasyReadBlock",
    "EasyReadSentenceBlock",
    "HeadingBlock",
    "HeadingOrderStreamBlock",
    "KeyTermBlock",
    "KeyTermsBlock",
    "LessonBlocks",
    "LessonImageBlock",
    "MultipleChoiceQuestionBlock",
    "OutcomeBlocks",
    "PageLinkBlock",
    "QuizChoiceBlock",
    "QuizQuestionBlocks",
    "ResourceBlock",
    "ShortAnswerQuestionBlock",
    "SingleChoiceQuestionBlock",
    "StepBlock",
    "StepsBlock",
    "TranscriptBlock",
    "TrueFalseQuestionBlock",
    "VideoBlock",
    "document_format",
    "document_size",
]
