"""Language of parts (WCAG 3.1.2): a crawl of every page type, anonymous and
as each role, in English and in Chinese. On an English page every run of Han
characters sits inside an element whose `lang` starts with "zh"; on a Chinese
page every Latin-script word (2+ letters, not in core.language.NEUTRAL) sits
inside an element whose `lang` starts with "en".

The data mixes languages on purpose: Chinese names and titles (the factories'
default), an English-only course, a trainee named in pinyin, a session and a
reporting period with a bilingual name.

Every named URL of ours is either crawled (PAGES) or excluded with a reason
(EXCLUDED); so is every Wagtail page type. A new page fails
test_every_page_is_crawled_or_excluded until it is listed."""

import datetime
import re

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString
from django.apps import apps
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from accounts.models import StaffRole, TrainingBase
from careers.models import ApiClient, IncubatedBusiness, Placement, Sector
from core.language import HAN, english_words
from courses.models import LessonVersion
from demo.help import seed_help
from federation.models import BarrierReport
from federation.views.barriers import SENT_SESSION_KEY
from home.models import AccessibilityStatementPage, HelpIndexPage, HelpPage
from notifications.services import notify
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.federation import world
from training import notices
from training.models import (
    Certificate,
    Enrolment,
    Meeting,
    Outcome,
    ReportingPeriod,
)
from training.selectors.quizzes import quiz_questions
from training.services import quizzes as quiz_services
from training.services.progress import lesson_completion_record

Role = StaffRole.Role
Status = Enrolment.Status

# Elements whose text is not read as page text, or that cannot hold a part in
# another language (the document title is in the page's language; a record
# name in it is a known limitation listed in the accessibility statement).
SKIPPED = {"script", "style", "template", "title", "noscript"}

# Named URLs we do not crawl, and why.
EXCLUDED = {
    "calendar_feed": "an iCalendar file, not a page",
    "session_calendar": "an iCalendar file, not a page",
    "certificate_pdf": "a PDF (its text is drawn in the PDF's own fonts)",
    "data_export": "a JSON download",
    "teach:export_csv": "a CSV download",
    "teach:export_xlsx": "a spreadsheet download",
    "federation:export": "a CSV or spreadsheet download",
    "help": "a redirect to the help index (crawled as a page type)",
    "needs_withdraw": "POST only; redirects to the profile (crawled)",
    "session_enrol": "POST only; redirects to My learning (crawled)",
    "enrolment_withdraw": "POST only; redirects to My learning (crawled)",
    "enrolment_offer": "POST only; redirects to My learning (crawled)",
    "enrolment_confirm": "POST only; redirects to My learning (crawled)",
    "lesson_complete": "POST only; redirects to the lesson (crawled)",
    "message_read": "POST only; redirects to messages (crawled)",
    "messages_read_all": "POST only; redirects to messages (crawled)",
    "quiz_start": "POST only; redirects to the attempt's question (crawled)",
    "quiz_attempt": "a redirect to the attempt's current question (crawled)",
    "quiz_submit": "POST only; redirects to the results (crawled)",
    "teach:accept": "POST only; redirects to the roster (crawled)",
    "teach:withdraw": "POST only; redirects to the roster (crawled)",
    "teach:confirm_code": "POST only; redirects to the roster (crawled)",
    "teach:import_confirm": "POST only; its preview is the import page (crawled)",
    "teach:session_duplicate": "POST only; redirects to the new session's form",
    "teach:session_enrolment": "POST only; redirects to the roster (crawled)",
    "federation:period_reopen": "POST only; redirects to reconciliation (crawled)",
    "certificate_revoke_admin": "a Wagtail admin page (issue 16 item 4)",
    "courses_submit_page_translation": "a Wagtail admin page (wagtail-localize's, measured in tests/browser/test_translation_admin_a11y.py)",
    "courses_update_translations": "a Wagtail admin page (wagtail-localize's sync form)",
    "courses_upload_pofile": "POST only; a PO file upload redirecting to the translation editor",
    "credential_jwt": "a signed credential file, not a page",
    "credential_json": "a credential file (JSON), not a page",
    "credential_jwks": "the public signing key (JSON)",
    "credential_issuer": "the issuer profile (JSON)",
    "credential_verify_api": "an API (JSON)",
    "job_profile_withdraw": "POST only; redirects to the job profile (crawled)",
    "placements:decide": "POST only; redirects to the placements (crawled)",
    "businesses:founder_add": "POST only; redirects to the business (crawled)",
    "businesses:founder_remove": "POST only; redirects to the business (crawled)",
}

# Whole namespaces that are not pages.
EXCLUDED_NAMESPACES = {
    "jobs_api": "the job platform's API (JSON, django-ninja)",
}

# The Wagtail admin is out of scope (issue 16 item 4 tests it with axe).
ADMIN_VIEWS = ("wagtail_admin", "wagtail_hooks", "api_admin")

# allauth pages drawn with our templates.
ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_request_login_code",
]


def our_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (
                    f"{pattern.namespace}:" if pattern.namespace else ""
                )
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                module = pattern.lookup_str
                if module.startswith(("wagtail", "allauth", "django")):
                    continue
                if any(part in module for part in ADMIN_VIEWS):
                    continue
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def our_page_types() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and not model._meta.app_label.startswith("wagtail")
    }


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


# The data ---------------------------------------------------------------------


def _unprefixed(path: str) -> str:
    return re.sub(r"^/(en|zh-hans)/", "/", path)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class Crawl(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed_help()
        w = world.build()
        cls.w = w
        now = timezone.now()
        # A trainee named in pinyin, and an English-only course at a base
        # with only an English note.
        cls.pinyin = UserFactory(name="Wang Fang")
        base_en = TrainingBaseFactory(name="Sunrise Hub", name_en="Sunrise Hub")
        cls.course_en = course_factories.course(
            course_factories.base_section(base_en, language="en"),
            title="Livestream basics",
            summary="Learn to sell live.",
        )
        cls.lesson_en = course_factories.lesson(cls.course_en, title="Set up")
        cls.session_en = training_factories.session(
            course=cls.course_en,
            base=base_en,
            name="Livestream basics spring",
            starts_on=_days(5),
            ends_on=_days(60),
        )
        # A lesson with every version, and a quiz, on the running session
        # (S4, course B) the trainee c1 is enrolled in.
        cls.lesson = course_factories.lesson(
            w.course_b,
            title="布置直播间",
            versions=("easy_read", "sign_language", "audio_first", "large_print"),
        )
        for version in LessonVersion.objects.filter(page=cls.lesson):
            version.body = [("text", RichText("<p>这一版的内容。</p>"))]
            version.save()
        cls.quiz = quiz_factories.quiz(
            w.course_b,
            questions=[
                *quiz_factories.standard_questions(3),
                quiz_factories.short("问题4：说说你的直播计划。"),
            ],
        )
        trainee = w.trainee
        w.s4.venue = "渝中区解放碑路 8 号"
        w.s4.venue_en = "8 Jiefangbei Road"
        w.s4.name_en = "Short video S4"
        w.s4.save()
        w.s4.instructors.add(w.recorder)
        w.s1.instructors.add(w.recorder)
        Meeting.objects.create(
            session=w.s4,
            day=_days(2),
            starts_at=datetime.time(9),
            ends_at=datetime.time(11),
            room="二楼教室",
            room_en="Room 2",
        )
        s4_enrolment = Enrolment.objects.get(session=w.s4, trainee=trainee)
        lesson_completion_record(
            enrolment=s4_enrolment, lesson=cls.lesson, actor=trainee
        )
        cls.attempt = quiz_services.attempt_start(
            enrolment=s4_enrolment, quiz=cls.quiz, actor=trainee
        )
        # f1 paused an attempt; c1 submitted a second quiz with a written
        # answer waiting for marking.
        f1 = w.people["f1"]
        cls.f1 = f1
        cls.paused_attempt = quiz_services.attempt_pause(
            attempt=quiz_services.attempt_start(
                enrolment=Enrolment.objects.get(session=w.s4, trainee=f1),
                quiz=cls.quiz,
                actor=f1,
            )
        )
        written = quiz_factories.quiz(
            w.course_b,
            title="第二单元测验",
            questions=[quiz_factories.short("说说你的直播计划。")],
        )
        done = quiz_services.attempt_start(
            enrolment=s4_enrolment, quiz=written, actor=trainee
        )
        question = quiz_questions(written)[0]
        quiz_services.answer_save(
            attempt=done, question_id=question.id, text="我想卖重庆火锅底料。"
        )
        cls.done_attempt = quiz_services.attempt_submit(attempt=done, actor=trainee)
        cls.pinyin_enrolment = Enrolment.objects.create(
            trainee=cls.pinyin,
            session=w.s4,
            status=Status.ENROLLED,
            status_changed_at=now,
        )
        # Offers and places waiting for confirmation, for My learning.
        w2 = w.people["w2"]
        Enrolment.objects.filter(trainee=w2, session=w.s1).update(
            status=Status.OFFERED, offer_expires_at=now + datetime.timedelta(days=1)
        )
        cls.certificate = Certificate.objects.filter(enrolment__trainee=trainee).get()
        cls.certificate.code = "ABCDEFGHJKLMNPQRSTUV"
        cls.certificate.save()
        cls.s1_enrolment = cls.certificate.enrolment
        # Messages of every kind.
        data = {
            **notices.session_data(w.s4),
            "enrolment_id": s4_enrolment.pk,
            "position": 2,
            "offer_expires_at": (now + datetime.timedelta(days=1)).isoformat(),
            "changed": ["starts_on", "venue"],
            "reason": "场地维修",
            "attempt_id": cls.attempt.pk,
            "quiz_title": cls.quiz.title,
            "quiz_title_en": "",
            "is_correct": True,
            "all_marked": True,
            "passed": True,
            "code": cls.certificate.code,
            "course_title": cls.certificate.course_title,
            "course_title_en": "Livestream A",
            "months": 3,
            "due_count": 2,
            "due_on": _days(-3).isoformat(),
            "day": _days(2).isoformat(),
            "starts_at": "09:00",
            "ends_at": "11:00",
            "room": "二楼教室",
            "room_en": "Room 2",
        }
        for kind in (
            notices.ENROLLED,
            notices.WAITLISTED,
            notices.OFFERED,
            notices.OFFER_EXPIRING,
            notices.OFFER_EXPIRED,
            notices.SESSION_CHANGED,
            notices.SESSION_CANCELLED,
            notices.MEETING_REMINDER,
            notices.ANSWER_MARKED,
            notices.CERTIFICATE_ISSUED,
            notices.FOLLOWUP_REPORT,
        ):
            notify(trainee, kind, data)
        notify(w.recorder, notices.FOLLOWUP_DUE, {**data, "session_id": w.s1.pk})
        # A reporting period with a bilingual name, closed.
        cls.period = ReportingPeriod.objects.create(
            name="2026 上半年 (2026 H1)", starts_on=_days(-520), ends_on=_days(-1)
        )
        cls.open_period = ReportingPeriod.objects.create(
            name="下半年", starts_on=_days(0), ends_on=_days(180)
        )
        cls.report = BarrierReport.objects.create(
            page_url="/en/learning/", what_happened="看不清按钮"
        )
        Outcome.objects.filter(enrolment=cls.s1_enrolment).update(notes="在电商公司")
        # Careers: an incubated business with a Chinese name founded by c1
        # and a pinyin-named trainee, and a placement the job platform sent.
        TrainingBase.objects.filter(pk=w.base_a.pk).update(incubation=True)
        cls.business = IncubatedBusiness.objects.create(
            name="重庆山城小面铺",
            base=w.base_a,
            registered_on=_days(-200),
            sector=Sector.values[0],
            jobs_created=3,
            jobs_for_disabled=2,
        )
        cls.business.founders.add(trainee, cls.pinyin)
        client = ApiClient.objects.create(
            name="重庆就业平台", token_prefix="abcd", token_hash="x", created_at=now
        )
        cls.placement = Placement.objects.create(
            client=client,
            external_id="P-1",
            user=w.people["c2"],
            employer="重庆电商有限公司",
            job_title="直播助理",
            start_date=_days(-30),
            received_at=now,
        )
        cls.staff_pinyin = StaffRoleFactory(
            role=Role.INSTRUCTOR,
            base=w.base_a,
            user=UserFactory(name="Li Lei"),
        ).user

    # Pages ----------------------------------------------------------------

    def pages(self):
        """(url name or page type, path without language prefix, user)."""
        w = self.w
        trainee, manager, admin = w.trainee, w.manager, w.admin
        s1, s4 = w.s1.pk, w.s4.pk
        attempt = self.attempt.pk
        enrolment = self.s1_enrolment.pk
        help_page = HelpPage.objects.filter(locale__language_code="zh-hans").first()
        return [
            # Wagtail page types (both languages' trees).
            ("HomePage", "/", None),
            ("CourseIndexPage", "course_index", None),
            ("TrainingBasePage", "base_page", None),
            ("CoursePage", "course", None),
            ("CoursePage", "course", trainee),
            ("CoursePage", "course_en", trainee),
            ("LessonPage", "lesson", trainee),
            *[
                ("LessonPage", f"lesson?version={kind}", trainee)
                for kind in ("easy_read", "sign_language", "audio_first")
            ],
            ("LessonPage", "lesson?version=large_print", trainee),
            ("LessonPage", "lesson_en", None),
            ("QuizPage", "quiz", trainee),
            ("HelpIndexPage", "help_index", None),
            ("HelpPage", help_page and "help_page", manager),
            ("AccessibilityStatementPage", "statement", None),
            # Accounts.
            *[(name, _unprefixed(reverse(name)), None) for name in ACCOUNT_PAGES],
            ("profile", "/profile/", trainee),
            ("profile", "/profile/", self.pinyin),
            ("profile_edit", "/profile/details/", trainee),
            ("needs_edit", "/profile/needs/", trainee),
            ("deletion_request", "/profile/delete/", trainee),
            ("display_settings", "/display/", None),
            ("display_settings", "/display/", trainee),
            # Certificates.
            ("certificate_detail", f"/certificates/{self.certificate.code}/", trainee),
            ("certificate_verify", "/verify/", None),
            (
                "certificate_verify_code",
                f"/verify/{self.certificate.code}/",
                None,
            ),
            # Learning.
            ("my_learning", "/learning/", trainee),
            ("my_learning", "/learning/", w.people["w2"]),
            ("my_learning", "/learning/", self.pinyin),
            ("calendar_page", "/learning/calendar/", trainee),
            ("followup_report", f"/follow-ups/{enrolment}/3/", trainee),
            ("quiz_question", f"/attempts/{attempt}/questions/1/", trainee),
            ("quiz_question", f"/attempts/{attempt}/questions/4/", trainee),
            ("quiz_questions", f"/attempts/{attempt}/questions/", trainee),
            ("quiz_review", f"/attempts/{attempt}/review/", trainee),
            (
                "quiz_paused",
                f"/attempts/{self.paused_attempt.pk}/paused/",
                self.f1,
            ),
            ("quiz_results", f"/attempts/{self.done_attempt.pk}/results/", trainee),
            # Messages.
            ("messages", "/messages/", trainee),
            ("messages", "/messages/", w.recorder),
            ("message_settings", "/messages/settings/", trainee),
            # Barriers.
            ("barrier_report", "/report-a-barrier/", None),
            ("barrier_report_sent", "/report-a-barrier/sent/", None),
            # Teaching.
            ("teach:sessions", "/teach/", manager),
            ("teach:sessions", "/teach/", w.recorder),
            ("teach:roster", f"/teach/sessions/{s1}/", manager),
            ("teach:roster", f"/teach/sessions/{s4}/", admin),
            ("teach:enrol", f"/teach/sessions/{s4}/enrol/", admin),
            (
                "teach:outcomes",
                f"/teach/sessions/{s1}/enrolments/{enrolment}/outcomes/",
                manager,
            ),
            ("teach:attendance", f"/teach/sessions/{s4}/attendance/", admin),
            ("teach:import", f"/teach/sessions/{s4}/import/", admin),
            ("teach:audit", f"/teach/sessions/{s4}/audit/", admin),
            (
                "teach:trainee_needs",
                f"/teach/trainees/{w.people['c2'].pk}/needs/",
                manager,
            ),
            ("teach:followups", f"/teach/sessions/{s1}/follow-ups/", manager),
            ("teach:session_create", "/teach/sessions/new/", manager),
            ("teach:session_edit", f"/teach/sessions/{s1}/edit/", manager),
            ("teach:session_cancel", f"/teach/sessions/{s4}/cancel/", admin),
            ("quiz_marking", "/teach/marking/", admin),
            # Careers.
            ("job_profile", "/profile/work/", trainee),
            ("credential_verify", "/verify/credential/", None),
            ("businesses:list", "/teach/businesses/", manager),
            ("businesses:add", "/teach/businesses/add/", manager),
            ("businesses:detail", f"/teach/businesses/{self.business.pk}/", manager),
            (
                "businesses:edit",
                f"/teach/businesses/{self.business.pk}/edit/",
                manager,
            ),
            (
                "businesses:check",
                f"/teach/businesses/{self.business.pk}/checks/6/",
                manager,
            ),
            ("placements:list", "/teach/placements/", manager),
            # Federation.
            ("federation:dashboard", "/federation/", w.auditor),
            ("federation:dashboard", "/federation/", admin),
            ("federation:base", f"/federation/bases/{w.base_a.pk}/", w.auditor),
            ("federation:session", f"/federation/sessions/{s1}/", w.auditor),
            ("federation:reconciliation_index", "/federation/reconciliation/", admin),
            (
                "federation:reconciliation_base",
                f"/federation/reconciliation/bases/{w.base_a.pk}/"
                f"?period={self.period.pk}",
                admin,
            ),
            (
                "federation:period_close",
                f"/federation/reconciliation/periods/{self.open_period.pk}/close/",
                admin,
            ),
            ("federation:audit", "/federation/audit/", admin),
        ]

    def _page_path(self, key: str, language: str) -> str:
        """The path of a Wagtail page of the test data in `language`."""
        from courses.models import CourseIndexPage, TrainingBasePage

        key, _, query = key.partition("?")
        suffix = f"?{query}" if query else ""
        by_key = {
            "course_index": lambda: (
                CourseIndexPage.objects.filter(locale__language_code=language).first()
                or course_factories.catalogue()
            ),
            "base_page": lambda: TrainingBasePage.objects.filter(
                base=self.w.base_b
            ).first(),
            "course": lambda: self.w.course_b,
            "course_en": lambda: self.course_en,
            "lesson": lambda: self.lesson,
            "lesson_en": lambda: self.lesson_en,
            "quiz": lambda: self.quiz,
            "help_index": lambda: HelpIndexPage.objects.get(
                locale__language_code=language
            ),
            "help_page": lambda: HelpPage.objects.filter(
                locale__language_code=language
            ).first(),
            "statement": lambda: AccessibilityStatementPage.objects.get(
                locale__language_code=language
            ),
        }
        page = by_key[key]()
        translated = page.get_translation_or_none(
            Locale.objects.get(language_code=language)
        )
        return (translated or page).url + suffix

    def _get(self, path: str, language: str, user):
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        if path == "/report-a-barrier/sent/":
            session = self.client.session
            session[SENT_SESSION_KEY] = {"reference": "BR-1", "page_url": "/"}
            session.save()
        if not path.startswith("/"):
            url = self._page_path(path, language)
        else:
            url = f"/{language}{path}"
        response = self.client.get(url)
        return url, response

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
