"""The Messages page and the channel choice in a real browser: zero axe
violations in both languages, default and dark themes at 200% text and
320 px, and marking a message read with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from notifications import services
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
    signed_in_context,
)
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training import notices

LANGUAGES = ["zh-hans", "en"]


@pytest.fixture(scope="module")
def _reader(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_reader)


@pytest.fixture
def reader(_reader, live_site):
    return _reader.get()


def _build_reader():
    """A trainee with a phone number and 23 messages (two pages), the oldest
    read, of several kinds."""
    person = UserFactory(name="李娜", phone="13800138000")
    session = training_factories.session(
        lessons=1,
        name="电商直播 秋季班",
        name_en="Livestream selling, autumn",
    )
    base = notices.session_data(session)
    first = services.notify(
        person, notices.ENROLLED, {**base, "enrolment_id": 1}, dedupe_key="a"
    )
    services.notification_mark_read(user=person, notification_id=first.pk)
    for number in range(20):
        services.notify(
            person,
            notices.WAITLISTED,
            {**base, "enrolment_id": 1, "position": number + 1},
            dedupe_key=f"w{number}",
        )
    services.notify(
        person,
        notices.SESSION_CANCELLED,
        {**base, "enrolment_id": 1, "reason": "场地维修"},
        dedupe_key="c",
    )
    services.notify(
        person,
        notices.MEETING_REMINDER,
        {
            **base,
            "enrolment_id": 1,
            "meeting_on": session.starts_on.isoformat(),
            "meeting_starts": "09:30",
            "meeting_ends": "11:00",
            "room": "三楼 301",
            "room_en": "Room 301",
            "online_link": "https://meet.example.org/abc-defg-hij-very-long-link",
        },
        dedupe_key="m",
    )
    return person


@pytest.mark.parametrize("language", LANGUAGES)
def test_messages_pages_have_no_axe_violations(live_site, browser, reader, language):
    context = signed_in_context(browser, reader, live_site.url)
    page = context.new_page()
    for path in ["messages/", "messages/?page=2", "messages/settings/"]:
        response = page.goto(f"{live_site.url}/{language}/{path}")
        assert response.status == 200, path
        assert_no_axe_violations(page)
    context.close()
    nobody = UserFactory()
    context = signed_in_context(browser, nobody, live_site.url)
    page = context.new_page()
    for path in ["messages/", "messages/settings/"]:
        page.goto(f"{live_site.url}/{language}/{path}")
        assert_no_axe_violations(page)
    context.close()


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_messages_at_200_percent_and_320_px(live_site, browser, reader, theme):
    from accounts.models import DisplayPreferences

    DisplayPreferences.objects.create(user=reader, theme=theme, text_size=200)
    context = signed_in_context(
        browser, reader, live_site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for language in LANGUAGES:
        for path in ["messages/", "messages/settings/"]:
            page.goto(f"{live_site.url}/{language}/{path}")
            assert_no_horizontal_scroll(page)
            assert_no_axe_violations(page)
    context.close()


def test_mark_as_read_and_all_as_read_by_keyboard(live_site, browser, reader):
    context = signed_in_context(browser, reader, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/en/messages/")
    header_link = page.locator(".site-nav a[href='/en/messages/']")
    expect(header_link).to_have_text("Messages (22 unread)")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Mark as read":
            break
    else:
        pytest.fail("no Mark as read button reached by Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("marked as read")
    expect(header_link).to_have_text("Messages (21 unread)")
    for _ in range(80):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.textContent.trim()")
            == "Mark all as read"
        ):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(header_link).to_have_text("Messages")
    expect(page.locator("main .message__unread")).to_have_count(0)
    context.close()


def test_choose_channels_by_keyboard(live_site, browser, reader):
    context = signed_in_context(browser, reader, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/en/messages/settings/")
    page.locator("#id_sms").focus()
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("saved")
    expect(page.locator("#messages-heading + p")).to_contain_text(
        "by email and by text message"
    )
    context.close()
