"""wagtail-localize's translation editor as an instructor uses it, in Chromium:
zero axe violations in both admin languages, and one segment translated and
saved with the keyboard alone. One browser context; the admin language is
switched in the user's Wagtail profile between the two passes."""

import json

import pytest
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation
from wagtail_localize.operations import translate_object

from accounts.models import StaffRole
from courses.services import mirror_untranslated
from tests.browser.conftest import goto_settled, signed_in_context
from tests.browser.test_admin_a11y import CONTEXT, _axe_violations, _set_admin_language
from tests.factories import courses as course_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory

LANGUAGES = ["zh-hans", "en"]
# The admin's own themes; the last pass (English, light) is the keyboard's.
THEMES = ["dark", "light"]
TYPED = "Set up the live room"


@pytest.fixture
def translation_world(live_site):
    base = TrainingBaseFactory()
    instructor = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=base).user
    section = course_factories.base_section(base)
    course_factories.base_section(base, "en")
    course = course_factories.course(section, title="电商直播入门")
    lesson = course_factories.lesson(course, title="布置直播间")
    mirror_untranslated(course)
    en = course_factories.en_locale()
    translate_object(course, [en], user=instructor)
    translate_object(lesson, [en], user=instructor)
    target = Page.objects.get(translation_key=lesson.translation_key, locale=en)
    assert target.alias_of_id is None
    return {"url": live_site.url, "instructor": instructor, "target": target}


def _focus_by_tab(page, name: str, limit: int = 150) -> None:
    """Tab until the focused element is the button called `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement?.textContent || '').trim()"
        )
        if focused == name:
            return
    raise AssertionError(f"no {name!r} button reached with Tab")


def test_translation_editor_is_accessible_and_works_by_keyboard(
    translation_world, browser
):
    w = translation_world
    context = signed_in_context(browser, w["instructor"], w["url"], **CONTEXT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    edit = f"{w['url']}/admin/pages/{w['target'].pk}/edit/"
    found = {}
    profile = UserProfile.get_for_user(w["instructor"])
    for language in LANGUAGES:
        _set_admin_language(w["instructor"], language)
        for theme in THEMES:
            profile.refresh_from_db()
            profile.theme = theme
            profile.save(update_fields=["theme"])
            response = goto_settled(page, edit)
            assert response.status == 200
            assert page.locator("html").get_attribute("lang") == language
            expect(page.locator(".js-translation-editor li").first).to_be_visible()
            violations = _axe_violations(page)
            if violations:
                found[f"{language} {theme}"] = violations
    assert not found, "axe violations in the translation editor:\n" + json.dumps(
        found, indent=2, ensure_ascii=False
    )

    # English admin, light theme (the last pass): the title's "Translate", typed, saved.
    page.locator("body").focus()
    _focus_by_tab(page, "Translate")
    page.keyboard.press("Enter")
    textarea = page.locator(".js-translation-editor textarea").first
    expect(textarea).to_be_focused()
    page.keyboard.type(TYPED)
    _focus_by_tab(page, "Save", limit=5)
    with page.expect_response(lambda r: "/strings/" in r.url):
        page.keyboard.press("Enter")
    expect(page.get_by_text(TYPED).first).to_be_visible()
    assert StringTranslation.objects.filter(data=TYPED).exists()
    violations = _axe_violations(page)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)
    context.close()
