from django import template

from courses.models import CoursePage, QuizPage

register = template.Library()


@register.simple_tag
def course_quizzes(course: CoursePage) -> list[QuizPage]:
    """The course's published quizzes, in tree order (one query)."""
    return list(QuizPage.objects.child_of(course).live().order_by("path"))
