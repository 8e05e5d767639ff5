"""Reads for quiz pages and marking, each in a fixed number of queries."""

from accounts.models import User
from training.models import QuizAnswer, QuizAttempt
from training.permissions import can_run_session
from training.services.quizzes import quiz_questions


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
        QuizAttempt.objects.filter(enrolment__trainee=user, quiz=quiz).order_by(
            "number"
        )
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
    result, questions = [], {}
    for answer in answers:
        attempt = answer.attempt
        if not can_run_session(user, attempt.enrolment.session):
            continue
        if attempt.quiz_id not in questions:
            questions[attempt.quiz_id] = {q.id: q for q in quiz_questions(attempt.quiz)}
        answer.question = questions[attempt.quiz_id].get(answer.question_id)
        if answer.question is not None and not answer.question.is_choice:
            result.append(answer)
    return result
