"""Reconciliation pages in Chromium: zero axe violations in the default and
dark (high-contrast) themes, with inconsistencies found, an amendment after
close listed and a form error shown; the base page reflows at 320 px."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import DisplayPreferences, StaffRole
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory
from tests.federation.test_reconciliation import enrol
from training.models import Enrolment, Outcome, ReportingPeriod
from training.services import periods
from training.services.records import outcome_record

Status = Enrolment.Status


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def reconciliation_site(live_site):
    base = TrainingBaseFactory()
    TrainingBaseFactory()
    admin = StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
    auditor = StaffRoleFactory(role=StaffRole.Role.AUDITOR, base=None).user
    period = ReportingPeriod.objects.create(
        name="2026 上半年", starts_on=days(-300), ends_on=days(-150)
    )
    ReportingPeriod.objects.create(
        name="2026 下半年", starts_on=days(-149), ends_on=days(200)
    )
    session = training_factories.session(
        base=base,
        capacity=1,
        lessons=0,
        starts_on=days(-250),
        ends_on=days(-200),
        name="电商客服 2026 春季班（一个很长的班级名称用来检查窄屏换行）",
    )
    done = enrol(session, Status.COMPLETED, completed=True, certificate=True)
    enrol(session, Status.WITHDRAWN, completed=True, certificate=True)
    enrol(session, Status.ENROLLED)
    Outcome.objects.create(
        enrolment=done,
        follow_up=3,
        status=Outcome.Status.EMPLOYED,
        recorded_on=days(-201),
        recorded_by=admin,
    )
    periods.period_close(period=period, actor=auditor)
    # A follow-up recorded after the close: listed apart as an amendment.
    outcome_record(
        enrolment=done,
        follow_up=6,
        status=Outcome.Status.SELF_EMPLOYED,
        recorded_on=days(-3),
        actor=admin,
    )
    return {"url": live_site.url, "base": base, "period": period, "admin": admin}


def _context(browser, site, user, **options):
    context = browser.new_context(bypass_csp=True, **options)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site["url"],
            }
        ]
    )
    return context


def _paths(site) -> list[str]:
    base, period = site["base"].pk, site["period"].pk
    return [
        "federation/reconciliation/",
        f"federation/reconciliation/?period={period}",
        f"federation/reconciliation/bases/{base}/?period={period}",
        f"federation/reconciliation/bases/{base}/?period=999999",
        f"federation/reconciliation/periods/{period}/reopen/",
    ]


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_reconciliation_pages_have_no_axe_violations(
    reconciliation_site, browser, theme
):
    site = reconciliation_site
    DisplayPreferences.objects.create(user=site["admin"], theme=theme)
    context = _context(browser, site, site["admin"])
    page = context.new_page()
    for path in _paths(site):
        for language in ["zh-hans", "en"]:
            response = page.goto(f"{site['url']}/{language}/{path}")
            assert response.status == 200, path
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert_no_axe_violations(page)
    # The flags and the comparison are on the page being checked.
    page.goto(f"{site['url']}/en/{_paths(site)[2]}")
    assert page.locator("section.flag--found").count() == 4
    assert page.get_by_text("Differs by 1").count() == 1
    assert page.locator("#amendments-caption").count() == 1
    page.goto(f"{site['url']}/en/{_paths(site)[1]}")
    assert page.locator("#amendments-caption").count() == 1
    # A form with errors, and a refused close.
    page.goto(f"{site['url']}/en/federation/reconciliation/")
    page.fill("#id_new-name", "重叠")
    page.fill("#id_new-starts_on", days(-10).isoformat())
    page.fill("#id_new-ends_on", days(-20).isoformat())
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_have_count(1)
    assert_no_axe_violations(page)
    later = ReportingPeriod.objects.get(name="2026 下半年")
    training_factories.session(
        base=site["base"], lessons=0, starts_on=days(-5), ends_on=days(5)
    )
    page.goto(f"{site['url']}/en/federation/reconciliation/periods/{later.pk}/close/")
    assert_no_axe_violations(page)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_have_count(1)
    assert_no_axe_violations(page)
    context.close()


def test_base_page_reflows_at_320_px(reconciliation_site, browser):
    site = reconciliation_site
    context = _context(
        browser, site, site["admin"], viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for path in _paths(site)[:3]:
        page.goto(f"{site['url']}/zh-hans/{path}")
        assert_no_horizontal_scroll(page)
    # The wide session table scrolls inside its own focusable region.
    region = page.locator('.table-scroll[role="region"]').first
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    context.close()
