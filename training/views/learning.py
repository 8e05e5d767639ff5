"""Trainee pages: enrol, my learning, lesson completion, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.coreutils import get_supported_content_language_variant

from core.notices import notice, text_with
from courses import selectors as course_selectors
from courses.models import LessonPage
from training.models import Enrolment, TrainingSession
from training.selectors import calendars as calendar_selectors
from training.selectors import learning as selectors
from training.services.enrolment import (
    EnrolmentError,
    enrolment_create,
    enrolment_offer_respond,
    enrolment_pending_respond,
    enrolment_withdraw,
)
from training.services.progress import lesson_completion_record

ENROLMENT_MESSAGES = {
    Enrolment.Status.ENROLLED: gettext_lazy("You are enrolled. Welcome!"),
    Enrolment.Status.WAITLISTED: gettext_lazy(
        "The session is full, so you are on the waiting list. We will offer you a place as soon as one is free."
    ),
    Enrolment.Status.APPLIED: gettext_lazy(
        "Your application is sent. An instructor will reply soon."
    ),
}


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # A path on this site only: anything else (a bare word, another host) is
    # not a place to go back to.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return fallback


@never_cache
@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_learning(
        request.user, language=get_supported_content_language_variant(get_language())
    )
    current = [r for r in rows if r.enrolment.status in Enrolment.ACTIVE]
    finished = [r for r in rows if r.enrolment.status not in Enrolment.ACTIVE]
    return render(
        request,
        "training/my_learning.html",
        {
            "current": current,
            "finished": finished,
            "next_meeting": selectors.next_meeting(rows),
            "has_calendar": (
                rows[0].enrolment.has_calendar
                if rows
                else calendar_selectors.feed_of(request.user) is not None
            ),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=session_id)
    try:
        enrolment = enrolment_create(
            trainee=request.user, session=session, actor=request.user
        )
    except EnrolmentError as error:
        messages.error(request, str(error))
        return redirect(_back(request, "my_learning"))
    _enrolment_notice(request, enrolment)
    return redirect("my_learning")


def _enrolment_notice(request: HttpRequest, enrolment: Enrolment) -> None:
    """What the trainee's place now is, and the next step: the course."""
    course = enrolment.session.course
    if enrolment.status == Enrolment.Status.ENROLLED:
        message = text_with(
            _("You have a place in %(session)s."),
            session=enrolment.session.display_name,
        )
        link_text = _("Start the course:")
    else:
        message = ENROLMENT_MESSAGES.get(
            enrolment.status, _("Your enrolment is saved.")
        )
        link_text = _("Back to the course:")
    notice(
        request,
        message,
        link_url=course.get_url(request),
        link_text=link_text,
        link_title=course.title,
    )


def _find_another_notice(request: HttpRequest, message: str) -> None:
    notice(
        request,
        message,
        link_url=reverse("home") + "courses/",
        link_text=_("Find another course"),
    )


def _own_enrolment(request: HttpRequest, enrolment_id: int) -> Enrolment:
    enrolment = selectors.enrolment_of(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    return enrolment


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _own_enrolment(request, enrolment_id)
    if request.method == "POST":
        try:
            enrolment_withdraw(enrolment=enrolment, actor=request.user)
        except EnrolmentError as error:
            messages.error(request, str(error))
        else:
            _find_another_notice(
                request, _("You have left the session. Your progress is kept.")
            )
        return redirect("my_learning")
    return render(request, "training/withdraw.html", {"enrolment": enrolment})


@login_required
@require_POST
def respond_to_offer(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _own_enrolment(request, enrolment_id)
    accept = request.POST.get("answer") == "accept"
    try:
        enrolment = enrolment_offer_respond(
            enrolment=enrolment, accept=accept, actor=request.user
        )
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        if accept:
            _enrolment_notice(request, enrolment)
        else:
            _find_another_notice(request, _("You have turned down the place."))
    return redirect("my_learning")


@login_required
@require_POST
def respond_to_pending(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The trainee confirms or declines a place staff made for them."""
    enrolment = _own_enrolment(request, enrolment_id)
    confirm = request.POST.get("answer") == "confirm"
    try:
        enrolment = enrolment_pending_respond(
            enrolment=enrolment, confirm=confirm, actor=request.user
        )
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        if confirm:
            _enrolment_notice(request, enrolment)
        else:
            _find_another_notice(request, _("You have declined the place."))
    return redirect("my_learning")


@login_required
@require_POST
def complete_lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.get_parent().specific
    enrolment = selectors.enrolment_for_course(request.user, course)
    if enrolment is None:
        messages.error(
            request,
            _("Enrol in a session of this course to keep track of your progress."),
        )
    else:
        was_completed = enrolment.status == Enrolment.Status.COMPLETED
        lesson_completion_record(enrolment=enrolment, lesson=lesson, actor=request.user)
        enrolment.refresh_from_db()
        if enrolment.status == Enrolment.Status.COMPLETED and not was_completed:
            notice(
                request,
                _(
                    "Lesson marked complete. You have finished the course: well done! Your certificate is ready."
                ),
                link_url=reverse("my_learning"),
                link_text=_("See your certificate in My learning"),
            )
        else:
            notice(
                request,
                _("Lesson marked complete."),
                **_after_lesson(request, lesson, course),
            )
    return redirect(_back(request, lesson.get_url(request)))


def _after_lesson(request: HttpRequest, lesson: LessonPage, course) -> dict:
    """The next step after a lesson: the next lesson, else the course's
    first quiz, else the course."""
    lessons = list(
        course_selectors.lessons_of(course).only(
            "id", "title", "path", "url_path", "depth"
        )
    )
    position = next(
        (i for i, other in enumerate(lessons) if other.pk == lesson.pk), None
    )
    if position is not None and position + 1 < len(lessons):
        following = lessons[position + 1]
        return {
            "link_url": following.get_url(request),
            "link_text": _("Next lesson:"),
            "link_title": following.title,
        }
    quizzes = course_selectors.quizzes_of(course)
    if quizzes:
        return {
            "link_url": quizzes[0].get_url(request),
            "link_text": _("Take the quiz:"),
            "link_title": quizzes[0].title,
        }
    return {
        "link_url": course.get_url(request),
        "link_text": _("Back to the course:"),
        "link_title": course.title,
    }
