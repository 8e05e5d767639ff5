import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.test.utils import WagtailPageTestCase

from courses.blocks import (
    MULTIPLE_CHOICE_NEEDS_A_CORRECT,
    QUESTION_NEEDS_TWO_CHOICES,
    SINGLE_CHOICE_NEEDS_ONE_CORRECT,
    MultipleChoiceQuestionBlock,
    QuizQuestionBlocks,
    SingleChoiceQuestionBlock,
)
from courses.models import CoursePage, LessonPage, QuizPage, TrainingBasePage


class QuizTreeRulesTests(WagtailPageTestCase):
    def test_quiz_lives_under_a_course(self):
        self.assertAllowedParentPageTypes(QuizPage, {CoursePage})

    def test_quiz_is_a_leaf(self):
        self.assertAllowedSubpageTypes(QuizPage, set())

    def test_course_holds_lessons_and_quizzes(self):
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, QuizPage})

    def test_quiz_cannot_go_in_a_base_section(self):
        self.assertCanNotCreateAt(TrainingBasePage, QuizPage)


def _value(block, **fields):
    return block.to_python(fields)


def _choices(*correct: bool):
    return [{"text": f"选项{n}", "is_correct": c} for n, c in enumerate(correct)]


def _choices_error(block, value) -> str:
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    errors = raised.value.block_errors
    assert set(errors) == {"choices"}, "the message sits on the choices field"
    return " ".join(
        e.message % (e.params or {})
        for e in errors["choices"].non_block_errors.as_data()
    )


@pytest.mark.parametrize(
    ("correct", "problem", "params"),
    [
        ((True, True), SINGLE_CHOICE_NEEDS_ONE_CORRECT, {"count": 2}),
        ((False, False), SINGLE_CHOICE_NEEDS_ONE_CORRECT, {"count": 0}),
        ((True,), QUESTION_NEEDS_TWO_CHOICES, {}),
    ],
)
def test_single_choice_needs_exactly_one_correct_of_two_or_more(
    correct, problem, params
):
    # The message is formatted here, in the language active while the test runs.
    block = SingleChoiceQuestionBlock()
    value = _value(block, question="一？", choices=_choices(*correct))
    expected = str(problem) % params if params else str(problem)
    assert _choices_error(block, value) == expected


def test_single_choice_with_one_correct_answer_is_valid():
    block = SingleChoiceQuestionBlock()
    value = _value(block, question="一？", choices=_choices(False, True, False))
    assert block.clean(value)["question"] == "一？"


def test_multiple_choice_needs_a_correct_answer():
    block = MultipleChoiceQuestionBlock()
    value = _value(block, question="哪些？", choices=_choices(False, False))
    assert _choices_error(block, value) == str(MULTIPLE_CHOICE_NEEDS_A_CORRECT)


def test_multiple_choice_with_several_correct_answers_is_valid():
    block = MultipleChoiceQuestionBlock()
    value = _value(block, question="哪些？", choices=_choices(True, True, False))
    assert len(block.clean(value)["choices"]) == 3


def test_multiple_choice_needs_two_choices():
    block = MultipleChoiceQuestionBlock()
    value = _value(block, question="哪些？", choices=_choices(True))
    assert _choices_error(block, value) == str(QUESTION_NEEDS_TWO_CHOICES)


def test_the_stream_reports_the_error_on_the_offending_question():
    stream = QuizQuestionBlocks()
    value = stream.to_python(
        [
            {
                "type": "single_choice",
                "value": {"question": "好", "choices": _choices(True, False)},
            },
            {
                "type": "single_choice",
                "value": {"question": "坏", "choices": _choices(True, True)},
            },
        ]
    )
    with pytest.raises(StreamBlockValidationError) as raised:
        stream.clean(value)
    assert set(raised.value.block_errors) == {1}
    assert isinstance(raised.value.block_errors[1], ValidationError)


@pytest.mark.django_db
def test_pass_mark_is_a_percentage(site_pages):
    page = QuizPage(title="测验", slug="q", pass_mark=101)
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "pass_mark" in raised.value.message_dict
    page.pass_mark = 100
    page.time_limit_minutes = None
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "pass_mark" not in raised.value.message_dict


@pytest.mark.django_db
def test_demo_quizzes_in_both_languages_once(site_pages):
    from demo.quizzes import QUIZZES, seed_quizzes
    from tests.factories import courses as tree
    from tests.factories.accounts import TrainingBaseFactory

    base = TrainingBaseFactory()
    zh_course = tree.course(tree.base_section(base), slug="livestream-selling")
    en_course = zh_course.copy_for_translation(tree.en_locale(), copy_parents=True)
    en_course.save_revision().publish()
    seed_quizzes()
    seed_quizzes()
    zh_quiz = QuizPage.objects.child_of(zh_course).get()
    en_quiz = QuizPage.objects.child_of(en_course).get()
    assert zh_quiz.live and en_quiz.live
    assert zh_quiz.translation_key == en_quiz.translation_key
    assert zh_quiz.title == QUIZZES[0]["zh"]["title"]
    assert en_quiz.title == QUIZZES[0]["en"]["title"]
    assert len(en_quiz.questions) == 4
    QuizPage.questions.field.stream_block.clean(en_quiz.questions)
