"""No course hidden by language (issue 14): each catalogue lists every live
course; one not yet translated shows in its own language, marked with `lang`
and a "Chinese only" / "English only" label, and its pages show the original
content marked with its language inside the visitor's menus and labels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from courses.models import CoursePage, LessonPage
from courses.selectors import (
    NOT_YET_TRANSLATED,
    ONLY_IN,
    course_catalogue,
    courses_in,
)
from courses.services.mirrors import mirror_untranslated
from tests.factories import courses as tree
from tests.factories.accounts import TrainingBaseFactory
from tests.html import soup
from tests.shared_data import fresh, shared_data

pytestmark = pytest.mark.django_db


def _said(message, language: str) -> str:
    with translation.override(language):
        return str(message)


@pytest.fixture(scope="module")
def _both(django_db_setup, django_db_blocker):
    # Built once for the module; each test gets its own copy.
    with shared_data(django_db_blocker):
        yield _build_both()


@pytest.fixture
def both(_both, db):
    return fresh(_both)


def _build_both():
    """One base with a section in each language; a Chinese course mirrored
    into English (an alias), an English course mirrored into Chinese, and a
    Chinese course with no page at all in English (never mirrored)."""
    base = TrainingBaseFactory(name="甲基地", name_en="Base A")
    zh_section = tree.base_section(base)
    en_section = tree.base_section(base, language="en")
    zh_course = tree.course(
        zh_section, title="电商直播入门", slug="live", categories=["hearing"]
    )
    tree.lesson(zh_course, title="布置直播间")
    en_course = tree.course(
        en_section,
        title="Website upkeep",
        slug="web",
        summary="Keep a website working with a screen reader.",
        skill_area="web_maintenance",
        categories=["visual"],
    )
    orphan = tree.course(zh_section, title="手机摄影", slug="photo")
    mirror_untranslated(zh_course)
    mirror_untranslated(en_course)
    return {
        "base": base,
        "zh_section": zh_section,
        "en_section": en_section,
        "zh_course": zh_course,
        "en_course": en_course,
        "orphan": orphan,
        "en_alias": CoursePage.objects.get(alias_of=zh_course),
        "zh_alias": CoursePage.objects.get(alias_of=en_course),
    }


def _cards(response) -> dict:
    """Title → (link element, label text or None) for each course card."""
    cards = {}
    for card in soup(response).select(".course-card"):
        link = card.select_one("h3 a")
        label = card.select_one(".language-label")
        cards[link.get_text(strip=True)] = (
            link,
            label.get_text(strip=True) if label else None,
        )
    return cards


# The selector ------------------------------------------------------------------


def test_each_catalogue_lists_every_live_course(both):
    with translation.override("en"):
        en = course_catalogue(tree.catalogue("en"), {})
    with translation.override("zh-hans"):
        zh = course_catalogue(tree.catalogue("zh-hans"), {})
    assert {c.pk for c in en.courses} == {
        both["en_alias"].pk,
        both["en_course"].pk,
        both["orphan"].pk,
    }
    assert {c.pk for c in zh.courses} == {
        both["zh_course"].pk,
        both["zh_alias"].pk,
        both["orphan"].pk,
    }
    languages = {
        c.title: (c.content_lang.code, c.content_lang.differs) for c in en.courses
    }
    assert languages == {
        "电商直播入门": ("zh-hans", True),
        "Website upkeep": ("en", False),
        "手机摄影": ("zh-hans", True),
    }


def test_a_translated_course_is_listed_once_in_its_language(both):
    zh_course = both["zh_course"]
    # Translating the alias in place (as wagtail-localize does) leaves one
    # English page for the course: the catalogue lists it once, unlabelled.
    alias = both["en_alias"]
    alias.alias_of = None
    alias.title = "Livestream selling"
    alias.save()
    with translation.override("en"):
        en = course_catalogue(tree.catalogue("en"), {})
    titles = [c.title for c in en.courses]
    assert titles.count("Livestream selling") == 1
    assert zh_course.title not in titles
    listed = next(c for c in en.courses if c.pk == alias.pk)
    assert not listed.content_lang.differs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"skill": "web_maintenance"}, {"Website upkeep"}),
        ({"category": "hearing"}, {"电商直播入门"}),
        ({"q": "摄影"}, {"手机摄影"}),
        ({"q": "入门"}, {"电商直播入门"}),
    ],
)
def test_filters_apply_to_courses_in_the_other_language(both, query, expected):
    with translation.override("en"):
        found = course_catalogue(tree.catalogue("en"), query)
    assert {c.title for c in found.courses} == expected


def test_filter_by_base_includes_courses_with_no_page_here(both):
    with translation.override("en"):
        found = course_catalogue(tree.catalogue("en"), {"base": both["base"].pk})
    assert len(found.courses) == 3


def test_a_base_section_lists_its_aliases_with_their_language(both):
    with translation.override("en"):
        listed = {
            c.title: c.content_lang.only_label for c in courses_in(both["en_section"])
        }
    assert listed == {
        "电商直播入门": _said(ONLY_IN["zh-hans"], "en"),
        "Website upkeep": "",
    }


# The rendered catalogue --------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_catalogue_marks_other_language_courses_with_lang_and_a_label(
    client, both, language
):
    response = client.get(f"/{language}/courses/")
    assert response.status_code == 200
    cards = _cards(response)
    assert len(cards) == 3
    if language == "en":
        other, own, tag = "电商直播入门", "Website upkeep", "zh-Hans"
        label = _said(ONLY_IN["zh-hans"], "en")
    else:
        other, own, tag = "Website upkeep", "电商直播入门", "en"
        label = _said(ONLY_IN["en"], "zh-hans")
    link, shown = cards[other]
    assert link["lang"] == tag
    assert shown == label
    link, shown = cards[own]
    assert not link.has_attr("lang")
    assert shown is None
    # The label is in the page's language, not marked as the other one.
    label_element = next(
        card.select_one(".language-label")
        for card in soup(response).select(".course-card")
        if card.select_one("h3 a").get_text(strip=True) == other
    )
    assert not label_element.has_attr("lang")


def test_course_with_no_page_here_links_to_its_own_url(client, both):
    cards = _cards(client.get("/en/courses/"))
    link, label = cards["手机摄影"]
    assert link["href"] == both["orphan"].get_url()
    assert link["href"].startswith("/zh-hans/")
    assert link["lang"] == "zh-Hans"
    assert label == _said(ONLY_IN["zh-hans"], "en")


def test_english_base_section_page_labels_the_alias(client, both):
    response = client.get(both["en_section"].get_url())
    cards = _cards(response)
    assert cards["电商直播入门"][0]["lang"] == "zh-Hans"
    assert cards["电商直播入门"][1] == _said(ONLY_IN["zh-hans"], "en")


def _count(client, url):
    # The queries of building the page: the anonymous page cache would
    # answer the second request with none (tests/core/test_page_cache.py).
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow_with_other_language_courses(client, both):
    urls = ["/en/courses/", "/en/courses/?q=入门", "/zh-hans/courses/"]
    before = [_count(client, url) for url in urls]
    for number in range(4):
        mirrored = tree.course(
            both["zh_section"], title=f"入门课程 {number}", slug=f"grow-{number}"
        )
        mirror_untranslated(mirrored)
        tree.course(
            both["zh_section"], title=f"入门 孤 {number}", slug=f"solo-{number}"
        )
        english = tree.course(
            both["en_section"], title=f"Course {number}", slug=f"grow-en-{number}"
        )
        mirror_untranslated(english)
    assert [_count(client, url) for url in urls] == before


# Course and lesson pages shown in the other language ---------------------------


def test_alias_course_page_marks_its_content_and_says_it_is_not_translated(
    client, both
):
    response = client.get(both["en_alias"].get_url())
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one("html")["lang"] == "en"
    assert doc.select_one("main h1")["lang"] == "zh-Hans"
    assert doc.select_one("main .lead")["lang"] == "zh-Hans"
    assert doc.select_one("main .outcomes")["lang"] == "zh-Hans"
    note = doc.select_one(".content-language-note")
    assert note.get_text(strip=True) == _said(
        NOT_YET_TRANSLATED["coursepage", "en"], "en"
    )
    assert not note.has_attr("lang")
    # The chrome stays in the visitor's language.
    assert not doc.select_one("main h2").has_attr("lang")


def test_alias_lesson_page_marks_its_content(client, both):
    lesson = LessonPage.objects.get(alias_of__isnull=False, locale__language_code="en")
    response = client.get(lesson.get_url())
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one("main h1")["lang"] == "zh-Hans"
    assert doc.select_one(".lesson-body")["lang"] == "zh-Hans"
    note = doc.select_one(".content-language-note")
    assert note.get_text(strip=True) == _said(
        NOT_YET_TRANSLATED["lessonpage", "en"], "en"
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_in_the_visitors_language_have_no_note(client, both, language):
    course = both["en_course"] if language == "en" else both["zh_course"]
    doc = soup(client.get(course.get_url()))
    assert doc.select_one(".content-language-note") is None
    assert not doc.select_one("main h1").has_attr("lang")


def test_chinese_alias_of_an_english_course_says_so_in_chinese(client, both):
    doc = soup(client.get(both["zh_alias"].get_url()))
    assert doc.select_one("main h1")["lang"] == "en"
    note = doc.select_one(".content-language-note")
    assert note.get_text(strip=True) == _said(
        NOT_YET_TRANSLATED["coursepage", "zh-hans"], "zh-hans"
    )


def test_alias_course_and_lesson_pages_query_count_does_not_grow(client, both):
    alias = both["en_alias"]
    lesson = LessonPage.objects.child_of(alias).get()
    urls = [alias.get_url(), lesson.get_url()]
    before = [_count(client, url) for url in urls]
    for number in range(3):
        added = tree.lesson(both["zh_course"], title=f"第{number + 2}课")
        mirror_untranslated(added)
    assert LessonPage.objects.child_of(alias).count() == 4
    assert [_count(client, url) for url in urls] == before
