"""Quiz questions, with the rules that make each one answerable."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

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


# A block that deconstructs to its own class path keeps `courses.blocks.X`, the
# path migrations record, whichever submodule defines it.
DECONSTRUCT_ALIASES = {
    cls: f"courses.blocks.{cls.__name__}"
    for cls in (
        QuizChoiceBlock,
        SingleChoiceQuestionBlock,
        MultipleChoiceQuestionBlock,
        TrueFalseQuestionBlock,
        ShortAnswerQuestionBlock,
    )
}
