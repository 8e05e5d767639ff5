"""Credential pages in Chromium: the download link on the certificate page and
the public credential check (empty, with errors, valid, changed), with zero
axe violations in both languages and in the default and dark themes, no
sideways scrolling at 320 px with 200% text, and the check done by keyboard
alone (a file chosen and sent without a mouse)."""

from django.test import Client
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from accounts.preferences import COOKIE_NAME, Display
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from training.models import Certificate
from training.selectors.certificates import code_display
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue

LANGUAGES = ["zh-hans", "en"]
THEMES = ["default", "dark"]
SKILLS = [
    {"code": "livestream-selling", "name": "直播带货", "name_en": "Livestream selling"}
]


def _world():
    base = TrainingBaseFactory(name="渝中区残疾人职业培训基地", name_en="Yuzhong Base")
    trainee = UserFactory(name="张伟", email="zhang.wei@example.org")
    session = training_factories.session(base=base)
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    certificate = certificate_issue(enrolment=enrolment, actor=trainee)
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title_en="Livestream E-commerce Basics", skills=SKILLS
    )
    return trainee, certificate


def _token(trainee, certificate, language) -> str:
    client = Client()
    client.force_login(trainee)
    url = f"/{language}/certificates/{code_display(certificate.code)}/credential.jwt"
    return client.get(url).content.decode()


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def _check(page):
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_credential_pages_are_accessible_in_both_languages_and_themes(
    live_site, browser
):
    trainee, certificate = _world()
    DisplayPreferences.objects.create(user=trainee, text_size=200)
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    for theme in THEMES:
        DisplayPreferences.objects.filter(user=trainee).update(theme=theme)
        context.clear_cookies()
        context.add_cookies(
            [
                {
                    "name": COOKIE_NAME,
                    "value": Display(text_size=200, theme=theme).to_cookie(),
                    "url": live_site.url,
                }
            ]
        )
        for language in LANGUAGES:
            base = f"{live_site.url}/{language}"
            token = _token(trainee, certificate, language)
            # The code check links to the credential check.
            page.goto(f"{base}/verify/")
            with page.expect_navigation():
                page.locator(f'main a[href="/{language}/verify/credential/"]').click()
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            _check(page)
            # Nothing given: the error summary.
            _submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            _check(page)
            # A good credential, and a changed one.
            page.fill("main textarea[name=credential]", token)
            _submit(page)
            expect(page.locator("main .credential-hash")).to_be_visible()
            _check(page)
            header, payload, signature = token.split(".")
            flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
            page.fill("main textarea[name=credential]", f"{header}.{payload}.{flipped}")
            _submit(page)
            expect(page.locator("main .credential-hash")).to_have_count(0)
            _check(page)
        # The certificate page offers the download.
        sign_in(context, trainee, live_site.url)
        for language in LANGUAGES:
            page.goto(f"{live_site.url}/{language}/certificates/{certificate.code}/")
            link = page.locator('main a[href$="/credential.jwt"]')
            expect(link).to_have_count(1)
            _check(page)
        context.clear_cookies()
    context.close()


def test_a_credential_file_is_checked_by_keyboard_alone(live_site, browser, tmp_path):
    trainee, certificate = _world()
    path = tmp_path / "certificate.jwt"
    path.write_text(_token(trainee, certificate, "en"))
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_site.url}/en/verify/credential/")
    # Tab from the paste box to the file chooser, choose, then to the button.
    page.get_by_label("Credential", exact=True).focus()
    page.keyboard.press("Tab")
    file_input = page.locator("main input[type=file]")
    expect(file_input).to_be_focused()
    # The native file dialog is the browser's own, not our page: once the
    # chooser has keyboard focus, fill it as that dialog would. (Waiting for
    # headless Chromium's "filechooser" event after Space proved flaky in CI.)
    file_input.set_input_files(str(path))
    expect(file_input).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("main input[name=email]")).to_be_focused()
    page.keyboard.type("zhang.wei@example.org")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("This credential is real and valid")
    expect(main).to_contain_text("zhang.wei@example.org is the holder's")
    expect(main).to_contain_text("Livestream E-commerce Basics")
    context.close()


def test_revoke_admin_page_is_accessible_and_works_by_keyboard(live_site, browser):
    from wagtail.users.models import UserProfile

    from accounts.models import StaffRole
    from tests.factories.accounts import StaffRoleFactory

    _, certificate = _world()
    admin = StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
    profile = UserProfile.get_for_user(admin)
    # Wagtail's messages fade in: axe must measure their colours after that,
    # not halfway through (reduced motion, and wait for any animation left).
    context = browser.new_context(
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    sign_in(context, admin, live_site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    code = code_display(certificate.code)
    for language in ["zh-hans", "en"]:
        profile.preferred_language = language
        profile.save()
        page.goto(f"{live_site.url}/admin/certificates/revoke/?code={code}")
        assert_no_axe_violations(page)
        if language == "zh-hans":
            # No reason: the error summary, then nothing revoked.
            _submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            assert_no_axe_violations(page)
            continue
        page.locator("main textarea[name=reason]").focus()
        page.keyboard.type("Issued in error")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("main")).to_contain_text("Issued in error")
        page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')"
        )
        assert_no_axe_violations(page)
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error"
    context.close()
