"""The mixed world and the list of pages shared by the crawls of every page
(tests/test_language_of_parts.py, tests/test_query_budget.py).

`build()` makes the data: Chinese names and titles (the factories' default),
an English-only course, a trainee named in pinyin, a session and a reporting
period with a bilingual name, a lesson with every version, quizzes and
attempts, messages of every kind, careers and federation records.
`pages(world)` lists every page as (url name or page type, path without the
language prefix or a page key, user); every other named URL of ours is in
EXCLUDED with a reason."""

import datetime
import re
from types import SimpleNamespace

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from accounts.models import StaffRole, TrainingBase
from careers.models import ApiClient, IncubatedBusiness, Placement, Sector
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
from tests.federation import world as federation_world
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


def _unprefixed(path: str) -> str:
    return re.sub(r"^/(en|zh-hans)/", "/", path)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def build() -> SimpleNamespace:
    """The mixed world (needs the database; run once per test class or
    module)."""
    world = SimpleNamespace()
    seed_help()
    w = federation_world.build()
    world.w = w
    now = timezone.now()
    # A trainee named in pinyin, and an English-only course at a base
    # with only an English note.
    world.pinyin = UserFactory(name="Wang Fang")
    base_en = TrainingBaseFactory(name="Sunrise Hub", name_en="Sunrise Hub")
    world.course_en = course_factories.course(
        course_factories.base_section(base_en, language="en"),
        title="Livestream basics",
        summary="Learn to sell live.",
    )
    world.lesson_en = course_factories.lesson(world.course_en, title="Set up")
    world.session_en = training_factories.session(
        course=world.course_en,
        base=base_en,
        name="Livestream basics spring",
        starts_on=_days(5),
        ends_on=_days(60),
    )
    # A lesson with every version, and a quiz, on the running session
    # (S4, course B) the trainee c1 is enrolled in.
    world.lesson = course_factories.lesson(
        w.course_b,
        title="布置直播间",
        versions=("easy_read", "sign_language", "audio_first", "large_print"),
    )
    for version in LessonVersion.objects.filter(page=world.lesson):
        version.body = [("text", RichText("<p>这一版的内容。</p>"))]
        version.save()
    world.quiz = quiz_factories.quiz(
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
    lesson_completion_record(enrolment=s4_enrolment, lesson=world.lesson, actor=trainee)
    world.attempt = quiz_services.attempt_start(
        enrolment=s4_enrolment, quiz=world.quiz, actor=trainee
    )
    # f1 paused an attempt; c1 submitted a second quiz with a written
    # answer waiting for marking.
    f1 = w.people["f1"]
    world.f1 = f1
    world.paused_attempt = quiz_services.attempt_pause(
        attempt=quiz_services.attempt_start(
            enrolment=Enrolment.objects.get(session=w.s4, trainee=f1),
            quiz=world.quiz,
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
    world.done_attempt = quiz_services.attempt_submit(attempt=done, actor=trainee)
    world.pinyin_enrolment = Enrolment.objects.create(
        trainee=world.pinyin,
        session=w.s4,
        status=Status.ENROLLED,
        status_changed_at=now,
    )
    # Offers and places waiting for confirmation, for My learning.
    w2 = w.people["w2"]
    Enrolment.objects.filter(trainee=w2, session=w.s1).update(
        status=Status.OFFERED, offer_expires_at=now + datetime.timedelta(days=1)
    )
    world.certificate = Certificate.objects.filter(enrolment__trainee=trainee).get()
    world.certificate.code = "ABCDEFGHJKLMNPQRSTUV"
    world.certificate.save()
    world.s1_enrolment = world.certificate.enrolment
    # Messages of every kind.
    data = {
        **notices.session_data(w.s4),
        "enrolment_id": s4_enrolment.pk,
        "position": 2,
        "offer_expires_at": (now + datetime.timedelta(days=1)).isoformat(),
        "changed": ["starts_on", "venue"],
        "reason": "场地维修",
        "attempt_id": world.attempt.pk,
        "quiz_title": world.quiz.title,
        "quiz_title_en": "",
        "is_correct": True,
        "all_marked": True,
        "passed": True,
        "code": world.certificate.code,
        "course_title": world.certificate.course_title,
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
    world.period = ReportingPeriod.objects.create(
        name="2026 上半年 (2026 H1)", starts_on=_days(-520), ends_on=_days(-1)
    )
    world.open_period = ReportingPeriod.objects.create(
        name="下半年", starts_on=_days(0), ends_on=_days(180)
    )
    world.report = BarrierReport.objects.create(
        page_url="/en/learning/", what_happened="看不清按钮"
    )
    Outcome.objects.filter(enrolment=world.s1_enrolment).update(notes="在电商公司")
    # Careers: an incubated business with a Chinese name founded by c1
    # and a pinyin-named trainee, and a placement the job platform sent.
    TrainingBase.objects.filter(pk=w.base_a.pk).update(incubation=True)
    world.business = IncubatedBusiness.objects.create(
        name="重庆山城小面铺",
        base=w.base_a,
        registered_on=_days(-200),
        sector=Sector.values[0],
        jobs_created=3,
        jobs_for_disabled=2,
    )
    world.business.founders.add(trainee, world.pinyin)
    client = ApiClient.objects.create(
        name="重庆就业平台", token_prefix="abcd", token_hash="x", created_at=now
    )
    world.placement = Placement.objects.create(
        client=client,
        external_id="P-1",
        user=w.people["c2"],
        employer="重庆电商有限公司",
        job_title="直播助理",
        start_date=_days(-30),
        received_at=now,
    )
    world.staff_pinyin = StaffRoleFactory(
        role=Role.INSTRUCTOR,
        base=w.base_a,
        user=UserFactory(name="Li Lei"),
    ).user
    return world


def pages(world):
    """(url name or page type, path without language prefix, user)."""
    w = world.w
    trainee, manager, admin = w.trainee, w.manager, w.admin
    s1, s4 = w.s1.pk, w.s4.pk
    attempt = world.attempt.pk
    enrolment = world.s1_enrolment.pk
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
        ("profile", "/profile/", world.pinyin),
        ("profile_edit", "/profile/details/", trainee),
        ("needs_edit", "/profile/needs/", trainee),
        ("deletion_request", "/profile/delete/", trainee),
        ("display_settings", "/display/", None),
        ("display_settings", "/display/", trainee),
        # Certificates.
        ("certificate_detail", f"/certificates/{world.certificate.code}/", trainee),
        ("certificate_verify", "/verify/", None),
        (
            "certificate_verify_code",
            f"/verify/{world.certificate.code}/",
            None,
        ),
        # Learning.
        ("my_learning", "/learning/", trainee),
        ("my_learning", "/learning/", w.people["w2"]),
        ("my_learning", "/learning/", world.pinyin),
        ("calendar_page", "/learning/calendar/", trainee),
        ("followup_report", f"/follow-ups/{enrolment}/3/", trainee),
        ("quiz_question", f"/attempts/{attempt}/questions/1/", trainee),
        ("quiz_question", f"/attempts/{attempt}/questions/4/", trainee),
        ("quiz_questions", f"/attempts/{attempt}/questions/", trainee),
        ("quiz_review", f"/attempts/{attempt}/review/", trainee),
        (
            "quiz_paused",
            f"/attempts/{world.paused_attempt.pk}/paused/",
            world.f1,
        ),
        ("quiz_results", f"/attempts/{world.done_attempt.pk}/results/", trainee),
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
        ("businesses:detail", f"/teach/businesses/{world.business.pk}/", manager),
        (
            "businesses:edit",
            f"/teach/businesses/{world.business.pk}/edit/",
            manager,
        ),
        (
            "businesses:check",
            f"/teach/businesses/{world.business.pk}/checks/6/",
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
            f"/federation/reconciliation/bases/{w.base_a.pk}/?period={world.period.pk}",
            admin,
        ),
        (
            "federation:period_close",
            f"/federation/reconciliation/periods/{world.open_period.pk}/close/",
            admin,
        ),
        ("federation:audit", "/federation/audit/", admin),
    ]


def page_path(world, key: str, language: str) -> str:
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
            base=world.w.base_b
        ).first(),
        "course": lambda: world.w.course_b,
        "course_en": lambda: world.course_en,
        "lesson": lambda: world.lesson,
        "lesson_en": lambda: world.lesson_en,
        "quiz": lambda: world.quiz,
        "help_index": lambda: HelpIndexPage.objects.get(locale__language_code=language),
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


def prepare(client, world, path: str, language: str, user) -> str:
    """Sign `user` in (or out) and return the URL of `path` in `language`."""
    client.logout()
    if user is not None:
        client.force_login(user)
    if path == "/report-a-barrier/sent/":
        session = client.session
        session[SENT_SESSION_KEY] = {"reference": "BR-1", "page_url": "/"}
        session.save()
    if not path.startswith("/"):
        return page_path(world, path, language)
    return f"/{language}{path}"


def fetch(client, world, path: str, language: str, user):
    url = prepare(client, world, path, language, user)
    return url, client.get(url)
