from django import template

from courses.models import CoursePage, QuizPage
from courses.selectors import quizzes_of

register = template.Library()


@register.simple_tag
def course_quizzes(course: CoursePage) -> list[QuizPage]:
    return quizzes_of(course)
