"""A lesson with an audio-described video in Chromium, in both languages: no
axe violations; a trainee who uses a screen reader (dark colours, text at
200%, 320 px wide) gets the described version first and reaches the
standard one by keyboard; an anonymous visitor gets the standard one first
with the described one offered."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.documents.models import Document

from accounts.models import AccessNeeds, DisplayPreferences
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.factories import courses as tree
from tests.factories.accounts import TrainingBaseFactory, UserFactory

LANGUAGES = ["zh-hans", "en"]


def _document(name: str, content: bytes) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def described_lessons(live_site):
    """One lesson per language, each with a described video."""
    video = _document("room.mp4", b"\x00" * 10)
    described = _document("room-described.mp4", b"\x00" * 10)
    captions = _document("room.vtt", b"WEBVTT\n")
    urls = {}
    for language, title in [
        ("zh-hans", "如何布置直播间"),
        ("en", "Setting up the room"),
    ]:
        section = tree.base_section(TrainingBaseFactory(), language=language)
        lesson = tree.lesson(tree.course(section, slug=f"described-{language}"))
        lesson.body = [
            {"type": "heading", "value": {"text": title, "level": "h2"}},
            {
                "type": "video",
                "value": {
                    "title": title,
                    "video": video.pk,
                    "captions": captions.pk,
                    "captions_language": "zh-Hans" if language == "zh-hans" else "en",
                    "transcript": "<p>把手机架在桌子正前方。</p>",
                    "essential_visuals": True,
                    "described_video": described.pk,
                },
            },
        ]
        lesson.save_revision().publish()
        urls[language] = live_site.url + lesson.get_url()
    return urls


def _first_player(page) -> str:
    return page.locator(".lesson-body figure video source").first.get_attribute("src")


def test_described_video_lesson(live_site, browser, described_lessons):
    described_src = Document.objects.get(title="room-described.mp4").url
    standard_src = Document.objects.get(title="room.mp4").url

    # Anonymous, default colours: the standard video first, both offered.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for language in LANGUAGES:
        assert page.goto(described_lessons[language]).status == 200
        assert _first_player(page) == standard_src
        expect(page.locator(".lesson-body .media__alternative a")).to_have_count(1)
        assert_no_axe_violations(page)
    context.close()

    # A trainee who uses a screen reader, in dark colours at 200%, 320 px.
    trainee = UserFactory()
    AccessNeeds.objects.create(
        user=trainee, visual=True, screen_reader=True, consent_given_at=timezone.now()
    )
    DisplayPreferences.objects.create(user=trainee, theme="dark", text_size=200)
    context = signed_in_context(
        browser, trainee, live_site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for language in LANGUAGES:
        assert page.goto(described_lessons[language]).status == 200
        assert _first_player(page) == described_src
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)

    # By keyboard: the link after the described player leads to the standard one.
    link = page.locator(".lesson-body .media__alternative a")
    for _ in range(80):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    standard = page.locator(".lesson-body figure").nth(1)
    expect(standard).to_be_focused()
    assert standard.locator("video source").get_attribute("src") == standard_src
    page.keyboard.press("Tab")
    expect(standard.locator("video")).to_be_focused()
    context.close()
