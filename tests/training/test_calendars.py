"""Calendars of meetings (RFC 5545), read back with the icalendar library:
a session's download and each trainee's subscription feed."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from accounts import services
from accounts.selectors import personal_data_export
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.models import CalendarFeed, Enrolment, Meeting, TrainingSession
from training.services.calendars import calendar_feed_create, calendar_feed_reset
from training.views.calendars import FEED_CREATED, FEED_RESET

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Status = Enrolment.Status


def _meeting(session, days: int = 1, **fields) -> Meeting:
    return Meeting.objects.create(
        session=session,
        day=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=fields.pop("starts_at", datetime.time(9, 30)),
        ends_at=fields.pop("ends_at", datetime.time(11, 0)),
        **fields,
    )


def _place(trainee, session, status=Status.ENROLLED) -> Enrolment:
    return Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=status,
        status_changed_at=timezone.now(),
    )


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def session(site_pages):
    session = training_factories.session(
        name="电商直播 秋季班",
        name_en="Live selling, autumn",
        support_sign_language=True,
        support_captioner=True,
    )
    _meeting(session, 1, room="203 教室", room_en="Room 203")
    _meeting(
        session,
        8,
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(16, 30),
        online_link="https://meet.example.org/abc",
    )
    return session


def test_session_download_has_one_event_per_meeting_in_shanghai_time(client, session):
    response = client.get(f"/en/sessions/{session.pk}/calendar.ics")
    calendar = _parse(response)
    assert 'filename="session-' in response["Content-Disposition"]
    events = calendar.events
    assert len(events) == 2
    first, second = events
    meetings = list(session.meetings.order_by("day"))
    assert first.start == datetime.datetime.combine(
        meetings[0].day, datetime.time(9, 30), tzinfo=SHANGHAI
    )
    assert first.end.hour == 11 and first.start.tzinfo.key == "Asia/Shanghai"
    assert first["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    # The site's host (SITE_URL), not the host the request came in on.
    assert str(first["UID"]) == f"meeting-{meetings[0].pk}@lms.test"
    assert first["DTSTAMP"]
    assert str(first["SUMMARY"]) == "Live selling, autumn"
    assert str(first["LOCATION"]).startswith("Room 203, ")
    assert session.base.address in str(first["LOCATION"])
    assert str(first["STATUS"]) == "CONFIRMED"
    description = str(first["DESCRIPTION"])
    assert "sign-language interpreter" in description
    assert "live captioner" in description
    assert str(second["URL"]) == "https://meet.example.org/abc"
    assert second.start.hour == 14 and second.end.minute == 30


def test_session_download_speaks_the_request_language(client, session):
    calendar = _parse(client.get(f"/zh-hans/sessions/{session.pk}/calendar.ics"))
    first = calendar.events[0]
    assert str(first["SUMMARY"]) == "电商直播 秋季班"
    assert str(first["LOCATION"]).startswith("203 教室, ")


def test_uids_are_stable_across_downloads_and_feeds(client, session):
    trainee = UserFactory()
    _place(trainee, session)
    feed = calendar_feed_create(user=trainee)
    download = _parse(client.get(f"/en/sessions/{session.pk}/calendar.ics"))
    again = _parse(client.get(f"/zh-hans/sessions/{session.pk}/calendar.ics"))
    subscribed = _parse(client.get(f"/calendar/{feed.token}.ics"))
    uids = [str(e["UID"]) for e in download.events]
    assert uids == [str(e["UID"]) for e in again.events]
    assert uids == [str(e["UID"]) for e in subscribed.events]


def test_a_cancelled_session_s_meetings_are_cancelled_events(client, session):
    session.status = TrainingSession.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.cancel_reason = "The trainer is ill."
    session.save()
    calendar = _parse(client.get(f"/en/sessions/{session.pk}/calendar.ics"))
    assert {str(e["STATUS"]) for e in calendar.events} == {"CANCELLED"}
    assert "The trainer is ill." in str(calendar.events[0]["DESCRIPTION"])


def test_session_download_needs_a_visible_course_page(client, session):
    assert client.get("/en/sessions/999999/calendar.ics").status_code == 404
    course = session.course
    course.unpublish()
    assert client.get(f"/en/sessions/{session.pk}/calendar.ics").status_code == 404


def test_session_download_follows_the_course_page_s_privacy(client, session):
    PageViewRestriction.objects.create(
        page=session.course, restriction_type=PageViewRestriction.LOGIN
    )
    url = f"/en/sessions/{session.pk}/calendar.ics"
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert len(_parse(client.get(url)).events) == 2


def test_a_session_without_meetings_is_an_empty_valid_calendar(client, site_pages):
    empty = training_factories.session()
    calendar = _parse(client.get(f"/en/sessions/{empty.pk}/calendar.ics"))
    assert calendar.events == []
    assert calendar.walk("VTIMEZONE")


# The personal feed ---------------------------------------------------------


@pytest.fixture
def trainee(session):
    person = UserFactory(preferred_language="en")
    _place(person, session)
    return person


def test_feed_needs_no_sign_in_and_lists_only_my_places(client, session, trainee):
    other_session = training_factories.session(name="别人的班")
    _meeting(other_session, 3)
    _place(UserFactory(), other_session)
    waiting = training_factories.session(name="候补的班")
    _meeting(waiting, 4)
    _place(trainee, waiting, Status.WAITLISTED)
    left = training_factories.session(name="退出的班")
    _meeting(left, 5)
    _place(trainee, left, Status.WITHDRAWN)
    offered = training_factories.session(name="留位的班", name_en="Offered one")
    _meeting(offered, 6)
    _place(trainee, offered, Status.OFFERED)
    feed = calendar_feed_create(user=trainee)

    response = client.get(f"/calendar/{feed.token}.ics")
    calendar = _parse(response)
    assert response["Cache-Control"].startswith("private")
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.events)
    # Preferred language English: the English names where they exist.
    assert summaries == ["Live selling, autumn", "Live selling, autumn", "Offered one"]


def test_feed_keeps_a_completed_place_while_the_session_runs(client, site_pages):
    person = UserFactory()
    running = training_factories.session(name="还在上的班")
    _meeting(running, 2)
    _place(person, running, Status.COMPLETED)
    ended = training_factories.session(
        name="结束的班",
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    _meeting(ended, -10)
    _place(person, ended, Status.COMPLETED)
    feed = calendar_feed_create(user=person)
    calendar = _parse(client.get(f"/calendar/{feed.token}.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["还在上的班"]


def test_feed_marks_a_cancelled_session_s_meetings_cancelled(client, session, trainee):
    session.status = TrainingSession.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.save()
    feed = calendar_feed_create(user=trainee)
    assert client.head(f"/calendar/{feed.token}.ics").status_code == 200
    calendar = _parse(client.get(f"/calendar/{feed.token}.ics"))
    assert [str(e["STATUS"]) for e in calendar.events] == ["CANCELLED", "CANCELLED"]


def test_unknown_token_is_not_found(client, trainee):
    assert client.get("/calendar/nobody-has-this.ics").status_code == 404
    calendar_feed_create(user=trainee)
    assert client.get("/calendar/.ics").status_code == 404
    assert client.get(f"/calendar/{'x' * 5000}.ics").status_code == 404
    assert client.get("/calendar/%00.ics").status_code < 500


def test_reset_makes_the_old_url_stop_working(client, trainee):
    client.force_login(trainee)
    response = client.post("/en/learning/calendar/", {"action": "create"}, follow=True)
    assert str(FEED_CREATED) in response.content.decode()
    old = CalendarFeed.objects.get(user=trainee).token
    assert old in response.content.decode()
    assert client.get(f"/calendar/{old}.ics").status_code == 200

    response = client.post("/en/learning/calendar/", {"action": "reset"}, follow=True)
    assert str(FEED_RESET) in response.content.decode()
    new = CalendarFeed.objects.get(user=trainee).token
    assert new != old and len(new) >= 43
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert new in response.content.decode() and old not in response.content.decode()


def test_creating_twice_keeps_one_link_and_reset_without_one_makes_it(trainee):
    first = calendar_feed_create(user=trainee)
    assert calendar_feed_create(user=trainee).token == first.token
    other = UserFactory()
    assert calendar_feed_reset(user=other).token
    assert CalendarFeed.objects.count() == 2


def test_calendar_page_needs_sign_in_and_post_to_change(client, trainee):
    response = client.get("/en/learning/calendar/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(trainee)
    response = client.get("/en/learning/calendar/")
    assert response.status_code == 200
    assert not CalendarFeed.objects.exists()  # reading the page makes no link
    assert client.put("/en/learning/calendar/").status_code == 405


def test_feed_of_an_inactive_person_is_gone(client, trainee):
    feed = calendar_feed_create(user=trainee)
    trainee.is_active = False
    trainee.save()
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 404


def _feed_queries(client, token: str) -> int:
    client.get(f"/calendar/{token}.ics")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    return len(captured)


def test_feed_and_download_run_a_fixed_number_of_queries(client, session, trainee):
    feed = calendar_feed_create(user=trainee)
    small = _feed_queries(client, feed.token)
    for number in range(3):
        more = training_factories.session(name=f"班{number}")
        for day in range(4):
            _meeting(more, day + 1)
        _place(trainee, more)
    assert _feed_queries(client, feed.token) == small

    def download(target) -> int:
        url = f"/en/sessions/{target.pk}/calendar.ics"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    few = download(session)
    for day in range(10):
        _meeting(session, day + 10)
    assert download(session) == few


def test_the_feed_is_in_the_data_download_and_gone_after_anonymisation(
    client, trainee, django_capture_on_commit_callbacks
):
    feed = calendar_feed_create(user=trainee)
    records = {
        part["kind"]: part["records"]
        for part in personal_data_export(trainee)["records"]
    }
    assert len(records["training.calendar_feed"]) == 1
    admin = UserFactory(is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_anonymise(person=trainee, actor=admin, request=None)
    assert not CalendarFeed.objects.filter(pk=feed.pk).exists()
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 404
