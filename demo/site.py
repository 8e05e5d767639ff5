"""Demo site pages in both languages for `manage.py seed_demo`. Idempotent."""

from urllib.parse import urlsplit

from django.conf import settings
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
        "known_limitations": "<ul><li>部分较早上传的视频还没有手语版本。</li><li>部分 PDF 文件可能不完全支持读屏软件。如需其他格式，请联系我们。</li>"
        "<li>按钮和区域的无障碍名称（aria-label）不能标注自己的语言：如果名称里有另一种语言的文字（例如英文页面按钮名称里的中文课程名），读屏软件会用页面语言的语音朗读。</li>"
        "<li>管理后台（Wagtail）本身的富文本编辑器没有无障碍名称（Wagtail 的已知问题 14205）。我们自己的脚本按字段或内容块的标签为每个编辑器命名，直到 Wagtail 修复这个问题。管理后台的标签输入框和“新建用户”表单中的“角色”按钮也由这个脚本修正。</li>"
        "<li>自动化测试只能发现一部分障碍。我们用键盘和读屏结构检查了主要流程，但还没有请每一类残疾人用户参加测试。</li></ul>",
        "report_a_barrier": "<p>如果您在使用本网站时遇到困难，请告诉我们。您可以：</p>"
        "<ul><li>发送电子邮件至 access@demo.example.org</li><li>发送短信至 023-6000-0000（我们会用短信回复）</li><li>到任何一个培训基地当面告诉工作人员</li></ul>"
        "<p>我们会在 5 个工作日内回复。</p>",
    },
    "en": {
        "title": "Accessibility statement",
        "standard": "<p>This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA and China's national standard GB/T 37668-2019 (accessibility requirements and testing methods for web content). We also adopt some level AAA requirements, such as sign language video, easy-read versions and no time limits.</p>"
        "<p>You can use this site with a keyboard, a screen reader, a screen magnifier or voice control. Pages still work at 200% text size and on a screen 320 pixels wide.</p>",
        "known_limitations": "<ul><li>Some older videos do not have a sign language version yet.</li><li>Some PDF files may not fully support screen readers. Ask us for another format.</li>"
        "<li>The accessible names of buttons and regions (aria-label) cannot mark their own language: when a name contains words in the other language (such as a Chinese course title in a button on an English page), a screen reader reads them with the page's voice.</li>"
        "<li>The rich-text editors of the administration pages (Wagtail) have no accessible name in Wagtail itself (Wagtail's known issue 14205). Our own script names each editor after its field or block label until Wagtail fixes it. The same script labels the tag box and the Roles button of the new-user form in the administration pages.</li>"
        "<li>Automated tests find only part of the barriers. We checked the main journeys with a keyboard and the structure a screen reader uses, but we have not yet tested with disabled users of every group.</li></ul>",
        "report_a_barrier": "<p>If something on this site is hard to use, please tell us. You can:</p>"
        "<ul><li>email access@demo.example.org</li><li>send a text message to 023-6000-0000 (we reply by text)</li><li>tell the staff at any training base in person</li></ul>"
        "<p>We reply within 5 working days.</p>",
    },
}


# How the site was tested: the statement's body, after the standard.
TESTED = {
    "zh-hans": [
        ("heading", {"text": "我们如何测试", "level": "h2"}),
        (
            "text",
            "<p>每次修改代码都会运行以下自动化测试：</p>"
            "<ul><li>在 Chromium 浏览器中用 Playwright 运行 axe-core 4.12，检查每一种页面：不允许出现任何违反 WCAG 2.0、2.1 和 2.2 A 级与 AA 级规则的问题。</li>"
            "<li>语言标注检查：逐页检查英文页面上的中文和中文页面上的英文内容都标注了语言，读屏软件才能用正确的语音朗读。</li>"
            "<li>只用键盘的流程测试：只用 Tab、Shift+Tab、回车、空格和方向键完成每个流程，按键次数不能超过规定的上限，每一步都能看到焦点的变化。</li>"
            "<li>查询次数测试：每个列表和报表在数据多少不同时查询次数不变，页面不会因为数据多而变慢。</li></ul>",
        ),
        ("heading", {"text": "测试的流程", "level": "h3"}),
        (
            "text",
            "<ol><li>查找并打开一门课程：首页 → 课程目录 → 筛选 → 课程。</li>"
            "<li>登录 → 我的学习 → 课时 → 标记为已完成 → 下一课。</li>"
            "<li>参加测验：开始 → 回答 → 暂停 → 继续 → 检查答案 → 提交。</li>"
            "<li>审计员查看仪表板 → 筛选 → 导出。</li></ol>",
        ),
        ("heading", {"text": "测试的条件", "level": "h3"}),
        (
            "text",
            "<ul><li>中文和英文两种语言。</li>"
            "<li>四种颜色主题：默认（白底黑字）、高对比度深色（黑底白字）、黑底黄字、柔和米色。</li>"
            "<li>200% 文字大小，以及 320 像素宽的屏幕（不需要左右滚动）。</li>"
            "<li>未登录的访客，以及学员、教师、基地管理员、联合会管理员和审计员等角色。</li></ul>",
        ),
        ("heading", {"text": "管理后台", "level": "h3"}),
        (
            "text",
            "<p>教师和联合会管理员使用的管理后台页面也用 axe-core 在中英文两种语言下测试：仪表板、页面浏览、添加和编辑课时与测验、图片和文档（列表、上传、编辑）、障碍报告，以及本平台加入管理后台的每一个列表和表单。</p>",
        ),
    ],
    "en": [
        ("heading", {"text": "How we tested", "level": "h2"}),
        (
            "text",
            "<p>These automated tests run on every change to the code:</p>"
            "<ul><li>axe-core 4.12, run with Playwright in the Chromium browser on every type of page: no violation of the WCAG 2.0, 2.1 and 2.2 level A and AA rules is allowed.</li>"
            "<li>A language check that goes through the pages: Chinese text on English pages and English content on Chinese pages must carry their language, so a screen reader uses the right voice.</li>"
            "<li>Keyboard-only journeys: each journey is done with Tab, Shift+Tab, Enter, Space and the arrow keys only, within a set number of key presses, and every step shows a visible change of focus.</li>"
            "<li>Query-count tests: every list and report makes the same number of database queries with little or much data, so pages do not get slow as data grows.</li></ul>",
        ),
        ("heading", {"text": "The journeys we tested", "level": "h3"}),
        (
            "text",
            "<ol><li>Find and open a course: home → course catalogue → filter → course.</li>"
            "<li>Sign in → My learning → lesson → mark as complete → next lesson.</li>"
            "<li>Take a quiz: start → answer → pause → resume → review → submit.</li>"
            "<li>An auditor's dashboard → filter → export.</li></ol>",
        ),
        ("heading", {"text": "The conditions we tested", "level": "h3"}),
        (
            "text",
            "<ul><li>Both languages, Chinese and English.</li>"
            "<li>All four colour themes: default (dark text on white), high contrast dark (white on black), yellow on black and soft cream.</li>"
            "<li>Text at 200%, and a screen 320 pixels wide (no scrolling sideways).</li>"
            "<li>Signed-out visitors and each role: trainee, instructor, base manager, federation administrator and auditor.</li></ul>",
        ),
        ("heading", {"text": "The administration pages", "level": "h3"}),
        (
            "text",
            "<p>The administration pages instructors and federation administrators use are tested with axe-core too, in both languages: the dashboard, the page explorer, adding and editing lessons and quizzes, images and documents (list, upload, edit), barrier reports, and every list and form this platform adds to the administration pages.</p>",
        ),
    ],
}


def _statement_content(language: str) -> dict:
    return {**STATEMENT[language], "body": TESTED[language]}


def _statement_update(statement: AccessibilityStatementPage, language: str) -> None:
    """A statement seeded before it said how the site was tested: give it the
    current text once (a statement an editor has extended is left alone)."""
    if statement.body:
        return
    for field, value in _statement_content(language).items():
        setattr(statement, field, value)
    statement.last_reviewed = timezone.localdate()
    statement.save()
    publish(statement)


def publish(page: Page) -> None:
    """A revision, published: what an editor's first Publish makes."""
    page.save_revision().publish()


def site_address() -> dict:
    """Wagtail's Site host and port from SITE_URL, so the links Wagtail makes
    itself (page.full_url, "view live" in the admin) name the same address as
    everything else."""
    url = urlsplit(settings.SITE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    return {"hostname": url.hostname or "localhost", "port": port}


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
    address = site_address()
    if site is None:
        Site.objects.create(root_page=home_zh, is_default_site=True, **address)
    elif site.root_page_id != home_zh.pk or any(
        getattr(site, field) != value for field, value in address.items()
    ):
        site.root_page = home_zh
        for field, value in address.items():
            setattr(site, field, value)
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
                **_statement_content("zh-hans"),
            )
        )
        publish(statement_zh)
    if statement_zh.get_translation_or_none(en) is None:
        statement_en = statement_zh.copy_for_translation(en)
        for field, value in _statement_content("en").items():
            setattr(statement_en, field, value)
        statement_en.save()
        publish(statement_en)
    for statement in AccessibilityStatementPage.objects.filter(
        pk__in=[statement_zh.pk, statement_zh.get_translation(en).pk]
    ):
        _statement_update(statement, statement.locale.language_code)

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
