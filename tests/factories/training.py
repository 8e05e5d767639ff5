import datetime

from django.utils import timezone

from tests.factories import courses as course_factories
from tests.factories.accounts import TrainingBaseFactory
from training.models import TrainingSession


def session(
    *,
    course=None,
    base=None,
    capacity: int = 20,
    lessons: int = 2,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    **fields,
) -> TrainingSession:
    """A session of a published course with `lessons` published lessons,
    running by default (started 90 days ago, ends in 30), whatever today is.
    Needs the site pages (the `site_pages` fixture)."""
    today = timezone.localdate()
    starts_on = starts_on or today - datetime.timedelta(days=90)
    ends_on = ends_on or today + datetime.timedelta(days=30)
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
