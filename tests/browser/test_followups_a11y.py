"""Follow-up pages in Chromium: the instructors' follow-up page (overview,
the bulk table form empty and with errors), the teach home's overdue list and
the trainee's own report (form, errors, thank you, not due yet) have zero axe
violations in both languages, default and dark themes; they reflow at 320 px
with 200% text; the bulk form and the trainee's form work by keyboard."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import DisplayPreferences, StaffRole
from core.dates import add_months
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training.models import Enrolment, Outcome
from training.services.followups import outcome_self_report

LANGUAGES = ["zh-hans", "en"]
THEMES = ["default", "dark"]


def _session_cookie(user, url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


class World:
    pass


@pytest.fixture
def followup_site(live_site):
    """A session that ended six months and ten days ago (3 months overdue,
    6 months due, 12 not yet), three trainees who completed it, one of whom
    reported their 6-month status."""
    world = World()
    world.url = live_site.url
    world.instructor = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR).user
    base = StaffRole.objects.get(user=world.instructor).base
    ends_on = add_months(timezone.localdate(), -6) - datetime.timedelta(days=10)
    world.session = training_factories.session(
        base=base,
        lessons=0,
        starts_on=ends_on - datetime.timedelta(days=60),
        ends_on=ends_on,
        name="电商客服 2026 春季班（一个很长的班级名称用来检查窄屏换行）",
    )
    world.enrolments = []
    for name in ("Wang Fang", "李雷", "Han Meimei"):
        world.enrolments.append(
            Enrolment.objects.create(
                trainee=UserFactory(name=name),
                session=world.session,
                status=Enrolment.Status.COMPLETED,
                status_changed_at=timezone.now(),
                completed_at=timezone.now(),
            )
        )
    reported = world.enrolments[2]
    outcome_self_report(
        enrolment=reported,
        follow_up=6,
        status=Outcome.Status.EMPLOYED,
        notes="在超市上班",
        actor=reported.trainee,
    )
    world.trainee = world.enrolments[0].trainee
    world.page = f"teach/sessions/{world.session.pk}/follow-ups/"
    world.report = f"follow-ups/{world.enrolments[0].pk}/6/"
    return world


def _post_bad_row(page, world, language: str) -> None:
    """A row dated before the follow-up is due: the whole form comes back."""
    page.goto(f"{world.url}/{language}/{world.page}?follow_up=6")
    first = world.enrolments[0].pk
    page.select_option(f"#id_status_{first}", "employed")
    page.fill(f"#id_recorded_on_{first}", world.session.ends_on.isoformat())
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".error-summary a")).to_have_count(1)


@pytest.mark.parametrize("theme", THEMES)
def test_follow_up_pages_have_no_axe_violations(followup_site, browser, theme):
    world = followup_site
    DisplayPreferences.objects.create(user=world.instructor, theme=theme)
    DisplayPreferences.objects.create(user=world.trainee, theme=theme)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for language in LANGUAGES:
        context.clear_cookies()
        context.add_cookies([_session_cookie(world.instructor, world.url)])
        for path in (
            "teach/",
            world.page,
            f"{world.page}?follow_up=6",
            f"{world.page}?follow_up=12",
            f"{world.page}?follow_up=7",
        ):
            response = page.goto(f"{world.url}/{language}/{path}")
            assert response.status == 200, path
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert_no_axe_violations(page)
        _post_bad_row(page, world, language)
        assert_no_axe_violations(page)

        context.clear_cookies()
        context.add_cookies([_session_cookie(world.trainee, world.url)])
        not_due = f"follow-ups/{world.enrolments[0].pk}/12/"
        for path in (world.report, not_due):
            response = page.goto(f"{world.url}/{language}/{path}")
            assert response.status == 200, path
            assert_no_axe_violations(page)
        page.goto(f"{world.url}/{language}/{world.report}")
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").click()
        expect(page.locator(".error-summary")).to_have_count(1)
        assert_no_axe_violations(page)
    # The thank-you state, once reported.
    page.check('input[name=status][value="seeking_work"]')
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".notice[role=status]")).to_have_count(1)
    assert_no_axe_violations(page)
    context.close()


def test_follow_up_pages_reflow_at_320_px_with_200_percent_text(followup_site, browser):
    world = followup_site
    DisplayPreferences.objects.create(user=world.instructor, text_size=200)
    DisplayPreferences.objects.create(user=world.trainee, text_size=200)
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    page = context.new_page()
    for language in LANGUAGES:
        context.clear_cookies()
        context.add_cookies([_session_cookie(world.instructor, world.url)])
        for path in ("teach/", world.page, f"{world.page}?follow_up=6"):
            page.goto(f"{world.url}/{language}/{path}")
            assert_no_horizontal_scroll(page)
        _post_bad_row(page, world, language)
        assert_no_horizontal_scroll(page)
        context.clear_cookies()
        context.add_cookies([_session_cookie(world.trainee, world.url)])
        page.goto(f"{world.url}/{language}/{world.report}")
        assert_no_horizontal_scroll(page)
    context.close()


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        }"""
    )


def test_bulk_form_and_trainee_form_by_keyboard(followup_site, browser):
    world = followup_site
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([_session_cookie(world.instructor, world.url)])
    page = context.new_page()
    page.goto(f"{world.url}/en/{world.page}")
    # Choose the follow-up with the keyboard.
    _tab_to(page, 'input[name=follow_up][value="3"]')
    page.keyboard.press("ArrowRight")  # 6 months
    assert page.evaluate("document.activeElement.value") == "6"
    _tab_to(page, "main form[method=get] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The first row: where they are now, then the date and notes.
    first, reported = world.enrolments[0].pk, world.enrolments[2].pk
    _tab_to(page, f"#id_status_{first}")
    assert _focus_is_visible(page)
    page.keyboard.press("ArrowDown")  # from "Not recorded" to "Employed"
    assert page.evaluate("document.activeElement.value") == "employed"
    _tab_to(page, f"#id_notes_{first}")
    page.keyboard.type("超市收银")
    # Confirm the trainee's report with the space bar.
    _tab_to(page, f"#id_confirm_{reported}")
    assert _focus_is_visible(page)
    page.keyboard.press("Space")
    _tab_to(page, "main form[method=post] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_have_count(1)
    saved = Outcome.objects.get(enrolment_id=first, follow_up=6)
    assert (saved.status, saved.notes) == ("employed", "超市收银")
    assert Outcome.objects.get(enrolment_id=reported, follow_up=6).confirmed

    # The trainee's own report: radios in a fieldset, then notes, then send.
    context.clear_cookies()
    context.add_cookies([_session_cookie(world.enrolments[1].trainee, world.url)])
    page.goto(f"{world.url}/en/follow-ups/{world.enrolments[1].pk}/6/")
    _tab_to(page, "input[name=status]")
    assert _focus_is_visible(page)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "#id_notes")
    page.keyboard.type("我开了网店")
    _tab_to(page, "main form[method=post] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".notice[role=status]")).to_have_count(1)
    outcome = Outcome.objects.get(enrolment=world.enrolments[1], follow_up=6)
    assert outcome.status == "self_employed"
    assert outcome.self_reported and not outcome.confirmed
    context.close()
