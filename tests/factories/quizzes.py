"""Quiz pages for tests."""

from courses.models import CoursePage, QuizPage


def single(question: str, right: str, *wrong: str, why: str = "") -> tuple:
    choices = [{"text": right, "is_correct": True}] + [
        {"text": text, "is_correct": False} for text in wrong
    ]
    return (
        "single_choice",
        {"question": question, "choices": choices, "explanation": why},
    )


def multiple(question: str, right: list[str], wrong: list[str], why: str = ""):
    choices = [{"text": t, "is_correct": True} for t in right] + [
        {"text": t, "is_correct": False} for t in wrong
    ]
    return (
        "multiple_choice",
        {"question": question, "choices": choices, "explanation": why},
    )


def true_false(statement: str, answer: bool, why: str = "") -> tuple:
    return (
        "true_false",
        {
            "question": statement,
            "correct_answer": "true" if answer else "false",
            "explanation": why,
        },
    )


def short(question: str, guidance: str = "") -> tuple:
    return ("short_answer", {"question": question, "guidance": guidance})


def standard_questions(count: int = 4) -> list[tuple]:
    """`count` questions cycling through the choice kinds."""
    makers = [
        lambda n: single(
            f"问题{n}：直播前先做什么？", "检查网络", "马上开播", why="网络要稳定。"
        ),
        lambda n: multiple(
            f"问题{n}：直播间需要什么？", ["支架", "补光灯"], ["电视机"]
        ),
        lambda n: true_false(
            f"问题{n}：可以用文字回答观众。", True, why="文字互动适合所有人。"
        ),
    ]
    return [makers[n % 3](n + 1) for n in range(count)]


def quiz(
    course_page: CoursePage,
    *,
    title: str = "第一单元测验",
    questions: list | None = None,
    pass_mark: int = 70,
    time_limit_minutes: int | None = None,
    one_question_per_page: bool = True,
    live: bool = True,
) -> QuizPage:
    parent = CoursePage.objects.get(pk=course_page.pk)
    page = parent.add_child(
        instance=QuizPage(
            title=title,
            slug=f"quiz-{QuizPage.objects.count() + 1}",
            locale=parent.locale,
            pass_mark=pass_mark,
            time_limit_minutes=time_limit_minutes,
            one_question_per_page=one_question_per_page,
            questions=questions if questions is not None else standard_questions(),
            live=live,
        )
    )
    if live:
        page.save_revision().publish()
    return QuizPage.objects.get(pk=page.pk)
