"""Issue 14 point 6 in the demo: Wagtail's default Site has the host and port
of SITE_URL, so the links Wagtail makes itself name the same address as ours.
Called once from test_seed (after seed_demo)."""

from django.conf import settings
from wagtail.models import Site

from home.models import HomePage


def check_site_url() -> None:
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.SITE_URL, (site.root_url, settings.SITE_URL)
    for home in HomePage.objects.all():
        assert home.full_url.startswith(f"{settings.SITE_URL}/"), home.full_url
