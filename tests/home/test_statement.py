"""The accessibility statement says how the site was tested and what is left,
and stays true: the axe-core version it names is the one the browser tests
bundle, and while our admin script works around Wagtail's bug the statement
says so."""

import itertools
import re
from importlib.resources import files
from pathlib import Path

import pytest
from django.conf import settings

from tests.html import soup

pytestmark = pytest.mark.django_db

# The axe-core the browser tests inject (tests/browser/conftest.py AXE_JS).
AXE_JS = files("axe_playwright_python") / "axe.min.js"
ADMIN_SCRIPT = Path(settings.BASE_DIR) / "core/static/core/admin/a11y.js"


def _axe_version() -> str:
    header = AXE_JS.read_text(encoding="utf-8")[:100]
    return re.search(r"axe v(\d+\.\d+)", header).group(1)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_statement_says_how_the_site_was_tested(client, site_pages, language):
    doc = soup(client.get(f"/{language}/accessibility/"))
    main = doc.main
    text = main.get_text()
    for tool in [f"axe-core {_axe_version()}", "Playwright", "Chromium", "WCAG"]:
        assert tool in text, tool
    assert "200%" in text
    assert "320" in text
    # The four keyboard journeys, in order, as a numbered list.
    [journeys] = [ol for ol in main.select("ol") if len(ol.select("li")) == 4]
    assert "→" in journeys.get_text()
    # Headings go down one level at a time: h2 sections, h3 parts of "tested".
    levels = [int(h.name[1]) for h in main.select("h1, h2, h3, h4")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert levels.count(3) == 3


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_statement_names_the_admin_workaround_while_it_exists(
    client, site_pages, language
):
    text = soup(client.get(f"/{language}/accessibility/")).main.get_text()
    workaround = ADMIN_SCRIPT.exists() and "14205" in ADMIN_SCRIPT.read_text()
    assert ("14205" in text) == workaround


def test_an_older_seeded_statement_gains_the_testing_section(site_pages):
    from demo.site import seed_site
    from home.models import AccessibilityStatementPage

    AccessibilityStatementPage.objects.update(body=[])
    seed_site()
    for statement in AccessibilityStatementPage.objects.all():
        assert len(statement.body) == 8
        assert statement.live
    seed_site()
    assert AccessibilityStatementPage.objects.count() == 2
