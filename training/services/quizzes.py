"""Quiz attempts: start, answers saved as you go, pause and resume, review,
submit, marking of short answers, and retries.

Accessibility rules built in: a time limit is stretched by the trainee's
extra-time need (or removed), can always be paused (WCAG 2.2.1), and running
out of time never loses work or submits by surprise: the trainee reviews
(WCAG 3.3.4) and submits when ready.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessNeeds, User
from courses.models import QuizPage
from training.models import Enrolment, QuizAnswer, QuizAttempt
from training.services.audit import audit_record
from training.services.progress import course_completion_check

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
TRUE_FALSE_CHOICES = [("true", _("True")), ("false", _("False"))]

NOT_ENROLLED = _("Enrol in a session of this course to take its quiz.")
WRONG_COURSE = _("This quiz belongs to another course.")
ALREADY_PASSED = _("You have already passed this quiz.")
WAITING_FOR_MARKING = _(
    "Your last attempt is waiting for an instructor to mark it. You can try "
    "again if you do not pass."
)
ALREADY_SUBMITTED = _("This attempt has been submitted, so it cannot be changed.")
TIME_UP = _(
    "The time for this quiz is up. Your saved answers are kept: review and submit them."
)
PAUSED = _("The quiz is paused. Continue it to change your answers.")
UNKNOWN_QUESTION = _("This question is no longer in the quiz.")
UNKNOWN_CHOICE = _("That answer is not one of the choices for this question.")
ONE_CHOICE_ONLY = _("Choose only one answer to this question.")
ALREADY_MARKED = _("This answer has already been marked.")
NOT_A_SHORT_ANSWER = _("Only written answers are marked by an instructor.")


class QuizError(Exception):
    pass


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


def seconds_used(attempt: QuizAttempt, *, now: datetime.datetime | None = None) -> int:
    used = attempt.seconds_used
    if (
        attempt.clock_started_at is not None
        and attempt.paused_at is None
        and attempt.submitted_at is None
    ):
        now = now or timezone.now()
        used += max(int((now - attempt.clock_started_at).total_seconds()), 0)
    return used


def seconds_remaining(
    attempt: QuizAttempt, *, now: datetime.datetime | None = None
) -> int | None:
    if attempt.seconds_allowed is None:
        return None
    return max(attempt.seconds_allowed - seconds_used(attempt, now=now), 0)


def time_is_up(attempt: QuizAttempt, *, now: datetime.datetime | None = None) -> bool:
    return seconds_remaining(attempt, now=now) == 0


def _stop_clock(attempt: QuizAttempt, now: datetime.datetime) -> None:
    attempt.seconds_used = seconds_used(attempt, now=now)
    attempt.clock_started_at = None


# Attempts --------------------------------------------------------------------


def _locked(attempt: QuizAttempt) -> QuizAttempt:
    return (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "enrolment__session")
        .get(pk=attempt.pk)
    )


@transaction.atomic
def attempt_start(*, enrolment: Enrolment, quiz: QuizPage, actor: User) -> QuizAttempt:
    """The open attempt, or a new one. Idempotent: starting twice gives the
    same attempt. After a failed attempt a new one may start (retries)."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__course", "trainee")
        .get(pk=enrolment.pk)
    )
    if enrolment.status not in (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED):
        raise QuizError(NOT_ENROLLED)
    if quiz.get_parent().translation_key != enrolment.session.course.translation_key:
        raise QuizError(WRONG_COURSE)
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz))
    for attempt in attempts:
        if attempt.submitted_at is None:
            return attempt
    if any(attempt.passed for attempt in attempts):
        raise QuizError(ALREADY_PASSED)
    if any(attempt.needs_marking for attempt in attempts):
        raise QuizError(WAITING_FOR_MARKING)
    now = timezone.now()
    attempt = QuizAttempt(
        enrolment=enrolment,
        quiz=quiz,
        number=max((a.number for a in attempts), default=0) + 1,
        started_at=now,
        clock_started_at=now,
        seconds_allowed=time_allowed(quiz, enrolment.trainee),
    )
    attempt.full_clean()
    attempt.save()
    audit_record(
        actor=actor,
        action="quiz.start",
        obj=attempt,
        enrolment=enrolment,
        changes={
            "quiz": [None, quiz.pk],
            "number": [None, attempt.number],
            "seconds_allowed": [None, attempt.seconds_allowed],
        },
    )
    return attempt


def _check_open(attempt: QuizAttempt) -> None:
    if attempt.submitted_at is not None:
        raise QuizError(ALREADY_SUBMITTED)
    if attempt.paused_at is not None:
        raise QuizError(PAUSED)
    if time_is_up(attempt):
        raise QuizError(TIME_UP)


@transaction.atomic
def answer_save(
    *,
    attempt: QuizAttempt,
    question_id: str,
    choice_ids: list[str] | tuple[str, ...] = (),
    text: str = "",
) -> QuizAnswer | None:
    """Save (or replace) the answer to one question. Idempotent. An empty
    answer clears a saved one: the question is skipped for now."""
    attempt = _locked(attempt)
    _check_open(attempt)
    question = {q.id: q for q in quiz_questions(attempt.quiz)}.get(question_id)
    if question is None:
        raise QuizError(UNKNOWN_QUESTION)
    if question.is_choice:
        chosen = set(choice_ids)
        if not chosen <= {pk for pk, _label in question.choices}:
            raise QuizError(UNKNOWN_CHOICE)
        if len(chosen) > 1 and not question.allows_many:
            raise QuizError(ONE_CHOICE_ONLY)
        # In the order the choices are shown.
        ids, text = [pk for pk, _label in question.choices if pk in chosen], ""
    else:
        ids, text = [], text.strip()
    if not ids and not text:
        QuizAnswer.objects.filter(attempt=attempt, question_id=question_id).delete()
        return None
    answer, _created = QuizAnswer.objects.update_or_create(
        attempt=attempt,
        question_id=question_id,
        defaults={"choice_ids": ids, "text": text},
    )
    return answer


@transaction.atomic
def attempt_pause(*, attempt: QuizAttempt) -> QuizAttempt:
    """Stop the clock. Any attempt may be paused, timed or not; pausing
    twice changes nothing."""
    attempt = _locked(attempt)
    if attempt.submitted_at is not None or attempt.paused_at is not None:
        return attempt
    now = timezone.now()
    _stop_clock(attempt, now)
    attempt.paused_at = now
    attempt.save(update_fields=["seconds_used", "clock_started_at", "paused_at"])
    return attempt


@transaction.atomic
def attempt_resume(*, attempt: QuizAttempt) -> QuizAttempt:
    attempt = _locked(attempt)
    if attempt.submitted_at is not None or attempt.paused_at is None:
        return attempt
    attempt.paused_at = None
    attempt.clock_started_at = timezone.now()
    attempt.save(update_fields=["clock_started_at", "paused_at"])
    return attempt


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
    attempt: QuizAttempt, *, answers: list[QuizAnswer] | None = None
) -> list[AnswerItem]:
    """Every question with the answer given so far (WCAG 3.3.4: checked
    before the final submission), or the marked answer afterwards."""
    if answers is None:
        answers = list(attempt.answers.all())
    by_question = {answer.question_id: answer for answer in answers}
    items = []
    for question in quiz_questions(attempt.quiz):
        answer = by_question.get(question.id)
        given = []
        if answer is not None:
            given = question.labels(answer.choice_ids) if question.is_choice else []
        items.append(AnswerItem(question=question, answer=answer, given=given))
    return items


def _passes(quiz: QuizPage, score: int, max_score: int) -> bool:
    return score * 100 >= quiz.pass_mark * max_score


def _audit_result(attempt: QuizAttempt, actor: User | None, action: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=attempt,
        enrolment=attempt.enrolment,
        changes={
            "score": [None, attempt.score],
            "max_score": [None, attempt.max_score],
            "passed": [None, attempt.passed],
            "needs_marking": [None, attempt.needs_marking],
        },
    )


@transaction.atomic
def attempt_submit(*, attempt: QuizAttempt, actor: User) -> QuizAttempt:
    """Final submission, allowed even after the time is up. Choice questions
    are scored now; written answers wait for an instructor, and so does the
    result. Idempotent: submitting twice changes nothing."""
    attempt = _locked(attempt)
    if attempt.submitted_at is not None:
        return attempt
    now = timezone.now()
    _stop_clock(attempt, now)
    questions = quiz_questions(attempt.quiz)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    scored = []
    for question in questions:
        answer = answers.get(question.id)
        if answer is not None and question.is_choice:
            answer.is_correct = frozenset(answer.choice_ids) == question.correct_ids
            scored.append(answer)
    QuizAnswer.objects.bulk_update(scored, ["is_correct"])
    attempt.submitted_at = now
    attempt.paused_at = None
    attempt.max_score = len(questions)
    attempt.score = sum(1 for answer in scored if answer.is_correct)
    attempt.needs_marking = any(
        not question.is_choice and question.id in answers for question in questions
    )
    attempt.passed = (
        None
        if attempt.needs_marking
        else _passes(attempt.quiz, attempt.score, attempt.max_score)
    )
    attempt.save()
    _audit_result(attempt, actor, "quiz.submit")
    if attempt.passed:
        course_completion_check(enrolment=attempt.enrolment, actor=actor)
    return attempt


@transaction.atomic
def answer_mark(
    *, answer: QuizAnswer, is_correct: bool, actor: User, comment: str = ""
) -> QuizAnswer:
    """An instructor marks a written answer. When the last one is marked,
    the attempt's score and result are final."""
    answer = QuizAnswer.objects.select_for_update().get(pk=answer.pk)
    attempt = _locked(answer.attempt)
    if not attempt.needs_marking or answer.is_correct is not None:
        raise QuizError(ALREADY_MARKED)
    questions = quiz_questions(attempt.quiz)
    question = {q.id: q for q in questions}.get(answer.question_id)
    if question is None or question.is_choice:
        raise QuizError(NOT_A_SHORT_ANSWER)
    now = timezone.now()
    answer.is_correct = is_correct
    answer.marked_by = actor
    answer.marked_at = now
    answer.comment = comment.strip()
    answer.save(update_fields=["is_correct", "marked_by", "marked_at", "comment"])
    audit_record(
        actor=actor,
        action="quiz.mark",
        obj=answer,
        enrolment=attempt.enrolment,
        changes={"is_correct": [None, is_correct], "attempt": [None, attempt.pk]},
    )
    ids = {question.id for question in questions}
    marks = dict(
        attempt.answers.filter(question_id__in=ids).values_list(
            "question_id", "is_correct"
        )
    )
    if any(value is None for value in marks.values()):
        return answer
    attempt.score = sum(1 for value in marks.values() if value)
    attempt.max_score = len(questions)
    attempt.needs_marking = False
    attempt.passed = _passes(attempt.quiz, attempt.score, attempt.max_score)
    attempt.save(update_fields=["score", "max_score", "needs_marking", "passed"])
    _audit_result(attempt, actor, "quiz.result")
    if attempt.passed:
        course_completion_check(enrolment=attempt.enrolment, actor=actor)
    return answer


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
