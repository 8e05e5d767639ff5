"""Before any help guide is published, the header's Help link still leads
somewhere: the accessibility statement, or the home page without one. (Kept
apart from tests/home/test_help.py, whose tests share the published guides.)"""

import pytest

from home.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db


def test_without_help_pages_the_link_still_leads_somewhere(client, site_pages):
    response = client.get("/en/help/")
    assert response["Location"] == "/en/accessibility/"
    AccessibilityStatementPage.objects.all().delete()
    assert client.get("/en/help/")["Location"] == "/en/"
