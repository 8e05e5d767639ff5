"""The demo courses (issue 14: all but the Chinese-only ones translated
through wagtail-localize). Called once from test_seed, after seed_demo: the
courses take most of the seed's time, so they are not seeded again here."""

from django.contrib.auth.models import Group

from courses.blocks import LessonBlocks
from courses.models import CourseIndexPage, CoursePage, LessonPage, TrainingBasePage
from home.models import HomePage


def check_courses(client) -> None:
    courses = CoursePage.objects.live()
    assert courses.filter(locale__language_code="zh-hans").count() >= 8
    assert (
        courses.filter(locale__language_code="en").count()
        == courses.filter(locale__language_code="zh-hans").count()
    )
    assert (
        TrainingBasePage.objects.filter(locale__language_code="zh-hans").count() == 17
    )
    assert CourseIndexPage.objects.live().count() == 2

    for course in courses:
        lessons = LessonPage.objects.live().child_of(course)
        assert 4 <= lessons.count() <= 8, course.title
        assert course.adaptations.exists()
        used = {block.block_type for lesson in lessons for block in lesson.body}
        assert used == set(LessonBlocks.base_blocks), course.title
        for lesson in lessons:
            kinds = {v.kind for v in lesson.versions.all()}
            assert {"easy_read", "sign_language", "audio_first", "large_print"} <= kinds
            video = next(b.value for b in lesson.body if b.block_type == "video")
            assert video["captions"].file_extension == "vtt"
            assert video["transcript"].source.strip()

    en_course = courses.filter(
        locale__language_code="en", alias_of__isnull=True
    ).first()
    assert en_course.title.isascii()
    assert en_course.translation_key in set(
        courses.filter(locale__language_code="zh-hans").values_list(
            "translation_key", flat=True
        )
    )

    # Every home page links to its catalogue.
    for home in HomePage.objects.all():
        catalogue = CourseIndexPage.objects.child_of(home).get()
        links = [b.value["page"].pk for b in home.intro if b.block_type == "link"]
        assert catalogue.pk in links

    # One authoring group per base, and demo instructors are in theirs.
    assert Group.objects.filter(name__startswith="Course authors").count() == 17
    response = client.post(
        "/en/accounts/login/",
        {"login": "instructor01@demo.example.org", "password": "demo-pass-2026"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    response = client.get("/en/courses/")
    assert response.status_code == 200
    lesson = LessonPage.objects.live().filter(locale__language_code="en").first()
    response = client.get(lesson.get_url())
    assert response.status_code == 200
    assert b'<track kind="captions"' in response.content
