"""Which language a piece of text is in, by its script, for `lang` attributes
(core/templatetags/lang_tags.py) and the language-of-parts crawl test."""

import re

from django.utils.html import format_html
from django.utils.translation import get_language

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A word as the reader meets it: letters with any digits attached.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# E-mail and web addresses and file names are read out letter by letter in
# either voice.
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+\.(?:org|com|cn|net)\b|\.\w+\b")

# Latin-script words that read the same in both languages: codes, units,
# brand and product names. One place, used by the filter and the crawl test.
NEUTRAL = frozenset(
    {
        "PDF",
        "CSV",
        "XLSX",
        "ICS",
        "URL",
        "API",
        "WCAG",
        "ATAG",
        "LMS",
        "ID",
        "QR",
        "PNG",
        "JPG",
        "SMS",
        "VTT",
        "WebVTT",
        "HTML",
        "JSON",
        "OK",
        # Product names (file formats, fonts, the CMS) read the same in both.
        "Excel",
        "Wagtail",
        "Web",
        # "NHS Digital", named in the disclosure method's sources.
        "Digital",
        # Testing tools, key names and attribute names the accessibility
        # statement names as they are.
        "axe-core",
        "Playwright",
        "Chromium",
        "Tab",
        "Shift",
        "aria-label",
        "Atkinson",
        "Hyperlegible",
        # The credential standard certificates download as ("Open Badges").
        "Open",
        "Badges",
    }
)
_NEUTRAL = frozenset(word.casefold() for word in NEUTRAL)


def english_words(text: str) -> list[str]:
    """The Latin-script words in `text` that are English: 2+ letters, not a
    code (all capitals, or letters with digits), not in NEUTRAL, not part of
    an e-mail or web address."""
    words = []
    for token in _TOKEN.findall(_ADDRESS.sub(" ", text)):
        if token.isupper() or any(c.isdigit() for c in token) or len(token) < 2:
            continue
        if token.casefold() in _NEUTRAL:
            continue
        words.append(token)
    return words


def text_language(text: str) -> str:
    """ "zh-hans", "en" or "" (no words to judge by) for a piece of text."""
    if HAN.search(text):
        return "zh-hans"
    return "en" if english_words(text) else ""


def text_language_attr(text: str, page_language: str | None = None) -> str:
    """The BCP 47 tag to put on `text` when it is not in the page's language
    ("zh-Hans" or "en"), else ""."""
    language = text_language(text)
    page = (page_language or get_language() or "zh-hans").lower()
    if not language or page.startswith(language[:2]):
        return ""
    return "zh-Hans" if language == "zh-hans" else "en"


def lang_attribute(text) -> str:
    """` lang="…"` for an element whose text is `text`, when that text is not
    in the page's language; otherwise "" (HTML: the codes need no
    escaping)."""
    code = text_language_attr("" if text is None else str(text))
    return f' lang="{code}"' if code else ""


def in_language(value, page_language: str | None = None):
    """`value`, escaped, inside <span lang="…"> when its language is not the
    page's; otherwise `value` as it is (escaped where it is shown). For text
    built in Python (form hints, messages) as the `inlang` filter is for
    templates."""
    if value is None:
        return ""
    code = text_language_attr(str(value), page_language)
    if not code:
        return value
    return format_html('<span lang="{}">{}</span>', code, value)


_HAN_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef0-9 ]*"
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef0-9])?"
)
_LATIN_RUN = re.compile(r"[A-Za-z](?:[A-Za-z0-9'’ -]*[A-Za-z0-9])?")
_TAG = re.compile(r"(<[^>]*>)")


def mark_parts(html: str, page_language: str | None = None) -> str:
    """Trusted HTML (a form hint) with each run of text in the other language
    than the page's inside <span lang="…">: for UI wording that quotes the
    other language ("such as “直播” or “video”", column names)."""
    page = (page_language or get_language() or "zh-hans").lower()
    english_page = page.startswith("en")

    def han(match):
        return f'<span lang="zh-Hans">{match.group(0)}</span>'

    def latin(match):
        run = match.group(0)
        if not english_words(run):
            return run
        return f'<span lang="en">{run}</span>'

    parts = _TAG.split(str(html))
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            continue
        parts[index] = (
            _HAN_RUN.sub(han, part) if english_page else _LATIN_RUN.sub(latin, part)
        )
    return "".join(parts)


def record_text(chinese: str, english: str) -> str:
    """A record's text in the active language: the English when the page is
    English and it has one, otherwise the Chinese (which `inlang` marks).
    For rows read with .values(); model instances have `display_*`."""
    if (get_language() or "").startswith("en") and english:
        return english
    return chinese
