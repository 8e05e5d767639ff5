import pytest

from accounts.models import DisplayPreferences
from accounts.preferences import COOKIE_NAME, Display
from tests.factories.accounts import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

CHOICES = {
    "text_size": "200",
    "theme": "yellow",
    "legible_font": "on",
    "wide_spacing": "on",
    "captions_on": "on",
    "quiz_time_warnings": "on",
}


def test_cookie_round_trip():
    display = Display(
        text_size=150, theme="cream", underline_links=True, easy_read_first=True
    )
    assert Display.from_cookie(display.to_cookie()) == display


@pytest.mark.parametrize(
    "value", ["", "999.neon.evil", "<script>", "200", ".dark", "abc.def.ghi"]
)
def test_bad_cookies_give_valid_settings(value):
    display = Display.from_cookie(value)
    assert display.text_size in {100, 125, 150, 200}
    assert display.theme in {"default", "dark", "yellow", "cream"}
    assert "<" not in display.html_classes


def test_html_classes():
    classes = Display(
        text_size=200, theme="dark", reduced_motion=True
    ).html_classes.split()
    assert classes == ["text-200", "theme-dark", "pref-reduced-motion"]


def test_anonymous_visitors_keep_settings_in_a_cookie(client, site_pages):
    response = client.post("/en/display/", CHOICES | {"next": "/en/accessibility/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accessibility/#notice"
    assert (
        client.cookies[COOKIE_NAME].value
        == "200.yellow.legible_font.wide_spacing.captions_on"
    )
    html = soup(client.get("/en/accessibility/")).html
    assert set(html["class"]) >= {
        "text-200",
        "theme-yellow",
        "pref-legible-font",
        "pref-wide-spacing",
    }
    assert not DisplayPreferences.objects.exists()


def test_signed_in_people_keep_settings_on_their_profile(client, site_pages):
    user = UserFactory()
    client.force_login(user)
    client.post("/zh-hans/display/", CHOICES)
    prefs = DisplayPreferences.objects.get(user=user)
    assert (prefs.text_size, prefs.theme, prefs.captions_on) == (200, "yellow", True)
    assert COOKIE_NAME not in client.cookies
    # A fresh browser on another device gets the same page once signed in.
    other = client.__class__()
    other.force_login(user)
    html = soup(other.get("/zh-hans/")).html
    assert "theme-yellow" in html["class"]


def test_the_form_shows_the_current_settings(client, site_pages):
    client.cookies[COOKIE_NAME] = "125.cream.underline_links"
    doc = soup(client.get("/en/display/"))
    assert doc.select_one('input[name="text_size"][value="125"]').has_attr("checked")
    assert doc.select_one('input[name="theme"][value="cream"]').has_attr("checked")
    assert doc.select_one('input[name="underline_links"]').has_attr("checked")


def test_unsafe_next_is_ignored(client, site_pages):
    response = client.post("/en/display/", CHOICES | {"next": "https://evil.example/"})
    assert response["Location"] == "/en/display/#notice"


def test_invalid_choice_shows_an_error_and_keeps_input(client, site_pages):
    response = client.post("/en/display/", CHOICES | {"text_size": "300"})
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one('.error-summary a[href="#id_text_size_0"]')
    assert doc.select_one('input[name="theme"][value="yellow"]').has_attr("checked")


def test_every_page_links_to_display_settings(client, site_pages):
    doc = soup(client.get("/en/accessibility/"))
    link = doc.select_one('header a[href^="/en/display/"]')
    assert link["href"] == "/en/display/?next=/en/accessibility/"


def test_signed_in_page_query_count_is_fixed(
    client, site_pages, django_assert_max_num_queries
):
    user = UserFactory()
    DisplayPreferences.objects.create(user=user, theme="dark")
    client.force_login(user)
    client.get("/en/")
    # Routing, session, user, preferences, staff roles (the Teaching link),
    # the language links and the Wagtail userbar's permission checks: the
    # same whatever the data size.
    with django_assert_max_num_queries(15):
        client.get("/en/")
