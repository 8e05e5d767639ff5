"""A cancelled session is reported as cancelled, not held: the federation
figures leave it and its places out, and its drill-down says so."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from federation.selectors import dashboard
from tests.html import soup
from tests.training.test_sessions_manage import build_world
from training.models import TrainingSession
from training.services import sessions as service

pytestmark = pytest.mark.django_db


def test_cancelled_session_is_not_held(client, site_pages):
    world = build_world()
    filters = dashboard.Filters(base=world.base_a.pk)
    before = dashboard.totals(filters)
    assert before["sessions"] == 1
    service.session_cancel(session=world.session, reason="停办", actor=world.admin)
    after = dashboard.totals(filters)
    assert after["sessions"] == 0
    assert after.get("enrolled", 0) == 0
    assert not dashboard.sessions_held(filters).filter(pk=world.session.pk).exists()
    client.force_login(world.admin)
    with override("en"):
        response = client.get(reverse("federation:session", args=[world.session.pk]))
    assert response.status_code == 200
    notice = soup(response).select_one(".page-header .notice")
    assert notice is not None
    with override("en"):
        label = str(TrainingSession.Status.CANCELLED.label)
    assert label in soup(response).select_one(".page-header").get_text()
