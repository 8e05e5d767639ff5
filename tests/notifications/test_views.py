"""The Messages page, read marks, the header count and the channel choice."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from notifications import services
from notifications.models import Notification, NotificationSettings
from notifications.rendering import render
from tests.factories.accounts import UserFactory
from training import notices

pytestmark = pytest.mark.django_db


def _fill(person, session, count: int, start: int = 0) -> list[Notification]:
    data = {**notices.session_data(session), "enrolment_id": 1}
    return [
        services.notify(person, notices.ENROLLED, data, dedupe_key=f"k{n}")
        for n in range(start, start + count)
    ]


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_messages_need_signing_in(client):
    response = client.get("/en/messages/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_messages_newest_first_with_text_link_and_unread_in_words(
    client, session, trainee
):
    older, newer = _fill(trainee, session, 2)
    services.notification_mark_read(user=trainee, notification_id=older.pk)
    client.force_login(trainee)
    response = client.get("/en/messages/")
    assert response.status_code == 200
    assert (
        "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )
    items = _soup(response).select("main ol.message-list > li")
    assert len(items) == 2
    with translation.override("en"):
        expected = render(newer, language="en")
    first = items[0]
    assert "Unread:" in first.h2.get_text()
    assert expected.subject in first.h2.get_text()
    assert expected.text in first.get_text()
    assert first.select_one(f'a[href="{expected.url}"]')
    assert first.select_one(f'form[action="/en/messages/{newer.pk}/read/"]')
    assert "Unread:" not in items[1].h2.get_text()
    assert not items[1].select("form")


def test_mark_one_and_mark_all_as_read(client, session, trainee):
    first, *_ = _fill(trainee, session, 3)
    other = UserFactory()
    theirs = _fill(other, session, 1)[0]
    client.force_login(trainee)
    response = client.post(f"/en/messages/{first.pk}/read/", {"page": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/en/messages/?page=1#notice"
    first.refresh_from_db()
    assert first.read_at is not None
    # Someone else's message is not touched (and the answer does not say so).
    assert client.post(f"/en/messages/{theirs.pk}/read/").status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post("/en/messages/read-all/")
    assert not Notification.objects.filter(recipient=trainee, read_at=None).exists()
    assert Notification.objects.filter(recipient=other, read_at=None).count() == 1
    assert client.get(f"/en/messages/{first.pk}/read/").status_code == 405


def test_header_shows_the_unread_count_in_words(client, session, trainee):
    client.force_login(trainee)
    link = _soup(client.get("/en/profile/")).select_one(
        'header a[href="/en/messages/"]'
    )
    assert link.get_text(strip=True) == "Messages"
    _fill(trainee, session, 3)
    link = _soup(client.get("/en/profile/")).select_one(
        'header a[href="/en/messages/"]'
    )
    assert " ".join(link.get_text(" ", strip=True).split()) == "Messages (3 unread )"
    assert link.select_one(".visually-hidden").get_text(strip=True) == "unread"
    assert client.get("/en/messages/").status_code == 200
    anonymous = client.__class__()
    soup = _soup(anonymous.get("/en/"))
    assert not soup.select('header a[href="/en/messages/"]')


@pytest.mark.parametrize("path", ["/en/messages/", "/en/messages/?page=2"])
def test_messages_page_queries_do_not_grow_with_messages(
    client, session, trainee, path
):
    """A warm-up request, then the same number of queries at two sizes (and
    the unread count in the header is one query, not one per use)."""
    client.force_login(trainee)
    _fill(trainee, session, 25)
    client.get(path)
    # The header's count is kept per person (core.user_cache) and forgotten
    # when messages arrive: both measured requests count it afresh.
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _fill(trainee, session, 40, start=25)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(small) == len(large)
    counts = [q["sql"] for q in large.captured_queries if "COUNT(" in q["sql"].upper()]
    unread = [sql for sql in counts if "read_at" in sql]
    assert len(unread) == 1


def test_bad_page_numbers_are_not_errors(client, session, trainee):
    client.force_login(trainee)
    _fill(trainee, session, 2)
    for page in ["999", "abc", "-1", "0"]:
        assert client.get(f"/en/messages/?page={page}").status_code == 200


def test_choosing_channels_offers_sms_only_with_a_phone(client):
    person = UserFactory(phone="")
    client.force_login(person)
    soup = _soup(client.get("/en/messages/settings/"))
    assert soup.select_one("input[name=email][checked]")
    assert not soup.select("input[name=sms]")
    client.post("/en/messages/settings/", {"sms": "on"})
    choice = NotificationSettings.objects.get(user=person)
    assert (choice.email, choice.sms) == (False, False)

    person.phone = "13800138000"
    person.save()
    soup = _soup(client.get("/en/messages/settings/"))
    assert soup.select("input[name=sms]")
    response = client.post("/en/messages/settings/", {"email": "on", "sms": "on"})
    assert response.status_code == 302
    choice.refresh_from_db()
    assert (choice.email, choice.sms) == (True, True)
    profile = _soup(client.get("/en/profile/"))
    section = profile.select_one("#messages-heading").parent
    assert "by email and by text message" in section.get_text()
    assert section.select_one('a[href="/en/messages/settings/"]')


def test_bad_ids_and_values_are_not_errors(client, session, trainee):
    client.force_login(trainee)
    _fill(trainee, session, 1)
    for pk in ["99999999999999999999999", "0"]:
        assert client.post(f"/en/messages/{pk}/read/").status_code == 302
    for value in ["a\x00b", "x" * 10_000, "中文", "-1"]:
        assert client.post("/en/messages/read-all/", {"page": value}).status_code < 500
        assert client.get("/en/messages/", {"page": value}).status_code < 500
        response = client.post("/en/messages/settings/", {"email": value, "sms": value})
        assert response.status_code < 500


def test_the_kept_unread_count_follows_reads_and_is_per_person(
    client, session, trainee
):
    """The header's count is kept per person between requests, yet right as
    soon as a message is read or arrives, and never another person's."""

    def header():
        link = _soup(client.get("/en/profile/")).select_one(
            'header a[href="/en/messages/"]'
        )
        return " ".join(link.get_text(" ", strip=True).split())

    other = UserFactory()
    _fill(trainee, session, 2)
    _fill(other, session, 3)
    client.force_login(trainee)
    assert header() == "Messages (2 unread )"
    first = Notification.objects.filter(recipient=trainee).first()
    client.post(f"/en/messages/{first.pk}/read/")
    assert header() == "Messages (1 unread )"
    client.force_login(other)
    assert header() == "Messages (3 unread )"
    client.force_login(trainee)
    client.post("/en/messages/read-all/")
    assert header() == "Messages"
    _fill(trainee, session, 1, start=10)
    assert header() == "Messages (1 unread )"
