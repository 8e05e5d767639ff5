"""Certificate pages: zero axe violations and no sideways scrolling at 320 px,
in both languages; the check form works by keyboard alone."""

import pytest

from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from training.selectors.certificates import code_display
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue, new_certificate_code


def _certificate():
    base = TrainingBaseFactory(
        name="渝中区残疾人职业培训基地", name_en="Yuzhong Vocational Training Base"
    )
    trainee = UserFactory(name="张伟")
    session = training_factories.session(base=base)
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    certificate = certificate_issue(enrolment=enrolment, actor=trainee)
    return trainee, certificate


def _check(page) -> None:
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_certificate_pages_have_no_axe_violations_and_reflow(live_site, page, language):
    trainee, certificate = _certificate()
    base = f"{live_site.url}/{language}"
    pages = [
        (f"{base}/verify/", 200),
        (f"{base}/verify/?code=12", 200),  # the form with an error summary
        (f"{base}/verify/{code_display(certificate.code)}/", 200),
        (f"{base}/verify/{new_certificate_code()}/", 404),
        (f"{base}/verify/not-a-code/", 404),
    ]
    for url, status in pages:
        response = page.goto(url)
        assert response.status == status, url
        _check(page)

    sign_in(page.context, trainee, live_site.url)
    response = page.goto(f"{base}/certificates/{certificate.code}/")
    assert response.status == 200
    _check(page)


def test_a_code_is_checked_by_keyboard_alone(live_site, page):
    _, certificate = _certificate()
    page.goto(f"{live_site.url}/en/verify/")
    field = page.get_by_label("Certificate code")
    field.focus()
    page.keyboard.type(code_display(certificate.code).lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/verify/{code_display(certificate.code)}/")
    assert "张伟" in page.locator("main").inner_text()


def test_the_rate_limit_page_is_accessible(live_site, page):
    from training.views import certificates as views_certificates

    code = new_certificate_code()
    for _ in range(views_certificates.VERIFY_LIMIT):
        page.request.get(f"{live_site.url}/zh-hans/verify/{code}/")
    response = page.goto(f"{live_site.url}/zh-hans/verify/{code}/")
    assert response.status == 429
    _check(page)
