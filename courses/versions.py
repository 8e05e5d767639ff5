"""A lesson's adapted versions: their kinds, the cookie that remembers a
viewer's explicit choice, and which version serves each recorded need."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import FunctionalNeed
from core.page_cache import vary_on_cookie


class LessonVersionKind(models.TextChoices):
    """The standard version is the lesson body; the others are alternatives."""

    STANDARD = "standard", _("Standard")
    EASY_READ = "easy_read", _("Easy read")
    SIGN_LANGUAGE = "sign_language", _("Chinese Sign Language")
    AUDIO_FIRST = "audio_first", _("Audio and screen reader first")
    LARGE_PRINT = "large_print", _("Large print")


VERSION_COOKIE = "lesson_version"
VERSION_COOKIE_MAX_AGE = 365 * 24 * 60 * 60

# A recorded functional need → the lesson version that serves it best.
VERSION_FOR_NEED = {
    FunctionalNeed.EASY_READ: LessonVersionKind.EASY_READ,
    FunctionalNeed.SIGN_LANGUAGE: LessonVersionKind.SIGN_LANGUAGE,
    FunctionalNeed.SCREEN_READER: LessonVersionKind.AUDIO_FIRST,
    FunctionalNeed.MAGNIFIER: LessonVersionKind.LARGE_PRINT,
}

# The versions whose readers are offered a video's audio-described version
# first: a recorded screen-reader need asks for audio first (above), and so
# does choosing that version.
DESCRIBED_VIDEO_FIRST_FOR = frozenset({LessonVersionKind.AUDIO_FIRST})


def described_video_first(preferred_versions: list[str]) -> bool:
    """Whether a viewer who wants these lesson versions (best first) gets a
    video's audio-described version before the standard one."""
    return any(kind in DESCRIBED_VIDEO_FIRST_FOR for kind in preferred_versions)


def _page_cache_key(value: str | None) -> str:
    return value if value in LessonVersionKind.values else ""


# An anonymous visitor's lesson differs by the version they chose
# (core.page_cache).
vary_on_cookie(VERSION_COOKIE, _page_cache_key)
