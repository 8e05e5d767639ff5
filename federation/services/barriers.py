"""Barrier reports: anyone may report something on the site that stopped
them; federation admins and the staff of the base concerned are told, and
set a status until it is fixed (or will not be, with a reason).

Contact details: federation admins get the reporter's email and phone (they
reply). Base staff get the report without the contact details, because the
reporter did not choose to give them to a base; they ask a federation admin
when a reply is needed."""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from accounts.models import StaffRole, TrainingBase, User
from core.net import absolute_url
from courses.models import CoursePage, TrainingBasePage
from federation.models import BarrierReport

logger = logging.getLogger(__name__)

Status = BarrierReport.Status
ReplyBy = BarrierReport.ReplyBy

WHAT_HAPPENED_NEEDED = gettext_lazy("Say what went wrong.")
EMAIL_NEEDED = gettext_lazy(
    "Enter your email address, or choose another way for us to reply."
)
PHONE_NEEDED = gettext_lazy(
    "Enter your phone number, or choose another way for us to reply."
)
NOT_A_LOCAL_PAGE = gettext_lazy(
    "Enter the address of a page on this site, starting with /, or leave it empty."
)
WONT_FIX_NEEDS_REASON = gettext_lazy("Say why this will not be fixed.")
STATUS_UNKNOWN = gettext_lazy("Choose a status from the list.")
STATUS_LOG_ACTION = "federation.barrier_report.status"


class BarrierReportError(ValueError):
    pass


def is_local_path(value: str) -> bool:
    """A path on this site ("/en/courses/"), never a URL to another site
    ("//evil.example", "https://…", "/\\evil.example") or a script."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 32 or char == "\\" for char in value):
        return False
    parts = urlsplit(value)
    return (
        not parts.scheme
        and not parts.netloc
        and url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    )


def reference(report: BarrierReport) -> str:
    """What the reporter quotes when they ask about their report."""
    return str(report.pk)


# Which base ------------------------------------------------------------------


def _page_for_path(path: str) -> Page | None:
    """The deepest live page whose address the path starts with, in the
    language of the path's prefix."""
    path = urlsplit(path).path
    language = get_language_from_path(path)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page
    components = [part for part in path.split("/") if part]
    if language and components and components[0] == language:
        components = components[1:]
        locale = Locale.objects.filter(language_code=language).first()
        if locale is not None:
            root = root.get_translation_or_none(locale) or root
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in components[:size])
        for size in range(len(components) + 1)
    ]
    return Page.objects.filter(url_path__in=prefixes).order_by("-depth").first()


def base_for_path(path: str) -> TrainingBase | None:
    """The base of the course the page belongs to: a course page or any page
    below it (lessons, quizzes) gives the base of the course's section."""
    if not is_local_path(path):
        return None
    page = _page_for_path(path)
    if page is None:
        return None
    course = CoursePage.objects.ancestor_of(page, inclusive=True).first()
    if course is None:
        return None
    section = (
        TrainingBasePage.objects.ancestor_of(course).select_related("base").first()
    )
    return section.base if section else None


# Create ----------------------------------------------------------------------


@transaction.atomic
def barrier_report_create(
    *,
    page_url: str,
    what_happened: str,
    reply_by: str = "",
    email: str = "",
    phone: str = "",
    reporter: User | None = None,
) -> BarrierReport:
    """Save the report, find the base it concerns, and (after the commit)
    email the federation admins and that base's instructors and managers."""
    page_url, what_happened = page_url.strip(), what_happened.strip()
    email, phone = email.strip(), phone.strip()
    if not what_happened:
        raise BarrierReportError(WHAT_HAPPENED_NEEDED)
    if page_url and not is_local_path(page_url):
        raise BarrierReportError(NOT_A_LOCAL_PAGE)
    if reply_by == ReplyBy.EMAIL and not email:
        raise BarrierReportError(EMAIL_NEEDED)
    if reply_by in (ReplyBy.PHONE, ReplyBy.SMS) and not phone:
        raise BarrierReportError(PHONE_NEEDED)
    report = BarrierReport(
        page_url=page_url,
        what_happened=what_happened,
        reply_by=reply_by,
        email=email,
        phone=phone,
        reporter=reporter
        if reporter is not None and reporter.is_authenticated
        else None,
        base=base_for_path(page_url) if page_url else None,
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: barrier_report_notify(report=report))
    return report


def federation_admins() -> list[User]:
    return list(
        User.objects.filter(
            Q(is_superuser=True) | Q(staff_roles__role=StaffRole.Role.FEDERATION_ADMIN),
            is_active=True,
        ).distinct()
    )


def base_staff(base: TrainingBase) -> list[User]:
    return list(
        User.objects.filter(
            staff_roles__base=base,
            staff_roles__role__in=StaffRole.BASE_ROLES,
            is_active=True,
        ).distinct()
    )


def _manage_url(report: BarrierReport) -> str:
    try:
        path = reverse("barrier_reports:edit", args=[report.pk])
    except NoReverseMatch:
        return ""
    return absolute_url(path, admin=True)


def _message(report: BarrierReport, *, with_contact: bool) -> tuple[str, str]:
    summary = re.sub(r"\s+", " ", report.what_happened)[:60]
    subject = _("Barrier report %(ref)s: %(summary)s") % {
        "ref": reference(report),
        "summary": summary,
    }
    lines = [
        _("Someone reported a barrier on the site."),
        "",
        _("Reference: %(ref)s") % {"ref": reference(report)},
        _("Page: %(page)s") % {"page": report.page_url or "—"},
        _("Training base: %(base)s")
        % {"base": report.base.display_name if report.base else "—"},
        "",
        _("What went wrong:"),
        report.what_happened,
        "",
    ]
    if with_contact:
        lines += [
            _("How to reply: %(how)s") % {"how": report.get_reply_by_display()},
            _("Email: %(email)s") % {"email": report.email or "—"},
            _("Phone: %(phone)s") % {"phone": report.phone or "—"},
        ]
    elif report.reply_by:
        lines.append(
            _(
                "The person asked for a reply. Their contact details are with "
                "the federation admins, who will reply or pass on your answer."
            )
        )
    else:
        lines.append(_("The person did not ask for a reply."))
    manage = _manage_url(report)
    if manage:
        lines += ["", _("Set its status here: %(url)s") % {"url": manage}]
    return subject, "\n".join(lines)


def barrier_report_notify(*, report: BarrierReport) -> int:
    """One email to each federation admin (with the contact details) and to
    each instructor and manager of the report's base (without them), in
    their preferred language. Returns the number sent. A failing mail server
    is logged and never loses the report."""
    admins = {user.pk: user for user in federation_admins()}
    staff = {
        user.pk: user
        for user in (base_staff(report.base) if report.base_id else [])
        if user.pk not in admins
    }
    sent = 0
    for users, with_contact in ((admins, True), (staff, False)):
        for user in users.values():
            if not user.email:
                continue
            with translation.override(user.preferred_language or None):
                subject, body = _message(report, with_contact=with_contact)
            try:
                sent += send_mail(
                    subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]
                )
            except Exception:  # the report is saved already
                logger.exception("Could not email barrier report %s", report.pk)
    return sent


# Status ----------------------------------------------------------------------


@transaction.atomic
def barrier_report_status_set(
    *, report: BarrierReport, status: str, resolution: str, actor: User
) -> BarrierReport:
    """Set the status and what was done. "Won't fix" needs a reason. Each
    change is kept in the report's history in the Wagtail admin (old → new,
    who, when); `status_changed_at` moves only when the status changes."""
    if status not in Status.values:
        raise BarrierReportError(STATUS_UNKNOWN)
    resolution = resolution.strip()
    if status == Status.WONT_FIX and not resolution:
        raise BarrierReportError(WONT_FIX_NEEDS_REASON)
    current = BarrierReport.objects.select_for_update().get(pk=report.pk)
    old_status, old_resolution = current.status, current.resolution
    if (old_status, old_resolution) == (status, resolution):
        return current
    current.status = status
    current.resolution = resolution
    if status != old_status:
        current.status_changed_at = timezone.now()
    current.full_clean()
    current.save()
    log(
        instance=current,
        action=STATUS_LOG_ACTION,
        user=actor,
        data={
            "status": [old_status, status],
            "resolution": [old_resolution, resolution],
        },
    )
    return current
