"""Described video: a video block can carry a voiced audio-described version
(a second video) and a voiced description track, as well as the WebVTT text
description track. A video marked as carrying essential visual information
cannot be published without one of them. Trainees whose needs call for audio
description (a screen reader, or the audio-first lesson version) get the
described version first; everyone else gets the standard video first with a
labelled link to the described one; both always keep their captions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import AccessNeeds
from courses import checks
from courses.blocks import VideoBlock
from courses.models import LessonPage
from courses.versions import described_video_first
from tests.factories import courses as tree
from tests.factories.accounts import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

TITLE = "如何布置直播间"
# The link's wording in templates/blocks/video.html.
WATCH_DESCRIBED = "Watch “%(title)s” with audio description: a voice says what is shown"


_document = tree.document


@pytest.fixture
def media():
    return {
        "video": _document("room.mp4", b"\x00" * 10),
        "described": _document("room-described.mp4", b"\x00" * 10),
        "voiced": _document("room-description.mp3", b"\x00" * 10),
        "captions": _document("room.vtt"),
        "descriptions": _document("room-descriptions.vtt"),
    }


def _video(media, **changes) -> dict:
    raw = {
        "title": TITLE,
        "video": media["video"].pk,
        "captions": media["captions"].pk,
        "captions_language": "zh-Hans",
        "transcript": "<p>把手机架在桌子正前方。</p>",
        "essential_visuals": True,
        "audio_description": None,
        "described_video": media["described"].pk,
        "described_audio": None,
        "sign_language_video": None,
    }
    raw.update(changes)
    return raw


# The publish check -------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_essential_visuals_without_any_description_are_refused(media, language):
    block = VideoBlock()
    value = block.to_python(_video(media, described_video=None))
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            block.clean(value)
        expected = str(checks.ESSENTIAL_VISUALS_UNDESCRIBED % {"title": TITLE})
    assert caught.value.block_errors["essential_visuals"].messages == [expected]
    assert TITLE in expected  # the message names the block
    block.clean_deferred(value)  # a draft still saves


@pytest.mark.parametrize(
    "description",
    [
        {"described_video": "described"},
        {"described_audio": "voiced"},
        {"audio_description": "descriptions"},
    ],
)
def test_any_description_voiced_or_text_is_enough(media, description):
    changes = {"described_video": None}
    changes.update({field: media[name].pk for field, name in description.items()})
    block = VideoBlock()
    block.clean(block.to_python(_video(media, **changes)))


def test_a_video_without_essential_visuals_needs_no_description(media):
    block = VideoBlock()
    block.clean(
        block.to_python(_video(media, essential_visuals=False, described_video=None))
    )


def test_described_versions_must_be_media_files(media):
    block = VideoBlock()
    raw = _video(
        media, described_video=media["captions"].pk, described_audio=media["video"].pk
    )
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(raw))
    errors = caught.value.block_errors
    assert set(errors) == {"described_video", "described_audio"}


def test_the_check_itself():
    assert checks.video_description_problem(
        title="甲", essential_visuals=True, described=False
    )
    assert not checks.video_description_problem(
        title="甲", essential_visuals=True, described=True
    )
    assert not checks.video_description_problem(
        title="甲", essential_visuals=False, described=False
    )


def test_which_lesson_versions_put_the_described_video_first():
    assert described_video_first(["audio_first", "standard"])
    assert described_video_first(["easy_read", "audio_first", "standard"])
    assert not described_video_first(["easy_read", "standard"])
    assert not described_video_first(["standard"])


# The lesson page ---------------------------------------------------------------


def _lesson(site_pages, media, videos: int = 1, slug: str = "video") -> LessonPage:
    lesson = tree.lesson(tree.course(tree.base_section(), slug=slug))
    lesson.body = [{"type": "video", "value": _video(media)} for _ in range(videos)]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def lesson(site_pages, media):
    return _lesson(site_pages, media)


@pytest.fixture
def blind_trainee():
    trainee = UserFactory()
    AccessNeeds.objects.create(
        user=trainee,
        visual=True,
        screen_reader=True,
        consent_given_at=timezone.now(),
    )
    return trainee


def _players(response) -> list[str]:
    """The URLs of the video block's players, in page order."""
    doc = soup(response)
    return [source["src"] for source in doc.select(".lesson-body figure video source")]


def _captioned(response) -> list[bool]:
    doc = soup(response)
    return [
        video.select_one('track[kind="captions"]') is not None
        for video in doc.select(".lesson-body figure video")
    ]


def test_a_trainee_who_uses_a_screen_reader_gets_the_described_version_first(
    client, lesson, blind_trainee, media
):
    client.force_login(blind_trainee)
    response = client.get(lesson.get_url())
    assert response.status_code == 200
    assert _players(response) == [media["described"].url, media["video"].url]
    assert _captioned(response) == [True, True]
    doc = soup(response)
    first = doc.select_one(".lesson-body figure")
    link = doc.select_one(".lesson-body .media__alternative a")
    # The link to the standard version comes right after the described player.
    assert link["href"] == "#" + doc.select(".lesson-body figure")[1]["id"]
    assert first["id"].endswith("-described")
    # Only the standard player carries the text description track.
    tracks = [
        bool(video.select_one('track[kind="descriptions"]'))
        for video in doc.select(".lesson-body figure video")
    ]
    assert tracks == [False, False]  # none on this block


def test_a_trainee_without_the_need_gets_the_standard_video_and_a_labelled_link(
    client, lesson, media
):
    client.force_login(UserFactory())
    response = client.get(lesson.get_url())
    assert _players(response) == [media["video"].url, media["described"].url]
    assert _captioned(response) == [True, True]
    doc = soup(response)
    link = doc.select_one(".lesson-body .media__alternative a")
    described = doc.select(".lesson-body figure")[1]
    assert link["href"] == f"#{described['id']}"
    with translation.override("zh-hans"):
        expected = gettext(WATCH_DESCRIBED) % {"title": TITLE}
    assert link.get_text(strip=True) == expected


def test_anonymous_visitors_are_offered_both(client, lesson, media):
    response = client.get(lesson.get_url())
    assert _players(response) == [media["video"].url, media["described"].url]
    doc = soup(response)
    assert doc.select_one(".lesson-body .media__alternative a") is not None
    downloads = [a["href"] for a in doc.select(".lesson-body .media__links a")]
    assert media["described"].url in downloads


def test_choosing_the_audio_first_version_puts_the_described_video_first(
    client, lesson, media
):
    response = client.get(lesson.get_url() + "?version=audio_first")
    assert _players(response) == [media["described"].url, media["video"].url]


def test_a_voiced_description_track_and_a_text_track_are_offered(
    client, site_pages, media
):
    course = tree.course(tree.base_section(), slug="tracks")
    lesson = tree.lesson(course)
    lesson.body = [
        {
            "type": "video",
            "value": _video(
                media,
                described_video=None,
                described_audio=media["voiced"].pk,
                audio_description=media["descriptions"].pk,
            ),
        }
    ]
    lesson.save_revision().publish()
    response = client.get(lesson.get_url())
    doc = soup(response)
    assert _players(response) == [media["video"].url]
    assert doc.select_one('.lesson-body video track[kind="descriptions"]')
    audio = doc.select_one(".lesson-body figure audio source")
    assert audio["src"] == media["voiced"].url
    assert doc.select_one(".lesson-body .media__alternative") is None


def _count(client, url: str) -> int:
    # The queries of building the page: the anonymous page cache would
    # answer the second request with none (tests/core/test_page_cache.py).
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_lesson_page_query_count_does_not_grow_with_videos(
    client, site_pages, media, blind_trainee
):
    client.force_login(blind_trainee)
    one = _lesson(site_pages, media, videos=1, slug="one")
    four = _lesson(site_pages, media, videos=4, slug="four")
    assert _count(client, one.get_url()) == _count(client, four.get_url())
