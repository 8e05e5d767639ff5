"""Which language a piece of text is in, by its script, for `lang` attributes
(core/templatetags/lang_tags.py) and the language-of-parts crawl test."""

import re

from django.utils.translation import get_language

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

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
    }
)


def text_language(text: str) -> str:
    """ "zh-hans", "en" or "" (no words to judge by) for a piece of text."""
    if HAN.search(text):
        return "zh-hans"
    words = [w for w in LATIN_WORD.findall(text) if w not in NEUTRAL]
    return "en" if words else ""


def text_language_attr(text: str, page_language: str | None = None) -> str:
    """The BCP 47 tag to put on `text` when it is not in the page's language
    ("zh-Hans" or "en"), else ""."""
    language = text_language(text)
    page = (page_language or get_language() or "zh-hans").lower()
    if not language or page.startswith(language[:2]):
        return ""
    return "zh-Hans" if language == "zh-hans" else "en"
