from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage
from home.models import AccessibilityStatementPage, HelpIndexPage, HelpPage, HomePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage, {AccessibilityStatementPage, HelpIndexPage, CourseIndexPage}
        )

    def test_statement_lives_under_a_home_page(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})

    def test_statement_is_a_leaf(self):
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())

    def test_one_home_page_per_content_language(self):
        self.assertEqual(HomePage.max_count, 2)

    def test_one_statement_per_home_page(self):
        self.assertEqual(AccessibilityStatementPage.max_count_per_parent, 1)

    def test_help_index_lives_under_a_home_page_and_holds_guides(self):
        self.assertAllowedParentPageTypes(HelpIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(HelpIndexPage, {HelpPage})
        self.assertEqual(HelpIndexPage.max_count_per_parent, 1)

    def test_guides_are_leaves_under_the_help_index(self):
        self.assertAllowedParentPageTypes(HelpPage, {HelpIndexPage})
        self.assertAllowedSubpageTypes(HelpPage, set())
