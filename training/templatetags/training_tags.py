"""What course and lesson pages show from learner records. The courses app
stays ignorant of training: its templates load these tags."""

from django import template

from training import selectors
from training.models import Enrolment

register = template.Library()


@register.inclusion_tag("training/includes/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context, course) -> dict:
    request = context["request"]
    sessions = list(selectors.upcoming_sessions(course))
    mine = selectors.enrolments_by_session(request.user, sessions)
    for session in sessions:
        session.places_left = max(session.capacity - session.taken, 0)
        session.my_enrolment = mine.get(session.pk)
    return {"sessions": sessions, "request": request, "user": request.user}


@register.inclusion_tag("training/includes/lesson_progress.html", takes_context=True)
def lesson_progress(context, lesson, course) -> dict:
    request = context["request"]
    enrolment = selectors.enrolment_for_course(request.user, course)
    completed = enrolment is not None and selectors.lesson_completed(enrolment, lesson)
    return {
        "request": request,
        "user": request.user,
        "lesson": lesson,
        "enrolment": enrolment,
        "completed": completed,
        "course_completed": enrolment is not None
        and enrolment.status == Enrolment.Status.COMPLETED,
    }
