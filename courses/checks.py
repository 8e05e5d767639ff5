"""Accessibility rules that block publishing (never saving a draft).

Plain functions over plain values so each rule is tested on its own; the
blocks in `courses.blocks` call them from `clean()` and attach the message to
the offending field. Messages are written for authors, not developers, and
are module constants so tests can match them.
"""

import re
from html.parser import HTMLParser

from django.conf import settings
from django.utils.html import strip_tags as django_strip_tags
from django.utils.translation import gettext_lazy as _

ALT_TEXT_MAX_LENGTH = 250

MISSING_ALT_TEXT = _(
    "Describe this image for people who cannot see it, or tick "
    "“Image is decorative” if it adds nothing to the text."
)
ALT_TEXT_IS_FILE_NAME = _(
    "This alt text looks like a file name. Describe what the image shows "
    "and why it is here."
)
ALT_TEXT_FROM_IMAGE_NAME = _(
    "The alt text “%(alt_text)s” is made from the title or file name of the "
    "image “%(title)s”, which says nothing to someone who cannot see it. "
    "Describe what the image shows and why it is here."
)
ALT_TEXT_TOO_LONG = _(
    "This alt text has %(length)s characters; keep it under %(limit)s. Put a "
    "longer description in the text next to the image."
)
MISSING_CAPTIONS = _(
    "Add a captions file (WebVTT, .vtt) so that people who are deaf or hard of "
    "hearing can follow the video."
)
CAPTIONS_NOT_VTT = _("The captions file must be a WebVTT file ending in .vtt.")
MISSING_VIDEO_TRANSCRIPT = _(
    "Add a transcript: everything that is said and shown in the video, as text."
)
ESSENTIAL_VISUALS_UNDESCRIBED = _(
    "The video “%(title)s” is marked as carrying essential visual information: "
    "add an audio-described version, a voiced audio description track or a "
    "text description track (WebVTT) so that people who cannot see it learn "
    "what it shows."
)
MISSING_AUDIO_TRANSCRIPT = _("Add a transcript: everything that is said, as text.")
HEADING_SKIPS_LEVEL = _(
    "This heading jumps from level %(previous)s to level %(level)s. Use level "
    "%(expected)s here so that people using screen readers can follow the "
    "structure."
)
VAGUE_LINK_TEXT = _(
    "The link text “%(text)s” does not say where the link goes. Use words "
    "that make sense on their own, such as the name of the page."
)
EASY_READ_TOO_LONG_WORDS = _(
    "This sentence has %(count)s words. Easy-read sentences have at most "
    "%(limit)s: split it into shorter sentences."
)
EASY_READ_TOO_LONG_CHARACTERS = _(
    "This sentence has %(count)s Chinese characters. Easy-read sentences have "
    "at most %(limit)s: split it into shorter sentences."
)

# Link text that says nothing about where the link goes. Compared after
# lower-casing and removing spaces and punctuation.
VAGUE_LINK_TEXTS = frozenset(
    {
        "clickhere",
        "click",
        "here",
        "more",
        "readmore",
        "learnmore",
        "moreinfo",
        "moreinformation",
        "link",
        "thislink",
        "details",
        "点击这里",
        "点击此处",
        "点这里",
        "点此",
        "点击",
        "这里",
        "此处",
        "更多",
        "查看更多",
        "了解更多",
        "阅读更多",
        "详情",
        "链接",
    }
)

_IMAGE_FILE_NAME = re.compile(
    r"""^\S*\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)$
        |^(img|image|dsc|dscn|pxl|photo|screenshot|微信图片)[\s_-]*\d[\w-]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NOT_WORD_CHARACTER = re.compile(r"[\W_]+")


# Words that say "this is an image" and nothing about what it shows, and the
# little words that join them to a name ("picture of", "……的图片").
GENERIC_IMAGE_WORDS = frozenset(
    {
        "picture",
        "pic",
        "image",
        "img",
        "photo",
        "photograph",
        "illustration",
        "graphic",
        "screenshot",
        "icon",
        "图片",
        "照片",
        "图像",
        "相片",
        "插图",
        "配图",
        "截图",
        "示意图",
        "图",
    }
)
_FILLER_WORDS = frozenset({"a", "an", "the", "of", "showing", "的", "之"})
# Longest first, so "示意图" goes before "图".
_CJK_GENERIC_WORDS = sorted(
    (w for w in GENERIC_IMAGE_WORDS | _FILLER_WORDS if _CJK.search(w)),
    key=len,
    reverse=True,
)
_FILE_EXTENSION = re.compile(r"\.[a-z0-9]{2,5}$", re.IGNORECASE)
# Django adds "_" and seven letters or digits when a file name is taken.
_STORAGE_SUFFIX = re.compile(r"_[a-zA-Z0-9]{7}$")
# Words joined by hyphens or underscores with no space: "business-startup-basics".
_JOINED_WORDS = re.compile(r"^[^\W_]+(?:[-_][^\W_]+){2,}$|^[^\W_]+(?:_[^\W_]+)+$")


def _squeezed(text: str) -> str:
    """Lower case without spaces, punctuation, hyphens or underscores."""
    return _NOT_WORD_CHARACTER.sub("", (text or "").lower())


def _without_generic_words(text: str) -> str:
    """The text with "picture", "photo", "图片" and their joining words
    removed, squeezed for comparison."""
    kept = []
    for word in _NOT_WORD_CHARACTER.split((text or "").lower()):
        if word in GENERIC_IMAGE_WORDS or word in _FILLER_WORDS:
            continue
        changed = True
        while changed and word:
            changed = False
            for generic in _CJK_GENERIC_WORDS:
                if word != generic and word.endswith(generic):
                    word, changed = word[: -len(generic)], True
                elif word != generic and word.startswith(generic):
                    word, changed = word[len(generic) :], True
                if changed:
                    break
        if word and word not in GENERIC_IMAGE_WORDS and word not in _FILLER_WORDS:
            kept.append(word)
    return "".join(kept)


def _image_names(title: str, file_name: str) -> set[str]:
    """Every form of the image's title and file name that alt text generated
    from them would reduce to."""
    names = {title or ""}
    if file_name:
        stem = _FILE_EXTENSION.sub("", file_name)
        names |= {file_name, stem, _STORAGE_SUFFIX.sub("", stem)}
    forms = set()
    for name in names:
        forms |= {_squeezed(name), _without_generic_words(name)}
    forms.discard("")
    return forms


def alt_text_from_image_name(
    alt_text: str, *, title: str = "", file_name: str = ""
) -> bool:
    """Whether the alt text only repeats the image's title or file name, with
    or without its extension, in any case or spacing, or with words such as
    "picture" or "图片" added; or is itself file-name-like text."""
    alt_text = (alt_text or "").strip()
    if not alt_text:
        return False
    names = _image_names(title, file_name)
    if _squeezed(alt_text) in names or _without_generic_words(alt_text) in names:
        return True
    words = [
        word
        for word in alt_text.split()
        if _squeezed(word) not in GENERIC_IMAGE_WORDS
        and word.lower() not in _FILLER_WORDS
    ]
    return len(words) == 1 and bool(
        _JOINED_WORDS.match(words[0]) or _FILE_EXTENSION.search(words[0])
    )


def alt_text_problem(
    alt_text: str, *, title: str = "", file_name: str = ""
) -> str | None:
    """Why this alt text will not help a screen reader user, if it won't.
    `title` and `file_name` are the chosen image's, which authors (and the
    image chooser) are tempted to reuse."""
    alt_text = (alt_text or "").strip()
    if len(alt_text) > ALT_TEXT_MAX_LENGTH:
        return ALT_TEXT_TOO_LONG % {
            "length": len(alt_text),
            "limit": ALT_TEXT_MAX_LENGTH,
        }
    if alt_text and _IMAGE_FILE_NAME.match(alt_text):
        return str(ALT_TEXT_IS_FILE_NAME)
    if alt_text_from_image_name(alt_text, title=title, file_name=file_name):
        return ALT_TEXT_FROM_IMAGE_NAME % {
            "alt_text": alt_text,
            "title": title or file_name,
        }
    return None


def video_description_problem(
    *, title: str, essential_visuals: bool, described: bool
) -> str | None:
    """A video whose pictures show what its soundtrack doesn't say needs a
    description: voiced (a described version or audio track) or text."""
    if essential_visuals and not described:
        return ESSENTIAL_VISUALS_UNDESCRIBED % {"title": title}
    return None


class _RichTextScanner(HTMLParser):
    """Collects heading levels and link texts from stored rich text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[str] = []
        self._link_depth = 0
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link_depth += 1
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._link_depth:
            self._link_depth -= 1
            self.links.append("".join(self._link_text).strip())

    def handle_data(self, data):
        if self._link_depth:
            self._link_text.append(data)


def scan_rich_text(html: str) -> _RichTextScanner:
    scanner = _RichTextScanner()
    scanner.feed(html or "")
    scanner.close()
    return scanner


def is_vague_link_text(text: str) -> bool:
    return _NOT_WORD_CHARACTER.sub("", text.lower()) in VAGUE_LINK_TEXTS


def vague_link_problem(html: str) -> str | None:
    for text in scan_rich_text(html).links:
        if is_vague_link_text(text):
            return VAGUE_LINK_TEXT % {"text": text}
    return None


def heading_skip_problem(previous: int, level: int) -> str | None:
    """Going down more than one level at a time loses the outline; going back
    up any number of levels is fine."""
    if level > previous + 1:
        return HEADING_SKIPS_LEVEL % {
            "previous": previous,
            "level": level,
            "expected": previous + 1,
        }
    return None


def easy_read_limits() -> tuple[int, int]:
    """(words, Chinese characters) per easy-read sentence; settings may
    override the defaults of 15 and 25."""
    return (
        getattr(settings, "COURSES_EASY_READ_MAX_WORDS", 15),
        getattr(settings, "COURSES_EASY_READ_MAX_CJK_CHARACTERS", 25),
    )


def easy_read_sentence_problem(sentence: str) -> str | None:
    """Chinese is measured in characters, other languages in words."""
    max_words, max_characters = easy_read_limits()
    characters = len(_CJK.findall(sentence or ""))
    if characters:
        if characters > max_characters:
            return EASY_READ_TOO_LONG_CHARACTERS % {
                "count": characters,
                "limit": max_characters,
            }
        return None
    words = len(_WORD.findall(sentence or ""))
    if words > max_words:
        return EASY_READ_TOO_LONG_WORDS % {"count": words, "limit": max_words}
    return None


def strip_tags(html: str) -> str:
    return django_strip_tags(html or "")
