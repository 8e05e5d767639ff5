"""Language of parts (WCAG 3.1.2): a crawl of every page type, anonymous and
as each role, in English and in Chinese. On an English page every run of Han
characters sits inside an element whose `lang` starts with "zh"; on a Chinese
page every Latin-script word (2+ letters, not in core.language.NEUTRAL) sits
inside an element whose `lang` starts with "en".

The data mixes languages on purpose: Chinese names and titles (the factories'
default), an English-only course, a trainee named in pinyin, a session and a
reporting period with a bilingual name.

Every named URL of ours is either crawled (tests/crawl.py pages()) or
excluded with a reason (EXCLUDED); so is every Wagtail page type. A new page
fails test_every_page_is_crawled_or_excluded until it is listed."""

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString
from django.test import TestCase
from django.utils import translation

from core.language import HAN, english_words
from tests import crawl
from tests.crawl import EXCLUDED, EXCLUDED_NAMESPACES, our_page_types, our_url_names

# Elements whose text is not read as page text, or that cannot hold a part in
# another language (the document title is in the page's language; a record
# name in it is a known limitation listed in the accessibility statement).
SKIPPED = {"script", "style", "template", "title", "noscript"}

# Every named URL of ours is crawled (tests/crawl.py pages()) or excluded
# there with a reason (EXCLUDED).


# The check --------------------------------------------------------------------


def _declared_language(node) -> str:
    for parent in node.parents:
        lang = parent.get("lang") if hasattr(parent, "get") else None
        if lang is not None:
            return lang.lower()
    return ""


def _text_nodes(doc):
    for node in doc.find_all(string=True):
        if isinstance(node, (Comment, Doctype)) or not isinstance(
            node, NavigableString
        ):
            continue
        if any(parent.name in SKIPPED for parent in node.parents):
            continue
        if node.strip():
            yield node


def _where(node) -> str:
    parent = node.parent
    classes = ".".join(parent.get("class") or [])
    return f"<{parent.name}{'.' + classes if classes else ''}> {node.strip()[:80]!r}"


def unmarked(html: str) -> list[str]:
    """Text in the other language than the page's (`<html lang>`) with no
    `lang` saying so."""
    doc = BeautifulSoup(html, "html.parser")
    page_language = (doc.html.get("lang") or "")[:2].lower()
    found = []
    for node in _text_nodes(doc):
        text = str(node)
        if page_language == "en":
            if HAN.search(text) and not _declared_language(node).startswith("zh"):
                found.append(_where(node))
        else:
            if english_words(text) and not _declared_language(node).startswith("en"):
                found.append(_where(node))
    return found


# The crawl --------------------------------------------------------------------


class Crawl(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = crawl.build()
        cls.w = cls.world.w

    def pages(self):
        """(url name or page type, path without language prefix, user)."""
        return crawl.pages(self.world)

    def _get(self, path: str, language: str, user):
        return crawl.fetch(self.client, self.world, path, language, user)

    def _crawl(self, language: str):
        problems = []
        statuses = []
        for name, path, user in self.pages():
            if path is None:
                continue
            with translation.override(language):
                url, response = self._get(path, language, user)
            if response.status_code != 200:
                statuses.append(f"{name} {url}: {response.status_code}")
                continue
            for where in unmarked(response.content.decode()):
                problems.append(f"{url} ({name}, {user}): {where}")
        self.assertEqual(statuses, [], "every crawled page answers 200")
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_english_pages_mark_chinese_text(self):
        self._crawl("en")

    def test_chinese_pages_mark_english_text(self):
        self._crawl("zh-hans")

    def test_every_page_is_crawled_or_excluded(self):
        crawled = {name for name, path, user in self.pages() if path is not None}
        missing = {
            name
            for name in our_url_names() - crawled - set(EXCLUDED)
            if name.partition(":")[0] not in EXCLUDED_NAMESPACES
        }
        self.assertEqual(missing, set(), "crawl each new page or exclude it")
        self.assertEqual(our_page_types() - crawled, set())
        self.assertEqual(set(EXCLUDED) & crawled, set())


def test_the_check_finds_unmarked_text_both_ways():
    english = (
        '<html lang="en"><body><p>Hello <span lang="zh-Hans">张伟</span></p>'
        "<p>Leave 电商</p><script>var a='中文';</script>"
        '<input type="hidden" value="中文"><title>中文</title></body></html>'
    )
    assert unmarked(english) == ["<p> 'Leave 电商'"]
    chinese = (
        '<html lang="zh-Hans"><body><p>你好 <span lang="en">Wang Fang</span></p>'
        "<p>下载 PDF，联系 person@example.org</p><p>Sunrise Hub 基地</p>"
        "</body></html>"
    )
    assert unmarked(chinese) == ["<p> 'Sunrise Hub 基地'"]
