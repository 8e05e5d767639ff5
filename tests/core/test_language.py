"""core.language and the lang_tags helpers: which language a piece of text is
in, and the `lang` put on text in the other language than the page's."""

from django.template import Context, Template
from django.utils import translation

from core.language import english_words, in_language, mark_parts, text_language
from core.language import text_language_attr as attr


def _render(source: str, **context) -> str:
    return Template("{% load lang_tags %}" + source).render(Context(context))


def test_text_language_by_script():
    assert text_language("电商直播带货入门") == "zh-hans"
    assert text_language("2026 上半年 (2026 H1)") == "zh-hans"
    assert text_language("Wang Fang") == "en"
    assert text_language("") == ""
    assert text_language("2026-03-15 · 09:00") == ""


def test_codes_brands_and_addresses_are_neutral():
    assert english_words("PDF Excel WCAG ABCD-EFGH TEST0001 H1") == []
    assert english_words("person@example.org https://example.org/a") == []
    assert english_words("CSV 或 Excel（.xlsx）文件") == []
    assert english_words("Livestream basics") == ["Livestream", "basics"]


def test_attr_only_for_the_other_language():
    assert attr("张伟", "en") == "zh-Hans"
    assert attr("张伟", "zh-hans") == ""
    assert attr("Wang Fang", "zh-hans") == "en"
    assert attr("Wang Fang", "en") == ""
    assert attr("2026-03-15", "en") == ""


def test_in_language_escapes_and_wraps():
    assert in_language("<b>张伟</b>", "en") == (
        '<span lang="zh-Hans">&lt;b&gt;张伟&lt;/b&gt;</span>'
    )
    assert in_language("Wang Fang", "en") == "Wang Fang"
    assert in_language(None, "en") == ""


def test_inlang_filter_and_langattr_tag_follow_the_active_language():
    with translation.override("en"):
        assert _render("{{ n|inlang }}", n="张伟") == '<span lang="zh-Hans">张伟</span>'
        assert _render("<h2{% langattr n %}>", n="张伟") == '<h2 lang="zh-Hans">'
        assert _render("{{ n|inlang }}", n="<i>") == "&lt;i&gt;"
    with translation.override("zh-hans"):
        assert _render("{{ n|inlang }}", n="张伟") == "张伟"
        assert _render("{{ n|inlang }}", n="Wang Fang") == (
            '<span lang="en">Wang Fang</span>'
        )


def test_a_placeholder_value_is_marked_inside_a_translated_sentence():
    with translation.override("en"):
        html = _render(
            "{% load i18n %}{% blocktranslate with name=n|inlang %}"
            "Leave {{ name }}{% endblocktranslate %}",
            n="电商直播 <班>",
        )
    assert html == 'Leave <span lang="zh-Hans">电商直播 &lt;班&gt;</span>'


def test_mark_parts_marks_runs_in_wording_that_quotes_the_other_language():
    assert mark_parts("such as “直播” or “video”.", "en") == (
        'such as “<span lang="zh-Hans">直播</span>” or “video”.'
    )
    assert mark_parts("例如“直播”或“video”。", "zh-hans") == (
        '例如“直播”或“<span lang="en">video</span>”。'
    )
    # Tags are left alone; codes and brands are not English words.
    assert mark_parts('<a href="/x">CSV 或 Excel 文件</a>', "zh-hans") == (
        '<a href="/x">CSV 或 Excel 文件</a>'
    )
    with translation.override("en"):
        assert _render("{{ h|inlang_parts }}", h="For example, 电商 2027 班.") == (
            'For example, <span lang="zh-Hans">电商 2027 班</span>.'
        )
