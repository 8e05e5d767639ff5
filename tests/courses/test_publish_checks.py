"""Every publish-blocking accessibility rule: one failing and one passing case
each, a check that saving a draft is never blocked, and the same through the
Wagtail admin (publish refused with the message, draft saved)."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import translation
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from courses import checks
from courses.blocks import (
    AccessibleImageBlock,
    AccessibleRichTextBlock,
    AudioBlock,
    EasyReadBlock,
    LessonBlocks,
    ResourceBlock,
    VideoBlock,
)
from courses.models import LessonPage
from tests.factories import courses as tree
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are matched in English; they ship in Chinese too."""
    with translation.override("en"):
        yield


@pytest.fixture
def image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "#0b4f9c").save(buffer, "PNG")
    return Image.objects.create(title="pic", file=ImageFile(buffer, name="pic.png"))


_document = tree.document


@pytest.fixture
def media():
    return {
        "video": _document("clip.mp4", b"\x00" * 10),
        "captions": _document("clip.vtt"),
        "audio": _document("talk.mp3", b"\x00" * 10),
    }


def _clean(block, raw, *, draft=False):
    value = block.to_python(raw)
    if draft:
        return block.clean_deferred(value)
    return block.clean(value)


def _errors(error: ValidationError) -> str:
    return str(error.as_json_data() if hasattr(error, "as_json_data") else error)


def _refused(block, raw, message_part: str):
    with pytest.raises(ValidationError) as caught:
        _clean(block, raw)
    assert message_part in _errors(caught.value)
    _clean(block, raw, draft=True)  # a draft with the same problem saves


# Images ---------------------------------------------------------------------


def test_image_without_alt_text_or_decorative_flag_is_refused(image):
    _refused(
        AccessibleImageBlock(),
        {"image": image.pk, "alt_text": "", "decorative": False},
        "Describe this image",
    )


def test_image_marked_decorative_passes(image):
    _clean(
        AccessibleImageBlock(), {"image": image.pk, "alt_text": "", "decorative": True}
    )


@pytest.mark.parametrize(
    "alt", ["IMG_2041.JPG", "photo.png", "DSC0001", "微信图片_20240101"]
)
def test_alt_text_that_is_a_file_name_is_refused(image, alt):
    _refused(
        AccessibleImageBlock(),
        {"image": image.pk, "alt_text": alt, "decorative": False},
        "looks like a file name",
    )


def test_alt_text_longer_than_250_characters_is_refused(image):
    _refused(
        AccessibleImageBlock(),
        {"image": image.pk, "alt_text": "长" * 251, "decorative": False},
        "251 characters",
    )


def test_good_alt_text_passes(image):
    _clean(
        AccessibleImageBlock(),
        {
            "image": image.pk,
            "alt_text": "学员在直播台前调整手机支架",
            "decorative": False,
        },
    )
    _clean(
        AccessibleImageBlock(),
        {"image": image.pk, "alt_text": "长" * 250, "decorative": False},
    )


# Video and audio ------------------------------------------------------------


def _video(media, **changes):
    raw = {
        "title": "开始直播",
        "video": media["video"].pk,
        "captions": media["captions"].pk,
        "captions_language": "zh-Hans",
        "transcript": "<p>大家好。</p>",
        "audio_description": None,
        "sign_language_video": None,
    }
    raw.update(changes)
    return raw


def test_video_without_captions_is_refused(media):
    _refused(VideoBlock(), _video(media, captions=None), "captions file")


def test_video_without_transcript_is_refused(media):
    _refused(VideoBlock(), _video(media, transcript="<p> </p>"), "Add a transcript")


def test_video_with_captions_and_transcript_passes(media):
    _clean(VideoBlock(), _video(media))


def test_captions_must_be_webvtt(media):
    with pytest.raises(ValidationError) as caught:
        _clean(VideoBlock(), _video(media, captions=media["audio"].pk))
    assert ".vtt" in _errors(caught.value)


def test_audio_without_transcript_is_refused(media):
    _refused(
        AudioBlock(),
        {"title": "导读", "audio": media["audio"].pk, "transcript": ""},
        "everything that is said",
    )


def test_audio_with_transcript_passes(media):
    _clean(
        AudioBlock(),
        {"title": "导读", "audio": media["audio"].pk, "transcript": "<p>欢迎。</p>"},
    )


# Rich text and headings -----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["click here", "Click here!", "点击这里", "more", "更多"]
)
def test_vague_link_text_is_refused(text):
    html = f'<p>报名表 <a href="https://example.org/form">{text}</a></p>'
    with pytest.raises(ValidationError) as caught:
        AccessibleRichTextBlock().clean(RichText(html))
    assert "does not say where the link goes" in str(caught.value)
    block = AccessibleRichTextBlock()
    block.clean_deferred(RichText(html))


def test_descriptive_link_text_passes():
    html = '<p><a href="https://example.org/form">下载报名表</a> and <a href="https://example.org">more about the course</a></p>'
    AccessibleRichTextBlock().clean(RichText(html))


def _stream(*children):
    return [{"type": t, "value": v, "id": str(i)} for i, (t, v) in enumerate(children)]


def test_heading_that_skips_a_level_is_refused():
    raw = _stream(
        ("heading", {"text": "准备", "level": "h2"}),
        ("heading", {"text": "细节", "level": "h4"}),
    )
    _refused(LessonBlocks(), raw, "jumps from level 2 to level 4")


def test_rich_text_that_skips_a_level_is_refused():
    raw = _stream(("text", "<h3>一开始就是三级</h3><p>内容</p>"))
    _refused(LessonBlocks(), raw, "jumps from level 1 to level 3")


def test_headings_in_order_pass():
    raw = _stream(
        ("heading", {"text": "准备", "level": "h2"}),
        ("text", "<h3>设备</h3><p>手机</p><h4>支架</h4>"),
        ("heading", {"text": "开始", "level": "h2"}),
    )
    _clean(LessonBlocks(), raw)


# Easy read ------------------------------------------------------------------


def _easy(text):
    return {"title": "", "sentences": [{"text": text, "picture": None}]}


def test_long_chinese_easy_read_sentence_is_refused():
    _refused(EasyReadBlock(), _easy("直" * 26 + "。"), "26 Chinese characters")


def test_long_english_easy_read_sentence_is_refused():
    sentence = " ".join(["word"] * 16)
    _refused(EasyReadBlock(), _easy(sentence), "16 words")


def test_short_easy_read_sentences_pass():
    _clean(EasyReadBlock(), _easy("直" * 25 + "。"))
    _clean(EasyReadBlock(), _easy(" ".join(["word"] * 15)))


def test_easy_read_limit_can_be_changed_in_settings(settings):
    settings.COURSES_EASY_READ_MAX_WORDS = 5
    assert checks.easy_read_sentence_problem("one two three four five six")


def test_resource_link_text_must_say_what_it_is(media):
    block = ResourceBlock()
    _refused(
        block,
        {"document": media["captions"].pk, "title": "点击这里", "description": ""},
        "does not say where the link goes",
    )
    _clean(
        block,
        {"document": media["captions"].pk, "title": "直播检查清单", "description": ""},
    )


# Through the Wagtail admin ----------------------------------------------------


def _lesson_form(media, *, transcript: str, action: str) -> dict:
    data = nested_form_data(
        {
            "title": "第一课",
            "slug": "lesson-1",
            "summary": "",
            "estimated_minutes": 20,
            "body": streamfield(
                [
                    (
                        "video",
                        {
                            "title": "开始直播",
                            "video": media["video"].pk,
                            "captions": media["captions"].pk,
                            "captions_language": "zh-Hans",
                            "transcript": rich_text(transcript),
                            "audio_description": "",
                            "sign_language_video": "",
                        },
                    )
                ]
            ),
            "versions": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


@pytest.fixture
def admin_client(client, site_pages):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def test_publishing_is_refused_with_the_message_but_a_draft_saves(admin_client, media):
    lesson = tree.lesson(tree.course(tree.base_section()))
    url = f"/admin/pages/{lesson.pk}/edit/"

    response = admin_client.post(
        url, _lesson_form(media, transcript="", action="action-publish")
    )
    assert response.status_code == 200  # the form again, with errors
    # The admin speaks the site's default language, Chinese.
    with translation.override("zh-hans"):
        expected = str(checks.MISSING_VIDEO_TRANSCRIPT)
    # Block errors reach the page as JSON for the editor's widgets.
    content = response.content.decode()
    assert escape(expected) in content or json.dumps(expected)[1:-1] in content
    lesson.refresh_from_db()
    assert not lesson.has_unpublished_changes

    response = admin_client.post(
        url, _lesson_form(media, transcript="", action="action-save")
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.has_unpublished_changes  # the draft was saved

    response = admin_client.post(
        url, _lesson_form(media, transcript="<p>大家好。</p>", action="action-publish")
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert not lesson.has_unpublished_changes
    assert lesson.body[0].block_type == "video"
