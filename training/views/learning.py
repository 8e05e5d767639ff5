"""Trainee pages: enrol, my learning, lesson completion, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

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
    locale = Locale.get_active()
    rows = selectors.my_learning(request.user, locale_id=locale.pk)
    current = [r for r in rows if r.enrolment.status in Enrolment.ACTIVE]
    finished = [r for r in rows if r.enrolment.status not in Enrolment.ACTIVE]
    return render(
        request,
        "training/my_learning.html",
        {
            "current": current,
            "finished": finished,
            "next_meeting": selectors.next_meeting(rows),
            "has_calendar": calendar_selectors.feed_of(request.user) is not None,
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
    messages.success(
        request, ENROLMENT_MESSAGES.get(enrolment.status, _("Your enrolment is saved."))
    )
    return redirect("my_learning")


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
            messages.success(
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
        enrolment_offer_respond(enrolment=enrolment, accept=accept, actor=request.user)
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You are enrolled. Welcome!")
            if accept
            else _("You have turned down the place."),
        )
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
        messages.success(
            request,
            ENROLMENT_MESSAGES.get(enrolment.status, _("Your enrolment is saved."))
            if confirm
            else _("You have declined the place."),
        )
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
            messages.success(
                request,
                _(
                    "Lesson marked complete. You have finished the course: well done! Your certificate is ready."
                ),
            )
        else:
            messages.success(request, _("Lesson marked complete."))
    return redirect(_back(request, lesson.get_url(request)))
