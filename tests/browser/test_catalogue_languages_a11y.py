"""No course hidden by language, in Chromium (issue 14): each catalogue lists
the course not yet translated from the other language with its title marked
with its `lang` and a visible "Chinese only"/"English only" label; its course
and lesson pages (Wagtail aliases) mark their content with its language.
Zero axe violations in both languages, default and dark colours, text at
200% at 320 px, and the course reached by keyboard."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from courses.models import CoursePage, LessonPage
from courses.selectors import NOT_YET_TRANSLATED, ONLY_IN
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.factories import courses as tree
from tests.factories.accounts import TrainingBaseFactory, UserFactory

LANGUAGES = ["zh-hans", "en"]
# The course only in the other language, its lang, and the label's key.
OTHER = {
    "en": ("电商直播入门", "zh-Hans", "zh-hans"),
    "zh-hans": ("Website upkeep", "en", "en"),
}


def _said(message, language: str) -> str:
    with translation.override(language):
        return str(message)


@pytest.fixture
def bilingual_site(live_site):
    """One base with a section in each language and a course (with a lesson)
    written in each: publishing mirrors each into the other tree."""
    base = TrainingBaseFactory(name="甲基地", name_en="Base A")
    zh_section = tree.base_section(base)
    en_section = tree.base_section(base, language="en")
    zh_course = tree.course(zh_section, title="电商直播入门", slug="live")
    tree.lesson(zh_course, title="布置直播间")
    en_course = tree.course(
        en_section,
        title="Website upkeep",
        slug="web",
        summary="Keep a website working with a screen reader.",
    )
    tree.lesson(en_course, title="Check the links")
    alias = CoursePage.objects.get(alias_of=zh_course)
    return {
        "catalogue": {lang: f"{live_site.url}/{lang}/courses/" for lang in LANGUAGES},
        "alias_course": live_site.url + alias.get_url(),
        "alias_lesson": live_site.url
        + LessonPage.objects.child_of(alias).get().get_url(),
    }


def _check_catalogue(page, url: str, language: str) -> None:
    assert page.goto(url).status == 200
    title, tag, key = OTHER[language]
    card = page.locator(".course-card").filter(has_text=title)
    expect(card).to_have_count(1)
    expect(card.locator("h3 a")).to_have_attribute("lang", tag)
    label = card.locator(".language-label")
    expect(label).to_be_visible()
    expect(label).to_have_text(_said(ONLY_IN[key], language))
    assert label.get_attribute("lang") is None
    expect(page.locator(".course-card")).to_have_count(2)
    assert_no_axe_violations(page)


def _check_alias_pages(page, site) -> None:
    assert page.goto(site["alias_course"]).status == 200
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator(".content-language-note")).to_have_text(
        _said(NOT_YET_TRANSLATED["coursepage", "en"], "en")
    )
    assert_no_axe_violations(page)
    assert page.goto(site["alias_lesson"]).status == 200
    expect(page.locator("main h1")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator(".lesson-body")).to_have_attribute("lang", "zh-Hans")
    assert_no_axe_violations(page)


def test_catalogue_and_pages_of_courses_in_the_other_language(
    live_site, browser, bilingual_site
):
    # Anonymous, default colours.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for language in LANGUAGES:
        _check_catalogue(page, bilingual_site["catalogue"][language], language)
    _check_alias_pages(page, bilingual_site)
    context.close()

    # Dark colours, text at 200%, 320 px wide.
    user = UserFactory()
    DisplayPreferences.objects.create(user=user, theme="dark", text_size=200)
    context = signed_in_context(
        browser, user, live_site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for language in LANGUAGES:
        _check_catalogue(page, bilingual_site["catalogue"][language], language)
        assert_no_horizontal_scroll(page)
    _check_alias_pages(page, bilingual_site)
    assert_no_horizontal_scroll(page)

    # By keyboard: from the English catalogue to the Chinese-only course.
    assert page.goto(bilingual_site["catalogue"]["en"]).status == 200
    link = page.locator(".course-card h3 a[lang='zh-Hans']")
    for _ in range(80):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    expect(link).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == bilingual_site["alias_course"]
    expect(page.locator("main h1")).to_have_attribute("lang", "zh-Hans")
    context.close()
