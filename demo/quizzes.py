"""Demo quizzes, in Chinese and English, at the end of the demo courses whose
file in demo/content/ has a `quiz`: written in Chinese, translated into
English through wagtail-localize with their course (or mirrored with it when
the course is Chinese only). For `manage.py seed_demo`. Idempotent: a course
that has its quiz is left alone."""

from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText

from courses.models import CoursePage, QuizPage
from courses.services import mirror_untranslated
from demo.course_content import courses
from demo.courses import translator_of
from demo.site import publish
from demo.translation import translate_page

SLUG = "quiz"
LANGUAGES = ("zh", "en")


def question_block(question: dict) -> tuple[str, dict]:
    """A question written in a course file as a quiz block. Choices list the
    right answers first, as an editor would write them."""
    kind = question["kind"]
    if kind in ("single_choice", "multiple_choice"):
        right = question["right"]
        if kind == "single_choice":
            right = [right]
        choices = [{"text": text, "is_correct": True} for text in right] + [
            {"text": text, "is_correct": False} for text in question["wrong"]
        ]
        value = {
            "question": question["question"],
            "choices": choices,
            "explanation": question["explanation"],
        }
    elif kind == "true_false":
        value = {
            "question": question["question"],
            "correct_answer": "true" if question["answer"] else "false",
            "explanation": question["explanation"],
        }
    else:
        value = {"question": question["question"], "guidance": question["guidance"]}
    return (kind, value)


def _quiz(course: dict) -> dict:
    quiz = course["quiz"]
    return {
        "course": course["slug"],
        "pass_mark": quiz["pass_mark"],
        "time_limit_minutes": quiz["time_limit_minutes"],
        "one_question_per_page": quiz["one_question_per_page"],
        **{
            language: {
                "title": quiz[language]["title"],
                "intro": quiz[language]["intro"],
                "questions": [question_block(q) for q in quiz[language]["questions"]],
            }
            for language in LANGUAGES
        },
    }


QUIZZES = [_quiz(course) for course in courses() if "quiz" in course]


def _fields(quiz: dict, language: str) -> dict:
    words = quiz[language]
    return {
        "title": words["title"],
        "intro": [("text", RichText(words["intro"]))],
        "questions": words["questions"],
        "pass_mark": quiz["pass_mark"],
        "time_limit_minutes": quiz["time_limit_minutes"],
        "one_question_per_page": quiz["one_question_per_page"],
    }


def _seed_quiz(quiz: dict, en: Locale) -> None:
    course = CoursePage.objects.filter(
        slug=quiz["course"], locale__language_code="zh-hans"
    ).first()
    if course is None:
        return
    zh_quiz = QuizPage.objects.child_of(course).filter(slug=SLUG).first()
    if zh_quiz is None:
        zh_quiz = course.add_child(
            instance=QuizPage(slug=SLUG, locale=course.locale, **_fields(quiz, "zh"))
        )
        publish(zh_quiz)
    english = course.get_translation_or_none(en)
    if english is None or english.alias_of_id:
        # The course is not translated: the quiz is mirrored with it.
        mirror_untranslated(zh_quiz)
        return
    fields = _fields(quiz, "en")
    translate_page(
        zh_quiz,
        {name: fields[name] for name in ("title", "intro", "questions")},
        locale=en,
        user=translator_of(course.base),
    )


@transaction.atomic
def seed_quizzes() -> None:
    """A quiz at the end of three demo courses: untimed one question per
    page, timed with a written answer, and all questions on one page."""
    en = Locale.objects.get(language_code="en")
    for quiz in QUIZZES:
        _seed_quiz(quiz, en)
