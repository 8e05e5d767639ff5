import datetime

from tests.factories import courses as course_factories
from tests.factories.accounts import TrainingBaseFactory
from training.models import TrainingSession


def session(
    *,
    course=None,
    base=None,
    capacity: int = 20,
    lessons: int = 2,
    starts_on=datetime.date(2026, 9, 1),
    ends_on=datetime.date(2026, 11, 30),
    **fields,
) -> TrainingSession:
    """A session of a published course with `lessons` published lessons.
    Needs the site pages (the `site_pages` fixture)."""
    base = base or TrainingBaseFactory()
    if course is None:
        course = course_factories.course(course_factories.base_section(base))
        for number in range(lessons):
            course_factories.lesson(course, title=f"第{number + 1}课")
    return TrainingSession.objects.create(
        course=course,
        base=base,
        name=fields.pop("name", f"{course.title} 2026 秋季班"),
        starts_on=starts_on,
        ends_on=ends_on,
        delivery_mode=fields.pop("delivery_mode", "blended"),
        capacity=capacity,
        **fields,
    )
