"""What trainees and staff are told about their training: the notification
kinds training registers (worded in training/templates/notifications/), the
receivers that turn training's signals into notifications, and the time-based
notices `manage.py send_scheduled_notices` sends.

`data` holds what the words need, captured when the event happens (names in
both languages as `<key>`/`<key>_en`, dates as ISO text), so that showing a
page of messages reads no other table. Every notice has a dedupe key, so that
a signal or a scheduled run repeated tells nobody twice."""

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.dates import add_months
from notifications import kinds
from notifications.services import deliveries_retry, notify
from training.models import (
    Certificate,
    Enrolment,
    Meeting,
    Outcome,
    QuizAnswer,
    TrainingSession,
)
from training.signals import (
    answer_marked,
    certificate_issued,
    enrolment_status_changed,
    session_cancelled,
    session_changed,
)

logger = logging.getLogger(__name__)

Status = Enrolment.Status

ENROLLED = "training.enrolled"
WAITLISTED = "training.waitlisted"
OFFERED = "training.offered"
OFFER_EXPIRING = "training.offer_expiring"
OFFER_EXPIRED = "training.offer_expired"
SESSION_CHANGED = "training.session_changed"
SESSION_CANCELLED = "training.session_cancelled"
MEETING_REMINDER = "training.meeting_reminder"
ANSWER_MARKED = "training.answer_marked"
CERTIFICATE_ISSUED = "training.certificate_issued"
FOLLOWUP_DUE = "training.followup_due"
FOLLOWUP_REPORT = "training.followup_report"

FOLLOW_UP_MONTHS = (3, 6, 12)
# A follow-up that fell due longer ago than this is not announced: the first
# run of the command on an old database does not flood anyone.
FOLLOW_UP_WINDOW = datetime.timedelta(days=30)
# Offers lapsing within this time get a reminder.
OFFER_WARNING = datetime.timedelta(hours=24)


# Links ------------------------------------------------------------------


def _my_learning(data: dict) -> str:
    return reverse("my_learning")


def _certificate(data: dict) -> str:
    try:
        return reverse("certificate_detail", args=[data["code"]])
    except (KeyError, NoReverseMatch):
        return reverse("my_learning")


def _followups(data: dict) -> str:
    """The session's follow-up page, once it exists; the teaching home until."""
    try:
        return reverse("teach:followups", args=[data["session_id"]])
    except NoReverseMatch:
        return reverse("teach:sessions")


def _followup_report(data: dict) -> str:
    """The trainee's own report form, once it exists; My learning until."""
    try:
        return reverse("followup_report", args=[data["enrolment_id"], data["months"]])
    except NoReverseMatch:
        return reverse("my_learning")


def register_kinds() -> None:
    for key, label, url in [
        (ENROLLED, _("Place confirmed"), _my_learning),
        (WAITLISTED, _("On the waiting list"), _my_learning),
        (OFFERED, _("Place offered"), _my_learning),
        (OFFER_EXPIRING, _("Offer about to lapse"), _my_learning),
        (OFFER_EXPIRED, _("Offer lapsed"), _my_learning),
        (SESSION_CHANGED, _("Session changed"), _my_learning),
        (SESSION_CANCELLED, _("Session cancelled"), _my_learning),
        (MEETING_REMINDER, _("Meeting tomorrow"), _my_learning),
        (ANSWER_MARKED, _("Written answer marked"), _my_learning),
        (CERTIFICATE_ISSUED, _("Course completed"), _certificate),
        (FOLLOWUP_DUE, _("Follow-up due"), _followups),
        (FOLLOWUP_REPORT, _("Tell us how you are doing"), _followup_report),
    ]:
        kinds.register(
            key,
            label=label,
            template_prefix=f"notifications/{key.removeprefix('training.')}",
            url=url,
        )


# Data -------------------------------------------------------------------


def session_data(session: TrainingSession) -> dict:
    return {
        "session_id": session.pk,
        "session_name": session.name,
        "session_name_en": session.name_en,
        "starts_on": session.starts_on.isoformat(),
        "ends_on": session.ends_on.isoformat(),
    }


def _enrolment(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_related("session", "trainee").get(pk=enrolment.pk)


def waitlist_position(enrolment: Enrolment) -> int:
    """1 for whoever has waited longest (the order waitlist_offer_next uses)."""
    earlier = Q(created_at__lt=enrolment.created_at) | Q(
        created_at=enrolment.created_at, pk__lt=enrolment.pk
    )
    ahead = Enrolment.objects.filter(
        earlier, session_id=enrolment.session_id, status=Status.WAITLISTED
    ).count()
    return ahead + 1


def _offer_data(enrolment: Enrolment) -> dict:
    return {
        **session_data(enrolment.session),
        "enrolment_id": enrolment.pk,
        "offer_expires_at": (
            enrolment.offer_expires_at.isoformat()
            if enrolment.offer_expires_at
            else None
        ),
    }


# Receivers --------------------------------------------------------------


def on_enrolment_status_changed(sender, *, enrolment, old_status, new_status, **kw):
    enrolment = _enrolment(enrolment)
    if enrolment.status != new_status:
        return  # changed again since; that change tells its own news
    data = {**session_data(enrolment.session), "enrolment_id": enrolment.pk}
    key = f"enrolment:{enrolment.pk}:{new_status}"
    if new_status == Status.ENROLLED:
        notify(enrolment.trainee, ENROLLED, data, dedupe_key=key)
    elif new_status == Status.WAITLISTED:
        data["position"] = waitlist_position(enrolment)
        notify(enrolment.trainee, WAITLISTED, data, dedupe_key=key)
    elif new_status == Status.OFFERED:
        data = _offer_data(enrolment)
        notify(
            enrolment.trainee,
            OFFERED,
            data,
            dedupe_key=f"{key}:{data['offer_expires_at']}",
        )


def _active_trainees(session: TrainingSession):
    return (
        Enrolment.objects.filter(session=session, status__in=Enrolment.ACTIVE)
        .select_related("trainee")
        .order_by("pk")
    )


def on_session_changed(sender, *, session, changes=None, **kw):
    session = TrainingSession.objects.get(pk=session.pk)
    stamp = timezone.now().isoformat()
    data = {**session_data(session), "changed": sorted(changes or {})}
    for enrolment in _active_trainees(session):
        notify(
            enrolment.trainee,
            SESSION_CHANGED,
            {**data, "enrolment_id": enrolment.pk},
            dedupe_key=f"session:{session.pk}:changed:{stamp}",
        )


def on_session_cancelled(sender, *, session, reason="", recipients=None, **kw):
    """To everyone with a place; `recipients` (trainee ids, taken when the
    session was cancelled) when the sender gives them."""
    session = TrainingSession.objects.get(pk=session.pk)
    data = {**session_data(session), "reason": reason or session.cancel_reason}
    enrolments = _active_trainees(session)
    if recipients is not None:
        enrolments = (
            Enrolment.objects.filter(session=session, trainee_id__in=recipients)
            .select_related("trainee")
            .order_by("pk")
        )
    for enrolment in enrolments:
        notify(
            enrolment.trainee,
            SESSION_CANCELLED,
            {**data, "enrolment_id": enrolment.pk},
            dedupe_key=f"session:{session.pk}:cancelled",
        )


def _english_title(page) -> str:
    locale = Locale.objects.filter(language_code="en").first()
    english = page.get_translation_or_none(locale) if locale else None
    return english.title if english else ""


def on_answer_marked(sender, *, answer, **kw):
    answer = QuizAnswer.objects.select_related(
        "attempt__quiz", "attempt__enrolment__session", "attempt__enrolment__trainee"
    ).get(pk=answer.pk)
    attempt = answer.attempt
    enrolment = attempt.enrolment
    notify(
        enrolment.trainee,
        ANSWER_MARKED,
        {
            **session_data(enrolment.session),
            "enrolment_id": enrolment.pk,
            "attempt_id": attempt.pk,
            "quiz_title": attempt.quiz.title,
            "quiz_title_en": _english_title(attempt.quiz),
            "is_correct": answer.is_correct,
            "all_marked": not attempt.needs_marking,
            "passed": attempt.passed,
        },
        dedupe_key=f"answer:{answer.pk}:marked",
    )


def on_certificate_issued(sender, *, certificate, enrolment, **kw):
    certificate = Certificate.objects.select_related(
        "enrolment__trainee", "enrolment__session"
    ).get(pk=certificate.pk)
    enrolment = certificate.enrolment
    notify(
        enrolment.trainee,
        CERTIFICATE_ISSUED,
        {
            **session_data(enrolment.session),
            "enrolment_id": enrolment.pk,
            "code": certificate.code,
            "course_title": certificate.course_title,
            "course_title_en": certificate.course_title_en,
        },
        dedupe_key=f"certificate:{certificate.pk}",
    )


def register_personal_data() -> None:
    """The person's messages and channel choice in their data download, and
    erased by anonymisation (notifications cannot import accounts, which sits
    above it; training may import both)."""
    from accounts.personal_data import PersonalDataProvider, register
    from notifications import personal_data
    from notifications.models import Notification, NotificationSettings

    register(
        PersonalDataProvider(
            key="notifications.messages",
            model=Notification,
            person_fields=("recipient",),
            title=_("Messages"),
            records=personal_data.messages,
            anonymise=personal_data.messages_anonymise,
        )
    )
    register(
        PersonalDataProvider(
            key="notifications.settings",
            model=NotificationSettings,
            person_fields=("user",),
            title=_("How we tell you"),
            records=personal_data.settings_records,
            anonymise=personal_data.settings_anonymise,
        )
    )


def connect() -> None:
    for signal, receiver in [
        (enrolment_status_changed, on_enrolment_status_changed),
        (session_changed, on_session_changed),
        (session_cancelled, on_session_cancelled),
        (answer_marked, on_answer_marked),
        (certificate_issued, on_certificate_issued),
    ]:
        signal.connect(receiver, dispatch_uid=f"training.notices.{receiver.__name__}")


# Time-based notices (manage.py send_scheduled_notices) -------------------


def offers_expiring_notify(*, now: datetime.datetime) -> int:
    """A reminder for each offer that lapses within the next 24 hours."""
    sent = 0
    offers = Enrolment.objects.filter(
        status=Status.OFFERED,
        offer_expires_at__gt=now,
        offer_expires_at__lte=now + OFFER_WARNING,
    ).select_related("session", "trainee")
    for enrolment in offers:
        data = _offer_data(enrolment)
        notify(
            enrolment.trainee,
            OFFER_EXPIRING,
            data,
            dedupe_key=f"enrolment:{enrolment.pk}:offer_expiring:"
            f"{data['offer_expires_at']}",
        )
        sent += 1
    return sent


def offers_expire(*, now: datetime.datetime) -> int:
    """Withdraw each offer past its deadline, tell the trainee, and offer the
    seat to the next on the waiting list (enrolment_withdraw does, and the
    next person is told through the status signal)."""
    from training.services.enrolment import EnrolmentError, enrolment_withdraw

    expired = 0
    lapsed = Enrolment.objects.filter(
        status=Status.OFFERED, offer_expires_at__lte=now
    ).select_related("session", "trainee")
    for enrolment in lapsed:
        data = _offer_data(enrolment)
        try:
            with transaction.atomic():
                enrolment_withdraw(enrolment=enrolment, actor=None)
                notify(
                    enrolment.trainee,
                    OFFER_EXPIRED,
                    data,
                    dedupe_key=f"enrolment:{enrolment.pk}:offer_expired",
                )
        except EnrolmentError as error:
            logger.warning("offer %s not expired: %s", enrolment.pk, error)
            continue
        expired += 1
    return expired


def meeting_reminders_notify(*, today: datetime.date) -> int:
    """Tomorrow's meetings, to everyone with a confirmed place."""
    tomorrow = today + datetime.timedelta(days=1)
    meetings = (
        Meeting.objects.filter(day=tomorrow)
        .exclude(session__status=TrainingSession.Status.CANCELLED)
        .select_related("session")
    )
    sent = 0
    for meeting in meetings:
        data = {
            **session_data(meeting.session),
            "meeting_id": meeting.pk,
            "meeting_on": meeting.day.isoformat(),
            "meeting_starts": meeting.starts_at.strftime("%H:%M"),
            "meeting_ends": meeting.ends_at.strftime("%H:%M"),
            "room": meeting.room,
            "room_en": meeting.room_en,
            "online_link": meeting.online_link,
        }
        enrolments = meeting.session.enrolments.filter(
            status=Status.ENROLLED
        ).select_related("trainee")
        for enrolment in enrolments:
            notify(
                enrolment.trainee,
                MEETING_REMINDER,
                {**data, "enrolment_id": enrolment.pk},
                dedupe_key=f"meeting:{meeting.pk}:reminder:{meeting.day.isoformat()}",
            )
            sent += 1
    return sent


def followups_due_notify(*, today: datetime.date) -> int:
    """For each session whose 3-, 6- or 12-month follow-up fell due in the
    last 30 days: each trainee without an outcome for it is asked to report
    their status, and the session's instructors are told who is due."""
    sent = 0
    took_part = (Status.ENROLLED, Status.COMPLETED, Status.NOT_COMPLETED)
    earliest = today - FOLLOW_UP_WINDOW
    for months in FOLLOW_UP_MONTHS:
        # ends_on + months in [earliest, today] <=> ends_on in this range,
        # give or take month ends: checked exactly below.
        sessions = (
            TrainingSession.objects.exclude(status=TrainingSession.Status.CANCELLED)
            .filter(
                ends_on__gte=add_months(earliest, -months) - datetime.timedelta(days=3),
                ends_on__lte=add_months(today, -months) + datetime.timedelta(days=3),
            )
            .prefetch_related("instructors")
        )
        for session in sessions:
            due_on = add_months(session.ends_on, months)
            if not earliest <= due_on <= today:
                continue
            outcome = Outcome.objects.filter(enrolment=OuterRef("pk"), follow_up=months)
            due = (
                session.enrolments.filter(status__in=took_part)
                .exclude(Exists(outcome))
                .select_related("trainee")
            )
            data = {
                **session_data(session),
                "months": months,
                "due_on": due_on.isoformat(),
            }
            count = 0
            for enrolment in due:
                count += 1
                notify(
                    enrolment.trainee,
                    FOLLOWUP_REPORT,
                    {**data, "enrolment_id": enrolment.pk},
                    dedupe_key=f"enrolment:{enrolment.pk}:followup:{months}",
                )
                sent += 1
            if not count:
                continue
            for instructor in session.instructors.all():
                notify(
                    instructor,
                    FOLLOWUP_DUE,
                    {**data, "due_count": count},
                    dedupe_key=f"session:{session.pk}:followup:{months}",
                )
                sent += 1
    return sent


def scheduled_notices_send(*, now: datetime.datetime | None = None) -> dict:
    """Everything time-based, safe to run twice: the dedupe keys make a
    repeated run tell nobody again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "offers_expiring": offers_expiring_notify(now=now),
        "offers_expired": offers_expire(now=now),
        "meeting_reminders": meeting_reminders_notify(today=today),
        "followups_due": followups_due_notify(today=today),
        "deliveries_retried": deliveries_retry(now=now),
    }
