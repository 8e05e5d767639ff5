"""Records in both languages (issue 14, point 3): the session form takes a
Chinese name (required) and an English one (optional), and every page
shows the reader's language, falling back to the Chinese marked with
lang="zh-Hans" on English pages."""

import datetime

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import StaffRole, TrainingBase, User
from tests.factories import courses as course_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import soup
from training.calendars import meeting_location, session_venue
from training.models import Enrolment, Meeting, TrainingSession
from training.selectors.followups import overdue_followups
from training.services import enrolment as enrolment_service

pytestmark = pytest.mark.django_db
Role = StaffRole.Role

ZH_NAME, EN_NAME = "电商摄影 秋季班", "Shop photography, autumn"
ZH_VENUE, EN_VENUE = "解放碑会议中心 三楼", "Jiefangbei Conference Centre, 3rd floor"
ZH_ADDRESS, EN_ADDRESS = "渝中区民族路 88 号", "88 Minzu Road, Yuzhong District"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def world(site_pages):
    base = TrainingBaseFactory(address=ZH_ADDRESS, address_en=EN_ADDRESS)
    manager = StaffRoleFactory(role=Role.MANAGER, base=base).user
    both = training_factories.session(
        base=base,
        name=ZH_NAME,
        name_en=EN_NAME,
        starts_on=days(10),
        ends_on=days(40),
    )
    chinese_only = training_factories.session(
        base=base,
        course=both.course,
        name="只有中文名的班",
        starts_on=days(12),
        ends_on=days(42),
        venue=ZH_VENUE,
        venue_en=EN_VENUE,
    )
    return base, manager, both, chinese_only


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _in_language(doc, text: str) -> str | None:
    """The lang of the nearest element around `text` that sets one."""
    node = doc.find(string=lambda s: s and text in s)
    assert node is not None, text
    for parent in node.parents:
        if parent.has_attr("lang"):
            return parent["lang"]
    return None


def test_teach_pages_show_the_readers_language(client, world):
    _base, manager, both, chinese_only = world
    client.force_login(manager)
    for page, kwargs in [
        ("teach:sessions", {}),
        ("teach:roster", {"pk": both.pk}),
        ("teach:attendance", {"pk": both.pk}),
        ("teach:audit", {"pk": both.pk}),
        ("teach:session_edit", {"pk": both.pk}),
    ]:
        english = client.get(url(page, "en", **kwargs))
        assert english.status_code == 200, page
        html = english.content.decode()
        assert EN_NAME in html, page
        assert ZH_NAME not in soup(english).title.get_text(), page
        chinese = client.get(url(page, "zh-hans", **kwargs))
        assert ZH_NAME in soup(chinese).get_text(), page
        if page != "teach:session_edit":  # the form shows both fields
            assert EN_NAME not in chinese.content.decode(), page
    # No English name: the Chinese one, marked, on the English list.
    doc = soup(client.get(url("teach:sessions", "en")))
    assert _in_language(doc, chinese_only.name) == "zh-Hans"
    roster = soup(client.get(url("teach:roster", "en", pk=chinese_only.pk)))
    assert _in_language(roster.h1, chinese_only.name) == "zh-Hans"


def form_data(session: TrainingSession, **changes) -> dict:
    data = {
        "course": session.course_id,
        "name": "新班",
        "name_en": "New class",
        "starts_on": days(50).isoformat(),
        "ends_on": days(80).isoformat(),
        "venue": ZH_VENUE,
        "venue_en": EN_VENUE,
        "capacity": "12",
        "delivery_mode": "blended",
        "meetings-TOTAL_FORMS": "3",
        "meetings-INITIAL_FORMS": "0",
        "meetings-MIN_NUM_FORMS": "0",
        "meetings-MAX_NUM_FORMS": "200",
        "meetings-0-day": days(51).isoformat(),
        "meetings-0-starts_at": "09:00",
        "meetings-0-ends_at": "11:30",
        "meetings-0-room": "二楼 201",
        "meetings-0-room_en": "Room 201, 2nd floor",
    }
    data.update(changes)
    return data


def test_the_session_form_takes_both_languages(client, world):
    base, manager, both, _chinese_only = world
    client.force_login(manager)
    create = url("teach:session_create", "en") + f"?base={base.pk}"
    form = soup(client.get(create))
    labels = {label["for"]: label.get_text(" ", strip=True) for label in form("label")}
    assert labels["id_name"].startswith("Name in Chinese")
    assert labels["id_name_en"].startswith("Name in English")
    assert "(optional)" in labels["id_name_en"]
    assert "(optional)" not in labels["id_name"]
    assert labels["id_venue_en"].startswith("Venue in English")
    # The venue's hint names the base's address in the page's language.
    assert EN_ADDRESS in form.select_one("#id_venue_helptext").get_text()

    response = client.post(create, form_data(both))
    assert response.status_code == 302
    made = TrainingSession.objects.get(name="新班")
    assert (made.name_en, made.venue, made.venue_en) == (
        "New class",
        ZH_VENUE,
        EN_VENUE,
    )
    meeting = made.meetings.get()
    assert (meeting.room, meeting.room_en) == ("二楼 201", "Room 201, 2nd floor")

    # English is optional; Chinese is required, with the input kept.
    response = client.post(create, form_data(both, name="", name_en="Only English"))
    assert response.status_code == 200
    doc = soup(response)
    summary = doc.select_one(".error-summary")
    with translation.override("en"):
        assert "Give the session a name in Chinese." in summary.get_text()
    assert summary.a["href"] == "#id_name"
    assert doc.select_one("#id_name_en")["value"] == "Only English"
    assert not TrainingSession.objects.filter(name_en="Only English").exists()
    response = client.post(create, form_data(both, name="只有中文", name_en=""))
    assert response.status_code == 302
    assert TrainingSession.objects.get(name="只有中文").name_en == ""


def test_running_a_session_again_takes_both_names(client, world):
    _base, manager, both, _chinese_only = world
    client.force_login(manager)
    response = client.post(
        url("teach:session_duplicate", "en", pk=both.pk),
        {"starts_on": days(100).isoformat(), "name": "冬季班", "name_en": "Winter"},
    )
    assert response.status_code == 302
    copy = TrainingSession.objects.get(name="冬季班")
    assert copy.name_en == "Winter"


def _upcoming(course, language: str) -> str:
    request = RequestFactory().get("/")
    request.user = UserFactory()
    with translation.override(language):
        return Template(
            "{% load training_tags %}{% upcoming_sessions course %}"
        ).render(Context({"course": course, "request": request}))


def test_the_course_page_sessions_say_where_in_the_readers_language(world):
    _base, _manager, both, chinese_only = world
    english = soup_html(_upcoming(both.course, "en"))
    text = english.get_text(" ")
    assert EN_NAME in text and EN_ADDRESS in text and EN_VENUE in text
    assert ZH_ADDRESS not in text and ZH_VENUE not in text
    assert _in_language(english, chinese_only.name) == "zh-Hans"
    chinese = _upcoming(both.course, "zh-hans")
    assert ZH_ADDRESS in chinese and ZH_VENUE in chinese and ZH_NAME in chinese
    assert EN_ADDRESS not in chinese and EN_VENUE not in chinese


def soup_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_base_without_english_falls_back_to_chinese_marked(site_pages):
    base = TrainingBaseFactory(name_en="", address="北碚区天生路 2 号", address_en="")
    session = training_factories.session(base=base, starts_on=days(5))
    html = _upcoming(session.course, "en")
    doc = soup_html(html)
    assert _in_language(doc, "北碚区天生路 2 号") == "zh-Hans"
    assert _in_language(doc, base.name) == "zh-Hans"


def test_calendars_and_places_are_in_the_calendars_language(client, world):
    base, _manager, both, chinese_only = world
    Meeting.objects.create(
        session=both,
        day=days(11),
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
        room="一楼 101",
        room_en="Room 101",
    )
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/en/sessions/{both.pk}/calendar.ics").content
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == EN_NAME
    assert str(event["location"]) == f"Room 101, {base.name_en}, {EN_ADDRESS}"
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/zh-hans/sessions/{both.pk}/calendar.ics").content
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == ZH_NAME
    assert str(event["location"]) == f"一楼 101, {base.name}, {ZH_ADDRESS}"
    with translation.override("en"):
        assert session_venue(chinese_only) == EN_VENUE
    with translation.override("zh-hans"):
        assert session_venue(chinese_only) == ZH_VENUE
    # Only an English room: shown in both languages rather than nothing.
    meeting = Meeting(session=both, room="", room_en="Room 9")
    with translation.override("zh-hans"):
        assert meeting_location(meeting).startswith("Room 9, ")


def test_overdue_follow_ups_name_the_session_in_the_readers_language(site_pages):
    base = TrainingBaseFactory()
    admin = StaffRoleFactory(role=Role.FEDERATION_ADMIN, base=None).user
    session = training_factories.session(
        base=base,
        name=ZH_NAME,
        name_en=EN_NAME,
        starts_on=days(-500),
        ends_on=days(-480),
    )
    Enrolment.objects.create(
        trainee=UserFactory(),
        session=session,
        status=Enrolment.Status.COMPLETED,
        status_changed_at=timezone.now(),
        completed_at=timezone.now(),
    )
    with translation.override("en"):
        names = {item.session_name for item in overdue_followups(admin, today=days(0))}
    assert names == {EN_NAME}
    with translation.override("zh-hans"):
        names = {item.session_name for item in overdue_followups(admin, today=days(0))}
    assert names == {ZH_NAME}


def test_the_base_page_gives_the_address_in_the_readers_language(client, site_pages):
    base = TrainingBaseFactory(address=ZH_ADDRESS, address_en=EN_ADDRESS)
    section = course_factories.base_section(base)
    chinese = client.get(section.url)
    assert ZH_ADDRESS in chinese.content.decode()
    assert EN_ADDRESS not in chinese.content.decode()
    english_section = course_factories.base_section(base, language="en")
    english = client.get(english_section.url).content.decode()
    assert EN_ADDRESS in english
    assert ZH_ADDRESS not in english


def test_my_learning_gives_the_meeting_place_in_the_readers_language(client, world):
    base, _manager, both, _chinese_only = world
    trainee = UserFactory()
    enrolment_service.enrolment_create(trainee=trainee, session=both, actor=trainee)
    Meeting.objects.create(
        session=both,
        day=days(11),
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
        room="一楼 101",
        room_en="Room 101",
    )
    Meeting.objects.create(
        session=both,
        day=days(12),
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
        room="三楼 301",
    )
    client.force_login(trainee)
    english = soup(client.get(url("my_learning", "en")))
    text = english.get_text(" ")
    assert f"Room 101, {base.name_en}, {EN_ADDRESS}" in text
    assert EN_NAME in text and ZH_NAME not in text
    # No English room: the Chinese one, marked.
    assert _in_language(english, "三楼 301") == "zh-Hans"
    chinese = soup(client.get(url("my_learning", "zh-hans"))).get_text(" ")
    assert f"一楼 101, {base.name}, {ZH_ADDRESS}" in chinese
    assert "Room 101" not in chinese and EN_NAME not in chinese


def test_the_admin_base_form_takes_every_english_field(client):
    admin = User.objects.create_superuser(
        email="fed-admin@example.org", password="x", name="管理员"
    )
    client.force_login(admin)
    form = soup(client.get("/admin/trainingbase/new/"))
    for name in ("name", "district", "address", "transport_notes"):
        assert form.select_one(f"#id_{name}") is not None, name
        assert form.select_one(f"#id_{name}_en") is not None, name
    data = {
        "name": "江北基地",
        "name_en": "Jiangbei Base",
        "district": "江北区",
        "district_en": "Jiangbei District",
        "address": ZH_ADDRESS,
        "address_en": EN_ADDRESS,
        "transport_notes": "",
        "transport_notes_en": "",
    }
    response = client.post("/admin/trainingbase/new/", data | {"address": ""})
    assert response.status_code == 200  # the Chinese address is required
    assert not TrainingBase.objects.filter(name="江北基地").exists()
    response = client.post("/admin/trainingbase/new/", data | {"address_en": ""})
    assert response.status_code == 302
    assert TrainingBase.objects.get(name="江北基地").address_en == ""
    response = client.post(
        "/admin/trainingbase/new/", data | {"name": "江北基地二", "name_en": "Two"}
    )
    assert response.status_code == 302
    assert TrainingBase.objects.get(name="江北基地二").address_en == EN_ADDRESS
