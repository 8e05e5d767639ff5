"""Quiz pages for trainees (take, pause, review, submit, results) and the
marking page for instructors. Everything works without JavaScript."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import is_staff_member
from core.notices import notice
from courses.models import QuizPage
from training.forms.quizzes import MarkForm, QuizAnswersForm
from training.models import QuizAttempt
from training.selectors import learning as learning_selectors
from training.selectors import quizzes as quiz_selectors
from training.services import quizzes
from training.services.quizzes import QuizError


def _attempt(request: HttpRequest, attempt_id: int) -> QuizAttempt:
    attempt = quiz_selectors.attempt_of(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _time(attempt: QuizAttempt) -> dict:
    remaining = quizzes.seconds_remaining(attempt)
    return {
        "limited": remaining is not None,
        "time_up": remaining == 0,
        "minutes_left": math.ceil(remaining / 60) if remaining else 0,
        "seconds_left": remaining or 0,
    }


def _continue_url(attempt: QuizAttempt, answers: dict | None = None) -> str:
    if attempt.submitted_at is not None:
        return reverse("quiz_results", args=[attempt.pk])
    if attempt.paused_at is not None:
        return reverse("quiz_paused", args=[attempt.pk])
    if quizzes.time_is_up(attempt):
        return reverse("quiz_review", args=[attempt.pk])
    if not attempt.quiz.one_question_per_page:
        return reverse("quiz_questions", args=[attempt.pk])
    answers = quiz_selectors.attempt_answers(attempt) if answers is None else answers
    for question in quiz_selectors.quiz_questions(attempt.quiz):
        if question.id not in answers:
            return reverse("quiz_question", args=[attempt.pk, question.number])
    return reverse("quiz_review", args=[attempt.pk])


def _not_open(attempt: QuizAttempt, *, reviewing: bool = False) -> str | None:
    """Where to go instead when the attempt cannot take answers now. When
    the time is up, the review page still shows the saved answers."""
    if attempt.submitted_at is not None or attempt.paused_at is not None:
        return _continue_url(attempt)
    if not reviewing and quizzes.time_is_up(attempt):
        return reverse("quiz_review", args=[attempt.pk])
    return None


def _save(request: HttpRequest, attempt: QuizAttempt, form: QuizAnswersForm) -> bool:
    try:
        quizzes.answers_save(
            attempt=attempt,
            answers=(
                (question.id, choice_ids, text)
                for question, choice_ids, text in form.given()
            ),
        )
    except QuizError as error:
        messages.error(request, str(error))
        return False
    return True


def _paused_notice(request: HttpRequest, attempt: QuizAttempt) -> None:
    notice(
        request,
        _(
            "The quiz is paused and your answers are saved. To continue, now or another day, choose Continue the quiz."
        ),
        link_url="#resume",
        link_text=_("How to continue"),
    )


@login_required
@require_POST
def quiz_start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    enrolment = learning_selectors.enrolment_for_course(request.user, quiz.get_parent())
    if enrolment is None:
        messages.error(request, str(quizzes.NOT_ENROLLED))
        return redirect(quiz.get_url(request))
    try:
        attempt = quizzes.attempt_start(
            enrolment=enrolment, quiz=quiz, actor=request.user
        )
    except QuizError as error:
        messages.error(request, str(error))
        return redirect(quiz.get_url(request))
    return redirect(_continue_url(attempt))


@never_cache
@login_required
def attempt_continue(request: HttpRequest, attempt_id: int) -> HttpResponse:
    return redirect(_continue_url(_attempt(request, attempt_id)))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, attempt_id: int, number: int) -> HttpResponse:
    """One question per page, with Previous, Next (or Review) and Skip."""
    attempt = _attempt(request, attempt_id)
    elsewhere = _not_open(attempt)
    if elsewhere:
        return redirect(elsewhere)
    questions = quiz_selectors.quiz_questions(attempt.quiz)
    if not 1 <= number <= len(questions):
        raise Http404
    current = questions[number - 1]
    answers = quiz_selectors.attempt_answers(attempt)
    is_last = number == len(questions)
    action = request.POST.get("action", "next")
    form = QuizAnswersForm(
        request.POST if request.method == "POST" and action != "skip" else None,
        questions=[current],
        answers=answers,
        require=action in ("next", "review"),
    )
    if request.method == "POST":
        forward = (
            reverse("quiz_review", args=[attempt.pk])
            if is_last
            else reverse("quiz_question", args=[attempt.pk, number + 1])
        )
        if action == "skip":
            return redirect(forward)
        if form.is_valid():
            if not _save(request, attempt, form):
                return redirect("quiz_review", attempt.pk)
            if action == "pause":
                quizzes.attempt_pause(attempt=attempt)
                _paused_notice(request, attempt)
                return redirect("quiz_paused", attempt.pk)
            if action == "previous" and number > 1:
                return redirect("quiz_question", attempt.pk, number - 1)
            if action == "previous":
                return redirect(attempt.quiz.get_url(request))
            saved = _("Your answer to question %(number)s is saved.") % {
                "number": number
            }
            if is_last:
                notice(
                    request,
                    saved,
                    link_url="#submit-heading",
                    link_text=_("Check your answers and submit them"),
                )
            else:
                notice(
                    request,
                    saved,
                    link_url=f"#question-{number + 1}",
                    link_text=_("Answer question %(number)s") % {"number": number + 1},
                )
            return redirect(forward)
    return render(
        request,
        "training/quizzes/question.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "question": current,
            "field": form[f"question-{current.number}"],
            "number": number,
            "total": len(questions),
            "is_last": is_last,
            "time": _time(attempt),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Every question on one page. Empty answers are simply skipped."""
    attempt = _attempt(request, attempt_id)
    elsewhere = _not_open(attempt)
    if elsewhere:
        return redirect(elsewhere)
    form = QuizAnswersForm(
        request.POST or None,
        questions=quiz_selectors.quiz_questions(attempt.quiz),
        answers=quiz_selectors.attempt_answers(attempt),
    )
    if request.method == "POST" and form.is_valid():
        if not _save(request, attempt, form):
            return redirect("quiz_review", attempt.pk)
        if request.POST.get("action") == "pause":
            quizzes.attempt_pause(attempt=attempt)
            _paused_notice(request, attempt)
            return redirect("quiz_paused", attempt.pk)
        notice(
            request,
            _("Your answers are saved."),
            link_url="#submit-heading",
            link_text=_("Check your answers and submit them"),
        )
        return redirect("quiz_review", attempt.pk)
    return render(
        request,
        "training/quizzes/questions.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "total": len(form.questions),
            "time": _time(attempt),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def paused(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt(request, attempt_id)
    if request.method == "POST":
        if request.POST.get("action") == "pause":
            quizzes.attempt_pause(attempt=attempt)
            _paused_notice(request, attempt)
            return redirect("quiz_paused", attempt.pk)
        attempt = quizzes.attempt_resume(attempt=attempt)
        return redirect(_continue_url(attempt))
    if attempt.paused_at is None:
        return redirect(_continue_url(attempt))
    return render(
        request,
        "training/quizzes/paused.html",
        {"attempt": attempt, "quiz": attempt.quiz, "time": _time(attempt)},
    )


@never_cache
@login_required
def review(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Check every answer before the final submission (WCAG 3.3.4)."""
    attempt = _attempt(request, attempt_id)
    elsewhere = _not_open(attempt, reviewing=True)
    if elsewhere:
        return redirect(elsewhere)
    shown = quiz_selectors.quiz_shown(attempt)
    items = quiz_selectors.attempt_review(attempt, quiz=shown)
    return render(
        request,
        "training/quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "shown_quiz": shown,
            "items": items,
            "unanswered": sum(1 for item in items if not item.answered),
            "time": _time(attempt),
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt(request, attempt_id)
    if attempt.paused_at is not None:
        quizzes.attempt_resume(attempt=attempt)
    attempt = quizzes.attempt_submit(attempt=attempt, actor=request.user)
    return redirect("quiz_results", attempt.pk)


@never_cache
@login_required
def results(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt(request, attempt_id)
    if attempt.submitted_at is None:
        return redirect(_continue_url(attempt))
    # The questions as the trainee read them: in the language the quiz was
    # taken in, whatever the language of this page.
    shown = quiz_selectors.quiz_shown(attempt)
    return render(
        request,
        "training/quizzes/results.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "shown_quiz": shown,
            "course": attempt.enrolment.session.course,
            "items": quiz_selectors.attempt_review(attempt, quiz=shown),
            "can_retry": quiz_selectors.attempt_can_retry(attempt),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def marking(request: HttpRequest) -> HttpResponse:
    """Written answers waiting for marking, for sessions the person runs."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    answers = quiz_selectors.answers_to_mark(request.user)
    forms = {answer.pk: MarkForm(prefix=f"answer-{answer.pk}") for answer in answers}
    if request.method == "POST":
        answer = next(
            (a for a in answers if str(a.pk) == request.POST.get("answer")), None
        )
        if answer is None:
            raise Http404
        form = MarkForm(request.POST, prefix=f"answer-{answer.pk}")
        if form.is_valid():
            try:
                quizzes.answer_mark(
                    answer=answer,
                    is_correct=form.cleaned_data["verdict"],
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except QuizError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Answer marked for %(name)s.")
                    % {"name": answer.attempt.enrolment.trainee},
                )
            return redirect("quiz_marking")
        forms[answer.pk] = form
    for answer in answers:
        answer.form = forms[answer.pk]
    return render(request, "training/quizzes/marking.html", {"answers": answers})
