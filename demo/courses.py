"""Demo courses in Chinese and English for `manage.py seed_demo`, from the
words in demo/content/. Idempotent: what exists is found and left alone.

Each course is written in Chinese and translated into English through
wagtail-localize by its base's instructor (demo/translation.py), as the
translation workflow does, so the admin shows the translations 100% done,
editable in the translation editor. The courses in CHINESE_ONLY are not
translated: the English catalogue lists them through their alias (see
courses/services/mirrors.py), labelled as Chinese only.

Media: captions, audio descriptions and transcripts are real text files in
demo/media/. The repository ships no video: the clip used by video and audio
blocks is a two-second tone generated here (a few KB), clearly titled as a
placeholder, and the pictures are simple generated drawings.
"""

import functools
import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.models import StaffRole, TrainingBase, User
from courses.models import (
    CourseAdaptation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonVersion,
    TrainingBasePage,
)
from courses.services import authoring_groups_sync_all, mirror_untranslated
from demo.course_content import MEDIA, courses
from demo.people import BASES
from demo.site import publish
from demo.translation import translate_page
from home.models import HomePage

LANGUAGES = {"zh-hans": "zh", "en": "en"}

# Courses left in Chinese only, to show how the English catalogue lists a
# course not yet translated (an alias of the Chinese, labelled "Chinese only").
# Every other course is translated into English through wagtail-localize.
CHINESE_ONLY = {"electronics-assembly-inspection"}

CATALOGUE = {
    "zh-hans": {
        "title": "课程",
        "intro": "<p>每门课程都写明为哪些残疾类别设计、如何调整。每一课都有易读版、手语版、音频优先版和大字版，任何人都可以选择。</p>",
        "link": "浏览全部课程",
        "link_description": "按残疾类别、技能、培训基地和学习方式查找课程",
    },
    "en": {
        "title": "Courses",
        "intro": "<p>Every course says which disability categories it is designed for and how it is adapted. Every lesson comes in easy read, sign language, audio-first and large-print versions, for anyone to choose.</p>",
        "link": "Browse all courses",
        "link_description": "Find courses by disability category, skill, training base and how they are taught",
    },
}

WORDS = {
    "zh-hans": {
        "why": "为什么要学这一课",
        "practice": "动手做",
        "watch": "看视频",
        "listen": "听一听",
        "video_title": "课程介绍视频（演示用占位片段）",
        "audio_title": "本课导读（演示用占位录音）",
        "steps_title": "操作步骤",
        "terms_title": "本课关键词",
        "easy_title": "易读版要点",
        "resource": "本课学习清单",
        "resource_description": "可以打印出来，一项一项打勾。",
        "picture_alt": "示意图：{title}",
        "audio_intro": "<p>这是本课的导读。{summary}本课大约需要二十分钟，可以随时暂停。</p>",
        "body": "<p>{summary}</p><p>本课属于《{course}》。你可以按自己的速度学习，随时暂停，下次从这里继续。遇到困难，可以联系培训基地的老师。</p>",
        "easy_note": "用短句子和图片讲同样的内容。",
        "sign_note": "讲解视频配有中国手语翻译（演示中为占位视频）。",
        "audio_note": "先听录音，文字稿全部展开，适合读屏软件用户。",
        "large_note": "同样的内容，用更大的字和更宽的行距显示。",
        "placeholder": "演示用占位片段（两秒提示音）",
    },
    "en": {
        "why": "Why this lesson matters",
        "practice": "Try it yourself",
        "watch": "Watch",
        "listen": "Listen",
        "video_title": "Course introduction video (demo placeholder clip)",
        "audio_title": "Lesson introduction (demo placeholder recording)",
        "steps_title": "Steps",
        "terms_title": "Key terms in this lesson",
        "easy_title": "Easy-read summary",
        "resource": "Lesson checklist",
        "resource_description": "Print it and tick each item.",
        "picture_alt": "Drawing: {title}",
        "audio_intro": "<p>This is the introduction to the lesson. {summary} The lesson takes about twenty minutes and you can pause at any time.</p>",
        "body": "<p>{summary}</p><p>This lesson is part of {course}. Learn at your own pace, pause at any time and carry on from here next time. If anything is hard, contact the teachers at the training base.</p>",
        "easy_note": "The same content in short sentences with pictures.",
        "sign_note": "The teaching video is interpreted into Chinese Sign Language (a placeholder clip in the demo).",
        "audio_note": "Listen first; every transcript is open, for screen reader users.",
        "large_note": "The same content in larger text with more space between lines.",
        "placeholder": "Demo placeholder clip (a two-second tone)",
    },
}

COLOURS = ["#0b4f9c", "#0b6b3a", "#5a2a82", "#8a4b00", "#1b1b1b", "#b10e1e"]


def _collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = (
        root.get_children().filter(name="课程演示素材 Course demo media").first()
    )
    return collection or root.add_child(name="课程演示素材 Course demo media")


def _document(title: str, filename: str, content: bytes, collection) -> Document:
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _tone_wav() -> bytes:
    """Two seconds of a soft 440 Hz tone, 8 kHz 8-bit mono: about 16 KB."""
    rate = 8000
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(
            b"".join(
                struct.pack("B", int(128 + 20 * math.sin(2 * math.pi * 440 * i / rate)))
                for i in range(rate * 2)
            )
        )
    return buffer.getvalue()


def _picture(title: str, colour: str, collection) -> Image:
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    canvas = PILImage.new("RGB", (480, 270), "#f3f2f1")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((20, 20, 460, 250), outline=colour, width=8)
    draw.ellipse((60, 70, 190, 200), fill=colour)
    draw.rectangle((230, 90, 420, 120), fill=colour)
    draw.rectangle((230, 150, 380, 180), fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(
        title=title,
        collection=collection,
        file=ImageFile(buffer, name=f"{title.replace(' ', '-')}.png"),
    )


def _media(course: dict, language: str, clip: Document, collection) -> dict:
    slug = course["slug"]

    def text(name: str) -> bytes:
        return (MEDIA / name).read_bytes()

    transcript = (MEDIA / f"{slug}.{language}.txt").read_text(encoding="utf-8")
    return {
        "clip": clip,
        "captions": _document(
            f"{slug}.{language}.vtt",
            f"{slug}.{language}.vtt",
            text(f"{slug}.{language}.vtt"),
            collection,
        ),
        "descriptions": _document(
            f"{slug}.{language}.descriptions.vtt",
            f"{slug}.{language}.descriptions.vtt",
            text(f"{slug}.{language}.descriptions.vtt"),
            collection,
        ),
        "checklist": _document(
            f"{slug}.{language}.checklist.txt",
            f"{slug}-checklist-{language}.txt",
            text(f"{slug}.{language}.txt"),
            collection,
        ),
        "transcript": "".join(
            f"<p>{line}</p>" for line in transcript.splitlines() if line.strip()
        ),
        "picture": _picture(
            f"{slug} picture", COLOURS[len(slug) % len(COLOURS)], collection
        ),
    }


def _lesson_blocks(course: dict, lesson: dict, language: str, media: dict) -> dict:
    """The lesson body and its versions, every block type used."""
    words = WORDS[language]
    content = lesson[LANGUAGES[language]]
    course_title = course[LANGUAGES[language]]["title"]
    captions_language = "zh-Hans" if language == "zh-hans" else "en"
    picture = {
        "image": media["picture"],
        "decorative": False,
        "alt_text": words["picture_alt"].format(title=content["title"]),
    }
    video = {
        "title": words["video_title"],
        "video": media["clip"],
        "captions": media["captions"],
        "captions_language": captions_language,
        "transcript": RichText(media["transcript"]),
        "audio_description": media["descriptions"],
        "sign_language_video": None,
    }
    audio = {
        "title": words["audio_title"],
        "audio": media["clip"],
        "transcript": RichText(words["audio_intro"].format(summary=content["summary"])),
    }
    steps = {
        "title": words["steps_title"],
        "steps": [
            {"text": step, "image": picture if index == 0 else None}
            for index, step in enumerate(content["steps"])
        ],
    }
    terms = {
        "title": words["terms_title"],
        "terms": content["terms"],
    }
    easy = {
        "title": words["easy_title"],
        "sentences": [
            {"text": sentence, "picture": picture if index == 0 else None}
            for index, sentence in enumerate(content["easy"])
        ],
    }
    resource = {
        "document": media["checklist"],
        "title": words["resource"],
        "description": words["resource_description"],
    }
    text = RichText(
        words["body"].format(summary=content["summary"], course=course_title)
    )
    body = [
        ("heading", {"text": words["why"], "level": "h2"}),
        ("text", text),
        ("image", picture),
        ("heading", {"text": words["watch"], "level": "h2"}),
        ("video", video),
        ("heading", {"text": words["practice"], "level": "h2"}),
        ("steps", steps),
        ("key_terms", terms),
        ("easy_read", easy),
        ("resource", resource),
        ("heading", {"text": words["listen"], "level": "h2"}),
        ("audio", audio),
    ]
    signed = dict(video, sign_language_video=media["clip"])
    versions = {
        "easy_read": (
            words["easy_note"],
            [
                ("easy_read", easy),
                ("steps", steps),
                ("key_terms", terms),
                ("video", video),
                ("resource", resource),
            ],
        ),
        "sign_language": (
            words["sign_note"],
            [
                ("heading", {"text": words["watch"], "level": "h2"}),
                ("video", signed),
                ("heading", {"text": words["practice"], "level": "h2"}),
                ("steps", steps),
                ("key_terms", terms),
            ],
        ),
        "audio_first": (
            words["audio_note"],
            [
                ("heading", {"text": words["listen"], "level": "h2"}),
                ("audio", audio),
                ("text", text),
                ("heading", {"text": words["practice"], "level": "h2"}),
                ("steps", steps),
                ("key_terms", terms),
                ("video", video),
                ("resource", resource),
            ],
        ),
        "large_print": (words["large_note"], []),
    }
    return {"body": body, "versions": versions}


def _catalogue(home: HomePage, language: str) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is not None:
        return catalogue
    words = CATALOGUE[language]
    fields = {"title": words["title"], "intro": [("text", RichText(words["intro"]))]}
    zh = CourseIndexPage.objects.filter(locale__language_code="zh-hans").first()
    if zh is not None and language != "zh-hans":
        catalogue = zh.copy_for_translation(home.locale)
        for name, value in fields.items():
            setattr(catalogue, name, value)
        catalogue.save()
    else:
        catalogue = home.add_child(
            instance=CourseIndexPage(slug="courses", locale=home.locale, **fields)
        )
    publish(catalogue)
    return catalogue


def _link_home_to_catalogue(home: HomePage, catalogue: CourseIndexPage) -> None:
    home = HomePage.objects.get(pk=home.pk)
    if any(
        block.block_type == "link" and block.value["page"].pk == catalogue.pk
        for block in home.intro
    ):
        return
    words = CATALOGUE[home.locale.language_code]
    link = (
        "link",
        {
            "page": catalogue,
            "text": words["link"],
            "description": words["link_description"],
        },
    )
    blocks = [(block.block_type, block.value) for block in home.intro]
    home.intro = [*blocks[:1], link, *blocks[1:]]
    home.save()
    publish(home)


def _section(catalogue: CourseIndexPage, base: TrainingBase) -> TrainingBasePage:
    section = TrainingBasePage.objects.child_of(catalogue).filter(base=base).first()
    if section is not None:
        return section
    language = catalogue.locale.language_code
    title = base.name_en if language == "en" else base.name
    zh = TrainingBasePage.objects.filter(
        base=base, locale__language_code="zh-hans"
    ).first()
    if zh is not None and language != "zh-hans":
        section = zh.copy_for_translation(catalogue.locale)
        section.title = title
        section.save()
    else:
        catalogue = CourseIndexPage.objects.get(pk=catalogue.pk)
        section = catalogue.add_child(
            instance=TrainingBasePage(
                title=title,
                slug=f"base-{base.pk}",
                base=base,
                locale=catalogue.locale,
            )
        )
    publish(section)
    return section


def _course_fields(course: dict, language: str) -> dict:
    content = course[LANGUAGES[language]]
    return {
        "title": content["title"],
        "summary": content["summary"],
        "outcomes": [("outcome", outcome) for outcome in content["outcomes"]],
        "adaptations": [
            CourseAdaptation(category=category, note=notes[LANGUAGES[language]])
            for category, notes in course["categories"].items()
        ],
    }


def _lesson_fields(course: dict, lesson: dict, language: str, media: dict) -> dict:
    blocks = _lesson_blocks(course, lesson, language, media)
    return {
        "title": lesson[LANGUAGES[language]]["title"],
        "summary": lesson[LANGUAGES[language]]["summary"],
        "body": blocks["body"],
        "versions": [
            LessonVersion(kind=kind, note=note, body=body)
            for kind, (note, body) in blocks["versions"].items()
        ],
    }


def _seed_course(course: dict, sections: dict, clip, collection) -> None:
    base = TrainingBase.objects.get(name=BASES[course["base"] - 1][0])
    zh_section = sections["zh-hans"][base.pk]
    if CoursePage.objects.child_of(zh_section).filter(slug=course["slug"]).exists():
        return
    zh_media = _media(course, "zh-hans", clip, collection)
    en_media = _media(course, "en", clip, collection)
    common = {
        "base": base,
        "skill_area": course["skill"],
        "delivery_mode": course["mode"],
        "estimated_hours": course["hours"],
    }
    course_zh = zh_section.add_child(
        instance=CoursePage(
            slug=course["slug"],
            locale=zh_section.locale,
            **common,
            **_course_fields(course, "zh-hans"),
        )
    )
    publish(course_zh)
    lessons_zh = []
    for lesson in course["lessons"]:
        parent = CoursePage.objects.get(pk=course_zh.pk)
        lesson_zh = parent.add_child(
            instance=LessonPage(
                slug=lesson["slug"],
                locale=parent.locale,
                **_lesson_fields(course, lesson, "zh-hans", zh_media),
            )
        )
        publish(lesson_zh)
        lessons_zh.append(lesson_zh)

    if course["slug"] in CHINESE_ONLY:
        return
    en = sections["en"][base.pk].locale
    translator = translator_of(base)
    translate_page(course_zh, _course_fields(course, "en"), locale=en, user=translator)
    for lesson, lesson_zh in zip(course["lessons"], lessons_zh, strict=True):
        translate_page(
            lesson_zh,
            _lesson_fields(course, lesson, "en", en_media),
            locale=en,
            user=translator,
        )


@functools.cache
def _english_titles() -> dict[str, str]:
    return {course["slug"]: course["en"]["title"] for course in courses()}


def english_title(course: CoursePage) -> str:
    """A demo course's English title for records (session names,
    certificates), also when its pages are in Chinese only."""
    if course.slug in _english_titles():
        return _english_titles()[course.slug]
    english = course.get_translation_or_none(Locale.objects.get(language_code="en"))
    if english is not None and not english.alias_of_id:
        return english.title
    return course.title


def translator_of(base: TrainingBase):
    """The base's first instructor: who translates its courses."""
    return (
        User.objects.filter(
            staff_roles__base=base, staff_roles__role=StaffRole.Role.INSTRUCTOR
        )
        .order_by("pk")
        .first()
    )


def _mirror_chinese_only() -> None:
    """The Chinese-only courses in the English tree as aliases, as publishing
    them does once the transaction commits (seeding runs in one)."""
    for course in CoursePage.objects.filter(
        slug__in=CHINESE_ONLY, locale__language_code="zh-hans", alias_of__isnull=True
    ):
        mirror_untranslated(course)


@transaction.atomic
def seed_courses() -> None:
    """The catalogue in both languages, a courses page per training base, the
    demo courses with their lessons and versions, authoring groups, and a link
    to the catalogue from each home page."""
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    homes = {
        "zh-hans": HomePage.objects.get(locale=zh),
        "en": HomePage.objects.get(locale=en),
    }
    catalogues = {}
    sections: dict[str, dict[int, TrainingBasePage]] = {}
    for language in ("zh-hans", "en"):
        catalogue = _catalogue(HomePage.objects.get(pk=homes[language].pk), language)
        catalogues[language] = catalogue
        sections[language] = {
            base.pk: _section(catalogue, base)
            for base in TrainingBase.objects.order_by("pk")
        }

    collection = _collection()
    clip = Document.objects.filter(title=WORDS["zh-hans"]["placeholder"]).first()
    if clip is None:
        clip = _document(
            WORDS["zh-hans"]["placeholder"], "demo-clip.wav", _tone_wav(), collection
        )
    # The reference index ("where is this used") is rebuilt once per new
    # page at the end rather than on every save and revision: ten times faster.
    before = set(Page.objects.values_list("pk", flat=True))
    with disable_reference_index_auto_update():
        for course in courses():
            _seed_course(course, sections, clip, collection)
        _mirror_chinese_only()
    for page in Page.objects.exclude(pk__in=before).specific():
        ReferenceIndex.create_or_update_for_object(page)

    for language, home in homes.items():
        _link_home_to_catalogue(home, catalogues[language])
    authoring_groups_sync_all()
