from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    QuizPage,
    TrainingBasePage,
)
from home.models import HomePage


class CourseTreeRulesTests(WagtailPageTestCase):
    def test_catalogue_lives_under_a_home_page(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_catalogue_holds_base_sections_only(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {TrainingBasePage})

    def test_one_catalogue_per_home_page(self):
        self.assertEqual(CourseIndexPage.max_count_per_parent, 1)

    def test_base_section_lives_in_the_catalogue(self):
        self.assertAllowedParentPageTypes(TrainingBasePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(TrainingBasePage, {CoursePage})

    def test_course_lives_in_a_base_section(self):
        self.assertAllowedParentPageTypes(CoursePage, {TrainingBasePage})

    def test_course_holds_lessons(self):
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, QuizPage})

    def test_lesson_is_a_leaf_under_a_course(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
