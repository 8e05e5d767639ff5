"""Help guides: the header's Help link opens the help index of the active
language (the accessibility statement only when there is no help yet), the
reader's role comes first, every guide renders in the shell, and the index
costs the same queries however many guides it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import StaffRole
from demo.help import guides, seed_help
from demo.site import seed_site
from home.models import AccessibilityStatementPage, HelpIndexPage, HelpPage
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from tests.shared_data import shared_data

pytestmark = pytest.mark.django_db
LANGUAGES = [("zh-hans", "zh-Hans"), ("en", "en")]
Audience = HelpPage.Audience


@pytest.fixture(scope="module")
def _help_pages(django_db_setup, django_db_blocker):
    # Every guide in both languages, published once for the module.
    # (Without help pages: tests/home/test_help_missing.py.)
    with shared_data(django_db_blocker):
        seed_site()
        seed_help()
        yield


@pytest.fixture
def help_pages(_help_pages, db):
    return None


def _group_order(response) -> list[str]:
    return [
        section["aria-labelledby"].removeprefix("help-")
        for section in soup(response).select("main section[aria-labelledby^=help-]")
        if section["aria-labelledby"] != "help-more"
    ]


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_help_link_opens_the_help_index_in_that_language(
    client, help_pages, language, lang
):
    response = client.get(f"/{language}/help/")
    assert response.status_code == 302
    index = HelpIndexPage.objects.get(locale__language_code=language)
    assert response["Location"] == index.get_url()
    page = client.get(response["Location"])
    doc = assert_accessible_shell(page, lang=lang)
    assert doc.h1.get_text(strip=True) == index.title
    statement = AccessibilityStatementPage.objects.get(locale__language_code=language)
    assert doc.select_one(f'main a[href="{statement.get_url()}"]') is not None


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_the_header_link_leads_to_help_and_the_footer_to_the_statement(
    client, help_pages, language, lang
):
    doc = soup(client.get(f"/{language}/"))
    header = doc.select_one(f".site-nav a[href^='/{language}/help/']")
    footer = doc.select_one(".site-footer a[href*='/help/']")
    index = HelpIndexPage.objects.get(locale__language_code=language)
    statement = AccessibilityStatementPage.objects.get(locale__language_code=language)
    assert client.get(header["href"])["Location"] == index.get_url()
    assert client.get(footer["href"])["Location"] == statement.get_url()


def test_a_bad_destination_is_ignored(client, help_pages):
    response = client.get("/en/help/?to=nowhere%00")
    assert response.status_code in (302, 400)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, [Audience.TRAINEE, Audience.EVERYONE]),
        ("trainee", [Audience.TRAINEE, Audience.EVERYONE]),
        (StaffRole.Role.INSTRUCTOR, [Audience.INSTRUCTOR, Audience.EVERYONE]),
        (StaffRole.Role.MANAGER, [Audience.INSTRUCTOR, Audience.EVERYONE]),
        (StaffRole.Role.AUDITOR, [Audience.AUDITOR, Audience.EVERYONE]),
        (
            StaffRole.Role.FEDERATION_ADMIN,
            [Audience.INSTRUCTOR, Audience.AUDITOR, Audience.EVERYONE],
        ),
    ],
)
def test_guides_for_the_readers_role_come_first(client, help_pages, role, expected):
    if role == "trainee":
        client.force_login(UserFactory())
    elif role is not None:
        base_free = role in (StaffRole.Role.AUDITOR, StaffRole.Role.FEDERATION_ADMIN)
        kwargs = {"base": None} if base_free else {}
        client.force_login(StaffRoleFactory(role=role, **kwargs).user)
    response = client.get("/en/help/")
    response = client.get(response["Location"])
    order = _group_order(response)
    assert order[: len(expected)] == expected
    assert sorted(order) == sorted(Audience.values), "every guide is listed"
    yours = soup(response).select_one(f"#help-{expected[0]}").get_text(strip=True)
    with translation.override("en"):
        assert yours.startswith("Guides for you")


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_every_guide_renders_in_the_shell(client, help_pages, language, lang):
    pages = HelpPage.objects.live().filter(locale__language_code=language)
    assert pages.count() == len(guides())
    for guide in pages:
        response = client.get(guide.get_url())
        assert response.status_code == 200, guide.slug
        doc = assert_accessible_shell(response, lang=lang)
        assert doc.h1.get_text(strip=True) == guide.title
        assert len(doc.select("main h2")) >= 1
        assert doc.select_one(f'main a[href="{guide.get_parent().url}"]')


def test_guides_cover_every_role_in_both_languages(help_pages):
    for language in ("zh-hans", "en"):
        audiences = set(
            HelpPage.objects.filter(locale__language_code=language).values_list(
                "audience", flat=True
            )
        )
        assert {Audience.TRAINEE, Audience.INSTRUCTOR, Audience.AUDITOR} <= audiences
    zh = HelpPage.objects.filter(locale__language_code="zh-hans")
    for guide in zh:
        assert (
            guide.get_translation(
                HelpIndexPage.objects.get(locale__language_code="en").locale
            ).audience
            == guide.audience
        )


def test_seeding_help_again_changes_nothing(help_pages):
    before = HelpPage.objects.count(), HelpIndexPage.objects.count()
    seed_help()
    assert (HelpPage.objects.count(), HelpIndexPage.objects.count()) == before


def _add_guides(count: int) -> None:
    index = HelpIndexPage.objects.get(locale__language_code="en")
    for number in range(count):
        index = HelpIndexPage.objects.get(pk=index.pk)
        guide = index.add_child(
            instance=HelpPage(
                title=f"Extra guide {number}",
                slug=f"extra-{number}",
                intro="More help.",
                audience=Audience.TRAINEE,
                body=[("heading", {"text": "Extra", "level": "h2"})],
            )
        )
        guide.save_revision().publish()


def test_help_index_query_count_is_fixed(client, help_pages, settings):
    # The queries of building the page: a kept part (the language links)
    # would be read again only after a change.
    settings.FRAGMENT_CACHE_ENABLED = False
    client.force_login(StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR).user)
    client.get("/en/help/", follow=True)  # warm-up
    counts = []
    for extra in (0, 6):
        _add_guides(extra)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/help/", follow=True)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_guide_query_count_is_fixed(client, help_pages, settings):
    # The queries of building the page, kept parts included.
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    guide = HelpPage.objects.live().filter(locale__language_code="en").first()
    client.get(guide.url)  # warm-up
    counts = []
    for extra in (0, 6):
        _add_guides(extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(guide.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
