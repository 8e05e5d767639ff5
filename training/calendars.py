"""Meetings as iCalendar (RFC 5545), built with the `icalendar` library.

Used for a session's download and a trainee's subscription feed. Times are
local to the sessions (settings.TIME_ZONE, Asia/Shanghai) and written with
their TZID and a VTIMEZONE, so calendar apps anywhere show the right hour.
Words come out in the active language (call inside translation.override)."""

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from training.models import Meeting, TrainingSession

PRODID = "-//Accessible vocational training LMS//Calendar of meetings//EN"
# Calendar apps that honour it check a subscription about once an hour.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def meeting_room(meeting: Meeting) -> str:
    return meeting.display_room


def session_venue(session: TrainingSession) -> str:
    """Where the session meets: its own venue, or the base and its address."""
    if session.display_venue:
        return session.display_venue
    return f"{session.base.display_name}, {session.base.display_address}"


def meeting_location(meeting: Meeting) -> str:
    """The room and the venue; an online-only meeting (no room, an online
    session) is where its link goes."""
    room = meeting_room(meeting)
    session = meeting.session
    if not room and meeting.online_link and session.delivery_mode == "online":
        return meeting.online_link
    return ", ".join(part for part in (room, session_venue(session)) if part)


def is_cancelled(session: TrainingSession) -> bool:
    return (
        session.status == TrainingSession.Status.CANCELLED
        or session.cancelled_at is not None
    )


def meeting_start(meeting: Meeting) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(meeting.day, meeting.starts_at, tzinfo=zone)


def meeting_end(meeting: Meeting) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(meeting.day, meeting.ends_at, tzinfo=zone)


def meeting_uid(meeting: Meeting, domain: str) -> str:
    """Stable for the meeting's life, so a changed time updates the event
    instead of adding another."""
    return f"meeting-{meeting.pk}@{domain}"


def _description(meeting: Meeting) -> str:
    session = meeting.session
    lines = [session.display_name, session.base.display_name]
    if is_cancelled(session):
        lines.insert(0, _("This session is cancelled."))
        if session.cancel_reason:
            lines.insert(1, session.cancel_reason)
    support = session.support_offered
    if support:
        lines.append(
            _("Support offered: %(support)s") % {"support": _(", ").join(support)}
        )
    if meeting.online_link:
        lines.append(_("Join online: %(link)s") % {"link": meeting.online_link})
    return "\n".join(lines)


def _event(meeting: Meeting, *, domain: str, stamp: datetime.datetime):
    session = meeting.session
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting, domain))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting_start(meeting))
    event.add("dtend", meeting_end(meeting))
    event.add("summary", session.display_name)
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    if meeting.online_link:
        event.add("url", meeting.online_link)
    event.add("description", _description(meeting))
    event.add("status", "CANCELLED" if is_cancelled(session) else "CONFIRMED")
    return event


def meetings_calendar(meetings: Iterable[Meeting], *, name: str, domain: str) -> bytes:
    """A VCALENDAR with one VEVENT per meeting and the VTIMEZONE they use.
    `meetings` come with their session and base (the selectors do that)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(datetime.UTC)
    for meeting in meetings:
        calendar.add_component(_event(meeting, domain=domain, stamp=stamp))
    # A VTIMEZONE for Asia/Shanghai even when there is no event yet: apps
    # then show an empty calendar rather than refusing the file.
    calendar.add_missing_timezones()
    if not calendar.timezones:
        calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    return calendar.to_ical()
