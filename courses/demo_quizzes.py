"""Demo quizzes for three demo courses, in Chinese and English, for
`manage.py seed_demo`. Idempotent: a course that has its quiz is left alone."""

from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText

from courses.models import CoursePage, QuizPage

SLUG = "quiz"


def _single(question, right, wrong, why):
    choices = [{"text": right, "is_correct": True}] + [
        {"text": text, "is_correct": False} for text in wrong
    ]
    return (
        "single_choice",
        {"question": question, "choices": choices, "explanation": why},
    )


def _multiple(question, right, wrong, why):
    choices = [{"text": t, "is_correct": True} for t in right] + [
        {"text": t, "is_correct": False} for t in wrong
    ]
    return (
        "multiple_choice",
        {"question": question, "choices": choices, "explanation": why},
    )


def _true_false(statement, answer, why):
    return (
        "true_false",
        {
            "question": statement,
            "correct_answer": "true" if answer else "false",
            "explanation": why,
        },
    )


def _short(question, guidance):
    return ("short_answer", {"question": question, "guidance": guidance})


QUIZZES = [
    {
        "course": "livestream-selling",
        "pass_mark": 75,
        "time_limit_minutes": None,
        "one_question_per_page": True,
        "zh": {
            "title": "直播带货入门测验",
            "intro": "<p>四道题，检查你学会了什么。没有时间限制，可以随时停下，答案会自动保存。</p>",
            "questions": [
                _single(
                    "开始直播前，第一步应该做什么？",
                    "检查网络和手机电量",
                    ["马上开始介绍商品", "先关掉评论区"],
                    "网络不稳定或手机没电，直播会中断。",
                ),
                _multiple(
                    "布置直播间需要哪些东西？",
                    ["手机支架", "补光灯"],
                    ["电视机", "很吵的音乐"],
                    "支架让画面稳定，补光灯让观众看清商品。",
                ),
                _true_false(
                    "不开口说话，也可以用文字和观众互动。",
                    True,
                    "字幕卡、文字回复和语音合成都可以用来互动。",
                ),
                _single(
                    "观众问“什么时候发货？”，你应该怎么做？",
                    "用文字清楚地回答发货时间",
                    ["不理会这个问题", "让观众自己去猜"],
                    "及时、清楚的回答让观众放心下单。",
                ),
            ],
        },
        "en": {
            "title": "Livestream selling: check what you learned",
            "intro": "<p>Four questions to check what you have learned. There is no time limit; you can stop at any time and your answers are saved.</p>",
            "questions": [
                _single(
                    "What should you do first, before you go live?",
                    "Check the network and the phone's battery",
                    ["Start presenting products at once", "Turn off the comments"],
                    "A weak network or a flat battery stops the livestream.",
                ),
                _multiple(
                    "What do you need to set up a livestream room?",
                    ["A phone stand", "A light"],
                    ["A television", "Loud music"],
                    "The stand keeps the picture steady; the light lets viewers see the product.",
                ),
                _true_false(
                    "You can talk with viewers by text without speaking.",
                    True,
                    "Text cards, typed replies and text-to-speech all work.",
                ),
                _single(
                    "A viewer asks “When will it ship?” What do you do?",
                    "Answer with the shipping time, clearly, in text",
                    ["Ignore the question", "Let the viewer guess"],
                    "A quick, clear answer helps viewers decide to buy.",
                ),
            ],
        },
    },
    {
        "course": "farm-produce-livestream",
        "pass_mark": 60,
        "time_limit_minutes": 15,
        "one_question_per_page": True,
        "zh": {
            "title": "农产品直播测验",
            "intro": "<p>这个测验有时间限制：15分钟。需要更多时间的学员会自动得到更多时间，也可以随时暂停。最后一题由老师批改。</p>",
            "questions": [
                _single(
                    "怎样让观众看出农产品很新鲜？",
                    "在好的光线下近距离展示",
                    ["只说“很新鲜”", "用很远的镜头拍"],
                    "近距离和好的光线让观众自己看清楚。",
                ),
                _true_false(
                    "包装农产品时，不需要考虑路上的时间。",
                    False,
                    "路上时间长的，要用更好的包装，保证送到时还新鲜。",
                ),
                _short(
                    "请写出你家乡的一种农产品，和它的一个卖点。",
                    "写出农产品的名称，和一个具体的卖点（例如产地、口感、季节）。",
                ),
            ],
        },
        "en": {
            "title": "Farm produce livestream quiz",
            "intro": "<p>This quiz has a time limit of 15 minutes. Trainees who need extra time get it automatically, and anyone can pause. An instructor marks the last question.</p>",
            "questions": [
                _single(
                    "How do you show viewers that produce is fresh?",
                    "Show it close up in good light",
                    ["Just say “it is fresh”", "Film it from far away"],
                    "Close up and in good light, viewers can see for themselves.",
                ),
                _true_false(
                    "When you pack produce, the time on the road does not matter.",
                    False,
                    "Longer journeys need better packing so the produce arrives fresh.",
                ),
                _short(
                    "Name a farm product from your home town and one reason to buy it.",
                    "The product's name and one concrete selling point (where it is grown, taste, season).",
                ),
            ],
        },
    },
    {
        "course": "short-video-planning-and-shooting",
        "pass_mark": 70,
        "time_limit_minutes": None,
        "one_question_per_page": False,
        "zh": {
            "title": "短视频拍摄测验",
            "intro": "<p>三道题都在同一页。没有时间限制。</p>",
            "questions": [
                _single(
                    "拍短视频前，先做什么？",
                    "想好主题，写一个简单的脚本",
                    ["直接开拍", "先买最贵的相机"],
                    "有了主题和脚本，拍摄更顺利。",
                ),
                _true_false(
                    "每个短视频都应该加上字幕。",
                    True,
                    "字幕让听障观众和在安静场所的观众都能看懂。",
                ),
                _multiple(
                    "哪些做法能让画面更稳定？",
                    ["用三脚架", "双手握稳手机"],
                    ["边走边快速转动手机"],
                    "稳定的画面让观众看得舒服。",
                ),
            ],
        },
        "en": {
            "title": "Short-video shooting quiz",
            "intro": "<p>All three questions are on one page. There is no time limit.</p>",
            "questions": [
                _single(
                    "What do you do before you shoot a short video?",
                    "Choose a topic and write a simple script",
                    ["Start shooting straight away", "Buy the most expensive camera"],
                    "A topic and a script make shooting go smoothly.",
                ),
                _true_false(
                    "Every short video should have captions.",
                    True,
                    "Captions help deaf viewers and anyone watching in a quiet place.",
                ),
                _multiple(
                    "What keeps the picture steady?",
                    ["A tripod", "Holding the phone with both hands"],
                    ["Turning the phone quickly while walking"],
                    "A steady picture is comfortable to watch.",
                ),
            ],
        },
    },
]


def _fields(quiz: dict, language: str) -> dict:
    words = quiz[language]
    return {
        "title": words["title"],
        "intro": [("text", RichText(words["intro"]))],
        "questions": words["questions"],
        "pass_mark": quiz["pass_mark"],
        "time_limit_minutes": quiz["time_limit_minutes"],
        "one_question_per_page": quiz["one_question_per_page"],
    }


def _seed_quiz(quiz: dict, en: Locale) -> None:
    course = CoursePage.objects.filter(
        slug=quiz["course"], locale__language_code="zh-hans"
    ).first()
    if course is None:
        return
    zh_quiz = QuizPage.objects.child_of(course).filter(slug=SLUG).first()
    if zh_quiz is None:
        zh_quiz = course.add_child(
            instance=QuizPage(slug=SLUG, locale=course.locale, **_fields(quiz, "zh"))
        )
        zh_quiz.save_revision().publish()
    if zh_quiz.get_translation_or_none(en) is not None:
        return
    if course.get_translation_or_none(en) is None:
        return
    # Re-fetched: treebeard's copy of the parent changed when the child was added.
    en_quiz = QuizPage.objects.get(pk=zh_quiz.pk).copy_for_translation(en)
    for name, value in _fields(quiz, "en").items():
        setattr(en_quiz, name, value)
    en_quiz.save()
    en_quiz.save_revision().publish()


@transaction.atomic
def seed_quizzes() -> None:
    """A quiz at the end of three demo courses: untimed one question per
    page, timed with a written answer, and all questions on one page."""
    en = Locale.objects.get(language_code="en")
    for quiz in QUIZZES:
        _seed_quiz(quiz, en)
