"""What course and lesson pages show from learner records. The courses app
stays ignorant of training: its templates load these tags."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import time as time_filter
from django.utils import timezone
from django.utils.html import format_html

from core.language import in_language
from training.models import Enrolment
from training.selectors import learning as learning_selectors
from training.selectors import quizzes as quiz_selectors
from training.services.enrolment import enrolment_window_refusal, place_refusal

register = template.Library()


@register.simple_tag
def meeting_when(meeting) -> str:
    """When and where a meeting is: `<time>` with its start (weekday, date,
    hours), then its place (`lang` when in the other language). A tag
    rather than an include: My learning lists every coming meeting of every
    place, and an include per meeting cost more than the rest of a card."""
    day = f"{date_filter(meeting.day, 'l')} {date_filter(meeting.day, 'DATE_FORMAT')}"
    hours = (
        f"{time_filter(meeting.starts_at, 'H:i')}–{time_filter(meeting.ends_at, 'H:i')}"
    )
    html = format_html(
        '<time datetime="{}">{}, {}</time>',
        date_filter(timezone.template_localtime(meeting.start), "c"),
        day,
        hours,
    )
    if meeting.place:
        return format_html("{}, {}", html, in_language(meeting.place))
    return html


@register.inclusion_tag("training/includes/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context, course) -> dict:
    request = context["request"]
    sessions = list(learning_selectors.upcoming_sessions(course))
    mine = learning_selectors.enrolments_by_session(request.user, sessions)
    for session in sessions:
        session.places_left = max(session.capacity - session.taken, 0)
        session.my_enrolment = mine.get(session.pk)
        opens = session.enrolment_opens_on
        session.opens_later = opens if opens and opens > timezone.localdate() else None
        session.enrolment_closed = bool(enrolment_window_refusal(session))
        # Staff preview the course; the enrol button becomes an explanation.
        session.refusal = (
            place_refusal(person=request.user, session=session, assisted=False)
            if request.user.is_authenticated
            else ""
        )
    return {"sessions": sessions, "request": request, "user": request.user}


@register.inclusion_tag("training/includes/lesson_progress.html", takes_context=True)
def lesson_progress(context, lesson, course) -> dict:
    request = context["request"]
    # Read already when the lesson was opened (training.wagtail_hooks), or
    # read here.
    read = getattr(request, "lesson_progress_read", None)
    if read is not None and read[0] == lesson.pk:
        _, enrolment, progress = read
        completed = progress is not None and progress.completed_at is not None
    else:
        enrolment = learning_selectors.enrolment_for_course(request.user, course)
        completed = enrolment is not None and learning_selectors.lesson_completed(
            enrolment, lesson
        )
    return {
        "request": request,
        "user": request.user,
        "lesson": lesson,
        "enrolment": enrolment,
        "completed": completed,
        "course_completed": enrolment is not None
        and enrolment.status == Enrolment.Status.COMPLETED,
    }


@register.inclusion_tag(
    "training/quizzes/includes/quiz_status.html", takes_context=True
)
def quiz_status(context, quiz) -> dict:
    """Start, Continue, or the latest result for a quiz page."""
    request = context["request"]
    user = request.user
    course = quiz.get_parent()
    enrolment = learning_selectors.enrolment_for_course(user, course)
    attempts = quiz_selectors.quiz_attempts(user, quiz) if enrolment else []
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    seconds = (
        quiz_selectors.time_allowed(quiz, user)
        if enrolment and quiz.time_limit_minutes
        else None
    )
    return {
        "request": request,
        "user": user,
        "quiz": quiz,
        "course_url": course.get_url(request),
        "enrolment": enrolment,
        "open_attempt": open_attempt,
        "latest": attempts[-1] if attempts else None,
        "timed": bool(quiz.time_limit_minutes),
        "seconds_allowed": seconds,
        "minutes_allowed": round(seconds / 60) if seconds else 0,
        "extra_time": seconds is not None
        and seconds > (quiz.time_limit_minutes or 0) * 60,
    }
