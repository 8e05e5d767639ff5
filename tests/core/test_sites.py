"""Wagtail's site for a request, kept in the shared cache (core/sites.py):
looked up once per host and port, the same site Wagtail finds, looked up
afresh after any change to the sites, and only when a request asks for it
(a page that needs no site reads nothing for one)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from core import sites
from tests.factories.accounts import UserFactory


def _get(client, url, **kwargs):
    """(response, the queries of the sites table it ran)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, [
        q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]
    ]


@pytest.fixture
def signed_in(client, site_pages):
    # Signed in, so the anonymous page cache does not answer instead.
    client.force_login(UserFactory())
    return client


@pytest.fixture
def other_root(site_pages):
    root = Page.objects.get(depth=1)
    return root.add_child(instance=Page(title="Other", slug="other"))


@pytest.mark.django_db
def test_a_page_looks_up_its_site_once_then_gets_it_from_the_cache(signed_in):
    response, first = _get(signed_in, "/en/")
    assert response.status_code == 200 and first != []
    response, again = _get(signed_in, "/en/")
    assert response.status_code == 200 and again == []
    assert response.wsgi_request._wagtail_site == Site.objects.get(is_default_site=True)


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["testserver", "lms.test", "localhost", "127.0.0.1"])
def test_the_kept_site_is_the_one_wagtail_finds(signed_in, other_root, host):
    Site.objects.create(hostname="lms.test", port=80, root_page=other_root)
    first, _queries = _get(signed_in, "/en/", HTTP_HOST=host)
    kept, queries = _get(signed_in, "/en/", HTTP_HOST=host)
    assert queries == []
    expected = Site._find_for_request(kept.wsgi_request)
    assert expected is not None
    assert first.wsgi_request._wagtail_site == expected
    assert kept.wsgi_request._wagtail_site == expected


@pytest.mark.django_db
def test_a_change_to_the_sites_shows_on_the_next_request(signed_in, other_root):
    def site_for(host):
        return _get(signed_in, "/en/", HTTP_HOST=host)[0].wsgi_request._wagtail_site

    default = site_for("lms.test")
    assert default.is_default_site and site_for("lms.test") == default
    site = Site.objects.create(hostname="lms.test", port=80, root_page=other_root)
    assert site_for("lms.test") == site
    site.hostname = "elsewhere.test"
    site.save()
    assert site_for("lms.test") == default
    site.hostname = "lms.test"
    site.save()
    assert site_for("lms.test") == site
    site.delete()
    assert site_for("lms.test") == default
    # The root page renamed: the kept site's root page is the new one.
    home = default.root_page
    home.title = "Renamed home"
    home.save()
    assert site_for("lms.test").root_page.title == "Renamed home"


def test_a_page_that_needs_no_site_does_not_look(client, monkeypatch):
    """No database at all here (no `db` fixture): the sign-in page needs
    no site, and nothing reads the cache for one."""
    reads = []
    monkeypatch.setattr(sites, "kept_site", lambda request: reads.append(request))
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert reads == []
    assert not hasattr(response.wsgi_request, "_wagtail_site")


def test_no_request_no_site():
    assert Site.find_for_request(None) is None


@pytest.mark.django_db
def test_a_host_not_allowed_is_found_as_wagtail_finds_it_and_not_kept(
    site_pages, monkeypatch
):
    kept = []
    monkeypatch.setattr(sites, "cached_fragment", lambda *a, **k: kept.append(a))
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    assert Site.find_for_request(request) == Site._find_for_request(request)
    assert kept == []


@pytest.mark.django_db
def test_a_request_with_a_host_not_allowed_is_refused(client, site_pages):
    response, queries = _get(client, "/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert queries == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_serving_a_page_does_not_fetch_the_home_page_or_its_locale(signed_in, language):
    """The kept site holds its root page in its own type with its
    translations, which serving any page asks for (`localized`): no query of
    the home page, its translation or the locale, in either language."""
    signed_in.get(f"/{language}/accessibility/")
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(f"/{language}/accessibility/")
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == language
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in sqls if '"home_homepage"' in sql]
    assert not [sql for sql in sqls if 'FROM "wagtailcore_locale"' in sql]
    site = response.wsgi_request._wagtail_site
    assert type(site.root_page).__name__ == "HomePage"


@pytest.mark.django_db
def test_the_kept_translations_answer_as_wagtail_does(site_pages):
    """`localized` of the kept home page is Wagtail's own answer, in each
    language, and after the English home page is unpublished (Wagtail then
    keeps the Chinese one)."""
    from wagtail.models import TranslatableMixin

    def wagtails(page):
        return TranslatableMixin.localized.fget(page)

    def check():
        root = sites.kept_site(RequestFactory().get("/")).root_page
        for language in ("zh-hans", "en"):
            with translation.override(language):
                assert root.localized == wagtails(root)
                assert type(root.localized).__name__ == "HomePage"
        return root

    root = check()
    with translation.override("en"):
        english = root.localized
    assert english.locale.language_code == "en"
    english.unpublish()
    root = check()
    with translation.override("en"):
        assert root.localized == root


@pytest.mark.django_db
def test_turned_off_with_the_kept_fragments(signed_in, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    _get(signed_in, "/en/")
    response, queries = _get(signed_in, "/en/")
    assert response.status_code == 200 and queries != []
