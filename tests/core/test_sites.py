"""Wagtail's site for signed-in requests comes from the shared cache: no site
query once it is kept, a new or changed site is seen at once, the root page
is never kept with it, and anonymous requests are left to Wagtail."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from core.sites import site_for_request
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _site_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]


def _request(host: str, port: str = "80"):
    return RequestFactory().get("/", SERVER_NAME=host, SERVER_PORT=port)


def test_a_signed_in_page_reads_the_site_once(client, site_pages):
    client.force_login(UserFactory())
    assert client.get("/zh-hans/learning/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zh-hans/learning/").status_code == 200
    assert _site_queries(queries) == []


def test_an_anonymous_request_is_left_to_wagtail(client, site_pages, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/zh-hans/").status_code == 200
        assert _site_queries(queries), "Wagtail finds the site itself"


def test_the_kept_site_is_the_one_wagtail_finds(site_pages):
    request = _request("testserver")
    assert site_for_request(request) == Site._find_for_request(_request("testserver"))


def test_a_new_site_is_found_at_once(site_pages):
    default = site_for_request(_request("other.test"))
    assert default.is_default_site
    new = Site.objects.create(
        hostname="other.test", port=80, root_page=default.root_page
    )
    assert site_for_request(_request("other.test")) == new
    new.port = 8080
    new.save()
    assert site_for_request(_request("other.test", "8080")) == new
    new.delete()
    assert site_for_request(_request("other.test", "8080")) == default


def test_the_root_page_is_read_fresh(site_pages):
    site = site_for_request(_request("testserver"))
    Page.objects.filter(pk=site.root_page_id).update(title="新标题")
    assert site_for_request(_request("testserver")).root_page.title == "新标题"
