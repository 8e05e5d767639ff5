import pytest
from django.test import Client, override_settings
from django.urls import path

from home.models import AccessibilityStatementPage, HomePage
from lms.urls import urlpatterns as lms_urlpatterns
from tests.html import assert_accessible_shell, soup

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_defaults_to_simplified_chinese(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response["Location"] == "/zh-hans/"


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/zh-hans/", "zh-Hans", "残疾人职业技能培训"),
        ("/en/", "en", "Vocational training for people with disabilities"),
    ],
)
def test_home_page_in_both_languages(client, site_pages, url, lang, title):
    response = client.get(url)
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang=lang)
    assert doc.h1.get_text(strip=True) == title


def test_home_page_text_is_translated(client, site_pages):
    doc = soup(client.get("/en/"))
    assert doc.select_one(".skip-link").get_text(strip=True) == "Skip to main content"
    doc = soup(client.get("/zh-hans/"))
    assert doc.select_one(".skip-link").get_text(strip=True) == "跳到主要内容"


def test_language_switcher_links_to_the_translation(client, site_pages):
    doc = soup(client.get("/zh-hans/accessibility/"))
    links = {a["hreflang"]: a for a in doc.select(".language-nav a")}
    assert links["en"]["href"] == "/en/accessibility/"
    assert links["en"]["lang"] == "en"
    assert links["en"].get_text(strip=True) == "English"
    assert links["zh-Hans"].get_text(strip=True) == "简体中文"
    assert links["zh-Hans"]["aria-current"] == "true"


def test_language_switcher_on_a_non_page_view(client, site_pages):
    doc = soup(client.get("/en/accounts/login/"))
    links = {a["hreflang"]: a["href"] for a in doc.select(".language-nav a")}
    assert links["zh-Hans"] == "/zh-hans/accounts/login/"


@pytest.mark.parametrize(
    ("url", "lang"),
    [("/zh-hans/accessibility/", "zh-Hans"), ("/en/accessibility/", "en")],
)
def test_accessibility_statement_names_the_standards(client, site_pages, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang=lang)
    text = doc.main.get_text()
    assert "WCAG" in text
    assert "2.2" in text
    assert "GB/T 37668-2019" in text
    assert len(doc.select("main h2")) >= 3  # standard, limitations, how to report


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_help_link_leads_to_the_statement_in_that_language(
    client, site_pages, language
):
    # Without help guides (tests/home/test_help.py has them).
    response = client.get(f"/{language}/help/")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accessibility/"


def test_help_link_falls_back_to_home_without_a_statement(client, site_pages):
    AccessibilityStatementPage.objects.all().delete()
    response = client.get("/en/help/")
    assert response["Location"] == "/en/"


def test_home_page_query_count_is_fixed(
    client, site_pages, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the queries of building the page
    client.get("/zh-hans/")
    with django_assert_max_num_queries(8):
        client.get("/zh-hans/")


def test_seeded_home_is_the_site_root(site_pages):
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_page_id == site_pages.pk
    assert HomePage.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "lang"), [("/zh-hans/nowhere/", "zh-Hans"), ("/en/nowhere/", "en")]
)
def test_404_page_uses_the_shell(client, site_pages, url, lang):
    response = client.get(url)
    assert response.status_code == 404
    doc = assert_accessible_shell(response, lang=lang)
    assert doc.select_one("main a[href]") is not None


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *lms_urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db(databases=[])
def test_500_page_renders_without_a_database():
    # No database is available in this test: any query would raise.
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    doc = soup(response)
    assert doc.html["lang"] == "zh-Hans"
    assert doc.select_one("main#main-content h1").get_text(strip=True) == "出现了问题"
    assert doc.select_one(".skip-link")["href"] == "#main-content"
