"""Demo site pages in both languages for `manage.py seed_demo`. Idempotent."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import AccessibilityStatementPage, HomePage

HOME = {
    "zh-hans": {
        "title": "残疾人职业技能培训",
        "intro": [
            (
                "text",
                "<p>欢迎来到重庆市残疾人联合会职业技能培训平台（演示）。这里的每一门课程都为不同的残疾类别设计：视力、听力、言语、肢体、智力、精神和多重残疾。</p>"
                "<p>您可以选择适合自己的学习方式：字幕、手语视频、易读版、音频或大字版。</p>",
            ),
            ("heading", {"text": "我们如何帮助您", "level": "h2"}),
            (
                "text",
                "<ul><li>在 17 个国家级培训基地参加培训</li><li>学习电商直播、短视频制作、网站维护、产品质检等技能</li><li>获得可验证的结业证书</li><li>在创业孵化基地开始自己的事业</li></ul>",
            ),
        ],
    },
    "en": {
        "title": "Vocational training for people with disabilities",
        "intro": [
            (
                "text",
                "<p>Welcome to the vocational training platform of the Chongqing Disabled Persons' Federation (demo). Every course is designed for people with visual, hearing, speech, physical, intellectual, psychosocial or multiple disabilities.</p>"
                "<p>Choose the way you learn best: captions, sign language video, easy read, audio or large print.</p>",
            ),
            ("heading", {"text": "How we help you", "level": "h2"}),
            (
                "text",
                "<ul><li>Train at one of 17 national-level training bases</li><li>Learn livestream e-commerce, short-video production, website maintenance, product inspection and more</li><li>Earn a certificate anyone can verify</li><li>Start your own business at the incubation base</li></ul>",
            ),
        ],
    },
}

STATEMENT = {
    "zh-hans": {
        "title": "无障碍声明",
        "standard": "<p>本网站以《Web 内容无障碍指南》（WCAG）2.2 AA 级和国家标准 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》为目标。我们还采用了部分 AAA 级要求，例如手语视频、易读版本和不设时间限制。</p>"
        "<p>您可以用键盘、读屏软件、放大软件或语音控制使用本网站。页面在 200% 文字大小和 320 像素宽的屏幕上仍然可用。</p>",
        "known_limitations": "<ul><li>部分较早上传的视频还没有手语版本。</li><li>部分 PDF 文件可能不完全支持读屏软件。如需其他格式，请联系我们。</li></ul>",
        "report_a_barrier": "<p>如果您在使用本网站时遇到困难，请告诉我们。您可以：</p>"
        "<ul><li>发送电子邮件至 access@demo.example.org</li><li>发送短信至 023-6000-0000（我们会用短信回复）</li><li>到任何一个培训基地当面告诉工作人员</li></ul>"
        "<p>我们会在 5 个工作日内回复。</p>",
    },
    "en": {
        "title": "Accessibility statement",
        "standard": "<p>This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA and China's national standard GB/T 37668-2019 (accessibility requirements and testing methods for web content). We also adopt some level AAA requirements, such as sign language video, easy-read versions and no time limits.</p>"
        "<p>You can use this site with a keyboard, a screen reader, a screen magnifier or voice control. Pages still work at 200% text size and on a screen 320 pixels wide.</p>",
        "known_limitations": "<ul><li>Some older videos do not have a sign language version yet.</li><li>Some PDF files may not fully support screen readers. Ask us for another format.</li></ul>",
        "report_a_barrier": "<p>If something on this site is hard to use, please tell us. You can:</p>"
        "<ul><li>email access@demo.example.org</li><li>send a text message to 023-6000-0000 (we reply by text)</li><li>tell the staff at any training base in person</li></ul>"
        "<p>We reply within 5 working days.</p>",
    },
}


def publish(page: Page) -> None:
    """A revision, published: what an editor's first Publish makes."""
    page.save_revision().publish()


def _home_content(language: str) -> dict:
    content = HOME[language]
    return {"title": content["title"], "intro": content["intro"]}


@transaction.atomic
def seed_site() -> HomePage:
    """The home page and accessibility statement in Chinese and English, set
    as the default site's root. Replaces Wagtail's placeholder welcome page."""
    zh = Locale.objects.get(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()

    home_zh = HomePage.objects.filter(locale=zh).first()
    if home_zh is None:
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home_zh = root.add_child(
            instance=HomePage(slug="home", locale=zh, **_home_content("zh-hans"))
        )
        publish(home_zh)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home_zh, is_default_site=True
        )
    elif site.root_page_id != home_zh.pk:
        site.root_page = home_zh
        site.save()

    home_en = home_zh.get_translation_or_none(en)
    if home_en is None:
        home_en = home_zh.copy_for_translation(en)
        for field, value in _home_content("en").items():
            setattr(home_en, field, value)
        home_en.save()
        publish(home_en)

    statement_zh = AccessibilityStatementPage.objects.filter(locale=zh).first()
    if statement_zh is None:
        statement_zh = home_zh.add_child(
            instance=AccessibilityStatementPage(
                slug="accessibility",
                locale=zh,
                last_reviewed=timezone.localdate(),
                **STATEMENT["zh-hans"],
            )
        )
        publish(statement_zh)
    if statement_zh.get_translation_or_none(en) is None:
        statement_en = statement_zh.copy_for_translation(en)
        for field, value in STATEMENT["en"].items():
            setattr(statement_en, field, value)
        statement_en.save()
        publish(statement_en)

    # Fresh copies: adding children changed the tree rows of both home pages.
    for home in HomePage.objects.filter(pk__in=[home_zh.pk, home_en.pk]):
        if any(block.block_type == "link" for block in home.intro):
            continue
        language = home.locale.language_code
        statement = statement_zh.get_translation(home.locale)
        link = ("link", {"page": statement, "text": STATEMENT[language]["title"]})
        home.intro = [*_home_content(language)["intro"], link]
        home.save()
        publish(home)
    return HomePage.objects.get(pk=home_zh.pk)
