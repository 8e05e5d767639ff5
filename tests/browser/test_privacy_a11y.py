"""The privacy pages Part D added: the profile with its list of who viewed a
person's needs (both languages, every theme, 320 px) and the admin's
confirmation page for carrying out a deletion request."""

import pytest
from django.conf import settings
from django.test import Client

from accounts import services
from accounts.models import DisplayPreferences, StaffRole
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories.accounts import TrainingBaseFactory, UserFactory

THEMES = ["default", "dark", "yellow", "cream"]


def _session_cookie(user, url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def _trainee_with_viewers():
    trainee = UserFactory(name="王芳")
    services.access_needs_record(
        user=trainee, categories=["hearing"], needs=["captions"], notes="", consent=True
    )
    base = TrainingBaseFactory()
    for role in ["instructor", "manager"]:
        viewer = UserFactory()
        StaffRole.objects.create(user=viewer, role=role, base=base)
        services.access_needs_view_log(viewer=viewer, subject=trainee, path="/r/")
    return trainee


def test_profile_with_viewers(live_site, browser):
    # Every theme and language in one test: the trainee is made once.
    trainee = _trainee_with_viewers()
    for theme in THEMES:
        DisplayPreferences.objects.update_or_create(
            user=trainee, defaults={"theme": theme}
        )
        for language in ("zh-hans", "en"):
            context = browser.new_context(bypass_csp=True)
            context.add_cookies([_session_cookie(trainee, live_site.url)])
            page = context.new_page()
            response = page.goto(f"{live_site.url}/{language}/profile/")
            assert response.status == 200
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert page.locator("#viewers-heading ~ div table tbody tr").count() == 2
            assert_no_axe_violations(page)
            page.set_viewport_size({"width": 320, "height": 800})
            assert_no_horizontal_scroll(page)
            context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_admin_confirmation_page(live_site, browser, language):
    admin = UserFactory(preferred_language=language)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    trainee = _trainee_with_viewers()
    request = services.deletion_request_create(user=trainee, reason="")
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([_session_cookie(admin, live_site.url)])
    page = context.new_page()
    response = page.goto(
        f"{live_site.url}/admin/deletionrequest/carry-out/{request.pk}/"
    )
    assert response.status == 200
    assert_no_axe_violations(page)
    context.close()
