"""Reads for quiz pages and marking: a quiz's questions as written by
editors, the time a trainee is allowed, attempts and answers, each in a fixed
number of queries."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.models import AccessNeeds, User
from courses.models import QuizPage
from training.models import Enrolment, QuizAnswer, QuizAttempt
from training.permissions import can_run_session

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
TRUE_FALSE_CHOICES = [("true", _("True")), ("false", _("False"))]


@dataclass(frozen=True)
class Question:
    number: int
    id: str
    kind: str
    text: str
    choices: tuple[tuple[str, str], ...] = ()
    correct_ids: frozenset[str] = frozenset()
    explanation: str = ""

    @property
    def is_choice(self) -> bool:
        return self.kind != SHORT_ANSWER

    @property
    def allows_many(self) -> bool:
        return self.kind == MULTIPLE_CHOICE

    def labels(self, ids) -> list[str]:
        chosen = set(ids)
        return [str(label) for pk, label in self.choices if pk in chosen]

    @property
    def correct_labels(self) -> list[str]:
        return self.labels(self.correct_ids)


def quiz_questions(quiz: QuizPage) -> list[Question]:
    """The quiz's questions in order. Choice ids are the ListBlock item ids
    (and "true"/"false"), so saved answers survive rewording."""
    questions = []
    for number, child in enumerate(quiz.questions, start=1):
        value = child.value
        kind = child.block_type
        if kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            items = value["choices"].bound_blocks
            choices = tuple((item.id, item.value["text"]) for item in items)
            correct = frozenset(item.id for item in items if item.value["is_correct"])
            explanation = value.get("explanation") or ""
        elif kind == TRUE_FALSE:
            choices = tuple(TRUE_FALSE_CHOICES)
            correct = frozenset([value["correct_answer"]])
            explanation = value.get("explanation") or ""
        else:
            choices, correct = (), frozenset()
            explanation = value.get("guidance") or ""
        questions.append(
            Question(
                number=number,
                id=child.id,
                kind=kind,
                text=value["question"],
                choices=choices,
                correct_ids=correct,
                explanation=explanation,
            )
        )
    return questions


# Time ------------------------------------------------------------------------


def time_allowed(quiz: QuizPage, trainee: User) -> int | None:
    """Seconds allowed: the quiz's limit times the trainee's extra-time
    factor; None when either says no limit."""
    if not quiz.time_limit_minutes:
        return None
    needs = AccessNeeds.objects.filter(user=trainee).first()
    factor = needs.time_limit_factor if needs is not None else 1.0
    if factor is None:
        return None
    return round(quiz.time_limit_minutes * 60 * factor)


# Attempts ------------------------------------------------------------------


def _shape(quiz: QuizPage) -> set:
    """What answers are keyed by: question ids with their kinds and choice
    ids (a translation keeps them; a reworded copy may not)."""
    return {
        (q.id, q.kind, frozenset(pk for pk, _label in q.choices))
        for q in quiz_questions(quiz)
    }


def quizzes_shown(attempts: list[QuizAttempt]) -> dict[int, QuizPage]:
    """For each attempt (by pk), its quiz in the language it was taken in:
    the page with the quiz's translation key in that language, when its
    questions are the same ones; otherwise (and for attempts recorded before
    the language was) the quiz page the attempt was taken on. One query."""
    wanted = {(str(a.quiz.translation_key), a.language) for a in attempts if a.language}
    found = {}
    if wanted:
        pages = (
            QuizPage.objects.live()
            .filter(
                translation_key__in={key for key, _language in wanted},
                locale__language_code__in={language for _key, language in wanted},
            )
            .select_related("locale")
        )
        found = {
            (str(page.translation_key), page.locale.language_code.lower()): page
            for page in pages
        }
    shown, shapes = {}, {}
    for attempt in attempts:
        quiz = attempt.quiz
        page = found.get((str(quiz.translation_key), attempt.language))
        if page is not None and page.pk != quiz.pk:
            for each in (page, quiz):
                if each.pk not in shapes:
                    shapes[each.pk] = _shape(each)
            if shapes[page.pk] != shapes[quiz.pk]:
                page = None
        shown[attempt.pk] = page or quiz
    return shown


def quiz_shown(attempt: QuizAttempt) -> QuizPage:
    return quizzes_shown([attempt])[attempt.pk]


def attempt_of(user: User, attempt_id: int) -> QuizAttempt | None:
    """The person's own attempt with its quiz and course; None for anyone
    else's (so the page answers 404, not 403)."""
    if not user.is_authenticated:
        return None
    return (
        QuizAttempt.objects.select_related("quiz", "enrolment__session__course")
        .filter(pk=attempt_id, enrolment__trainee=user)
        .first()
    )


def quiz_attempts(user: User, quiz) -> list[QuizAttempt]:
    if not user.is_authenticated:
        return []
    return list(
        QuizAttempt.objects.filter(
            enrolment__trainee=user, quiz__translation_key=quiz.translation_key
        ).order_by("number")
    )


def answers_to_mark(user: User) -> list[QuizAnswer]:
    """Written answers waiting for marking in sessions the person may run,
    oldest first, each with `.question` attached."""
    answers = (
        QuizAnswer.objects.filter(
            is_correct__isnull=True,
            attempt__needs_marking=True,
            attempt__submitted_at__isnull=False,
        )
        .select_related(
            "attempt__quiz",
            "attempt__enrolment__trainee",
            "attempt__enrolment__session__base",
        )
        .order_by("attempt__submitted_at", "pk")
    )
    answers = [
        answer
        for answer in answers
        if can_run_session(user, answer.attempt.enrolment.session)
    ]
    shown = quizzes_shown([answer.attempt for answer in answers])
    result, questions = [], {}
    for answer in answers:
        attempt = answer.attempt
        quiz = shown[attempt.pk]
        answer.quiz_shown = quiz
        if quiz.pk not in questions:
            questions[quiz.pk] = {q.id: q for q in quiz_questions(quiz)}
        answer.question = questions[quiz.pk].get(answer.question_id)
        if answer.question is not None and not answer.question.is_choice:
            result.append(answer)
    return result


@dataclass
class AnswerItem:
    """A question with the answer given, for the review and results pages."""

    question: Question
    answer: QuizAnswer | None
    given: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def is_correct(self) -> bool | None:
        if self.answer is None:
            return False
        return self.answer.is_correct


def attempt_review(
    attempt: QuizAttempt,
    *,
    answers: list[QuizAnswer] | None = None,
    quiz: QuizPage | None = None,
) -> list[AnswerItem]:
    """Every question with the answer given so far (WCAG 3.3.4: checked
    before the final submission), or the marked answer afterwards; worded
    as in `quiz` (the attempt's quiz in the language it was taken in, see
    `quizzes_shown`) when given."""
    if answers is None:
        answers = list(attempt.answers.all())
    by_question = {answer.question_id: answer for answer in answers}
    items = []
    for question in quiz_questions(quiz or attempt.quiz):
        answer = by_question.get(question.id)
        given = []
        if answer is not None:
            given = question.labels(answer.choice_ids) if question.is_choice else []
        items.append(AnswerItem(question=question, answer=answer, given=given))
    return items


def attempt_answers(attempt: QuizAttempt) -> dict[str, QuizAnswer]:
    """The answers saved so far, by question id."""
    return {answer.question_id: answer for answer in attempt.answers.all()}


def attempt_can_retry(attempt: QuizAttempt) -> bool:
    """A failed attempt with none after it: the trainee may try again."""
    return (
        attempt.passed is False
        and not QuizAttempt.objects.filter(
            enrolment=attempt.enrolment,
            quiz__translation_key=attempt.quiz.translation_key,
            number__gt=attempt.number,
        ).exists()
    )


def course_quizzes_passed(enrolment: Enrolment) -> bool:
    """Every published quiz of the enrolment's course has a passed attempt
    (taken in any of the course's languages)."""
    course = enrolment.session.course
    required = set(
        QuizPage.objects.child_of(course)
        .live()
        .values_list("translation_key", flat=True)
    )
    if not required:
        return True
    passed = set(
        QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list(
            "quiz__translation_key", flat=True
        )
    )
    return required <= passed
