"""The bases and published course pages the load data hangs from."""

from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.models import (
    TrainingBase,
)
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    TrainingBasePage,
)
from demo.load.plan import CoursePlan
from demo.load.size import COURSE_SLUG_PREFIX
from demo.people import BASES, training_base
from demo.site import seed_site
from home.models import HomePage


def load_bases(count: int) -> list[TrainingBase]:
    """The demo bases (found by name, or created as the demo would), then
    more when more are asked for."""
    bases = []
    for index in range(count):
        if index < len(BASES):
            name, name_en, district, district_en, address = BASES[index]
        else:
            name = f"（负载测试）培训基地 {index + 1:02d}"
            name_en = f"(Load test) Training Base {index + 1:02d}"
            district, district_en = "渝中区", "Yuzhong District"
            address = f"渝中区测试路 {index + 1} 号"
        bases.append(
            training_base(
                number=index + 1,
                name=name,
                name_en=name_en,
                district=district,
                district_en=district_en,
                address=address,
            )
        )
    return bases


def _catalogue() -> CourseIndexPage:
    home = HomePage.objects.filter(locale__language_code="zh-hans").first()
    if home is None:
        home = seed_site()
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CourseIndexPage(title="课程", slug="courses", locale=home.locale)
        )
    return catalogue


def _section(catalogue: CourseIndexPage, base: TrainingBase) -> TrainingBasePage:
    section = TrainingBasePage.objects.child_of(catalogue).filter(base=base).first()
    if section is None:
        catalogue = CourseIndexPage.objects.get(pk=catalogue.pk)
        section = catalogue.add_child(
            instance=TrainingBasePage(
                title=base.name,
                slug=f"base-{base.pk}",
                base=base,
                locale=catalogue.locale,
            )
        )
    return section


def _course_slug(course: CoursePlan, base: TrainingBase) -> str:
    return f"{COURSE_SLUG_PREFIX}{base.pk}-{course.slot + 1}"


def write_courses(courses: list[CoursePlan], bases: list[TrainingBase]) -> int:
    """Published pages, built with the page API; a page an earlier run built
    to the same plan is reused. No revisions or reference index: nobody edits
    load-test pages. Returns how many pages were built."""
    existing = {
        page.slug: page
        for page in CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX)
    }
    catalogue = _catalogue()
    sections = {}
    to_build = []
    with disable_reference_index_auto_update():
        for course in courses:
            base = bases[course.base]
            page = existing.pop(_course_slug(course, base), None)
            if page is not None:
                lesson_ids = list(
                    LessonPage.objects.child_of(page)
                    .order_by("path")
                    .values_list("pk", flat=True)
                )
                same = (
                    page.title == course.title
                    and page.base_id == base.pk
                    and page.skill_area == course.skill
                    and page.delivery_mode == course.mode
                    and len(lesson_ids) == course.lessons
                )
                if same:
                    course.page_id, course.lesson_ids = page.pk, tuple(lesson_ids)
                    continue
                page.delete()
            to_build.append(course)
        # Pages of an earlier plan go before anything new is added beside them.
        for page in existing.values():
            page.delete()
        for course in to_build:
            base = bases[course.base]
            if base.pk not in sections:
                sections[base.pk] = _section(catalogue, base)
            section = sections[base.pk]
            page = section.add_child(
                instance=CoursePage(
                    title=course.title,
                    slug=_course_slug(course, base),
                    locale=section.locale,
                    base=base,
                    summary=f"负载测试用的课程：{course.title}",
                    skill_area=course.skill,
                    delivery_mode=course.mode,
                    estimated_hours=2 * course.lessons,
                )
            )
            course.page_id = page.pk
            lesson_ids = []
            for number in range(course.lessons):
                lesson = page.add_child(
                    instance=LessonPage(
                        title=f"第{number + 1}课",
                        slug=f"lesson-{number + 1}",
                        locale=page.locale,
                        summary="负载测试用的课。",
                    )
                )
                lesson_ids.append(lesson.pk)
            course.lesson_ids = tuple(lesson_ids)
    return sum(1 + course.lessons for course in to_build)
