"""Quiz attempts: start, answers saved as you go, pause and resume, review,
submit, marking of short answers, and retries.

Accessibility rules built in: a time limit is stretched by the trainee's
extra-time need (or removed), can always be paused (WCAG 2.2.1), and running
out of time never loses work or submits by surprise: the trainee reviews
(WCAG 3.3.4) and submits when ready.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.models import QuizPage
from training.models import Enrolment, QuizAnswer, QuizAttempt
from training.selectors.quizzes import quiz_questions, time_allowed
from training.services.audit import audit_record
from training.services.progress import course_completion_check
from training.signals import answer_marked

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


# Time ------------------------------------------------------------------------


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
    # Attempts in any of the quiz's languages count (an alias or translation
    # of it is the same quiz).
    attempts = list(
        QuizAttempt.objects.filter(
            enrolment=enrolment, quiz__translation_key=quiz.translation_key
        )
    )
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
        language=attempt_language(),
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


def attempt_language() -> str:
    """The language the quiz is being taken in: the active one, as a Wagtail
    locale code ("zh-hans" or "en")."""
    language = (get_language() or "").lower()
    return "en" if language.startswith("en") else "zh-hans"


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


def answers_save(
    *,
    attempt: QuizAttempt,
    answers: Iterable[tuple[str, list[str] | tuple[str, ...], str]],
) -> None:
    """Save a page of answers, (question id, choice ids, text) each. Every
    answer is saved on its own, so one refused keeps those before it: a
    trainee never loses work."""
    for question_id, choice_ids, text in answers:
        answer_save(
            attempt=attempt, question_id=question_id, choice_ids=choice_ids, text=text
        )


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
    transaction.on_commit(
        lambda: answer_marked.send(sender=QuizAnswer, answer=answer, actor=actor)
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
