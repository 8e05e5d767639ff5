import json

import pytest

from accounts import services
from accounts.models import AccessNeeds, ConsentEvent, DeletionRequest, NeedsAccessLog
from tests.factories.accounts import UserFactory
from tests.html import assert_accessible_shell, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(client, site_pages):
    user = UserFactory(email="trainee@example.org", name="王芳")
    client.force_login(user)
    return user


def _needs_post(consent=True, **extra):
    data = {
        "categories": ["hearing"],
        "needs": ["captions", "sign_language"],
        "notes": "请用文字联系",
    }
    if consent:
        data["consent"] = "on"
    return data | extra


def test_needs_are_not_kept_without_consent(client, trainee):
    response = client.post("/en/profile/needs/", _needs_post(consent=False))
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one('.error-summary a[href="#id_consent"]') is not None
    # The person's choices are kept on the page while they decide.
    assert doc.select_one('input[name="needs"][value="captions"]').has_attr("checked")
    assert not AccessNeeds.objects.exists()
    assert not ConsentEvent.objects.exists()


def test_recording_needs_logs_consent_once(client, trainee):
    assert client.post("/en/profile/needs/", _needs_post()).status_code == 302
    needs = AccessNeeds.objects.get(user=trainee)
    assert needs.categories == ["hearing"]
    assert needs.needs == ["captions", "sign_language"]
    assert needs.consent_given_at is not None
    client.post("/en/profile/needs/", _needs_post(needs=["easy_read"]))
    needs.refresh_from_db()
    assert needs.needs == ["easy_read"]
    assert list(trainee.consent_events.values_list("kind", flat=True)) == ["given"]


def test_withdrawing_consent_erases_the_needs(client, trainee):
    client.post("/en/profile/needs/", _needs_post())
    response = client.get("/en/profile/needs/withdraw/")
    assert response.status_code == 200
    assert client.post("/en/profile/needs/withdraw/").status_code == 302
    assert not AccessNeeds.objects.filter(user=trainee).exists()
    kinds = list(
        trainee.consent_events.order_by("at", "pk").values_list("kind", flat=True)
    )
    assert kinds == ["given", "withdrawn"]
    # Withdrawing again holds nothing and logs nothing more.
    client.post("/en/profile/needs/withdraw/")
    assert trainee.consent_events.count() == 2


def test_service_refuses_needs_without_consent(trainee):
    with pytest.raises(ValueError, match=services.CONSENT_REQUIRED):
        services.access_needs_record(
            user=trainee, categories=[], needs=["captions"], notes="", consent=False
        )


def test_viewing_another_persons_needs_is_logged_but_not_ones_own(trainee):
    other = UserFactory()
    services.access_needs_view_log(viewer=trainee, subject=trainee, path="/x/")
    assert not NeedsAccessLog.objects.exists()
    services.access_needs_view_log(viewer=other, subject=trainee, path="/roster/")
    log = NeedsAccessLog.objects.get()
    assert (log.viewer, log.subject, log.path) == (other, trainee, "/roster/")


def test_download_everything_we_hold(client, trainee):
    client.post("/en/profile/needs/", _needs_post())
    services.access_needs_view_log(
        viewer=UserFactory(name="教员"), subject=trainee, path="/r/"
    )
    response = client.get("/en/profile/my-data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["name"] == "王芳"
    assert data["access_needs"]["functional_needs"] == ["captions", "sign_language"]
    assert data["consent_history"][0]["what"] == "given"
    assert data["who_viewed_your_access_needs"][0]["viewer"] == "教员"


def test_deletion_request_is_recorded_once(client, trainee):
    response = client.post("/en/profile/delete/", {"reason": "", "confirm": "on"})
    assert response.status_code == 302
    client.post("/en/profile/delete/", {"reason": "again", "confirm": "on"})
    assert DeletionRequest.objects.filter(user=trainee).count() == 1


def test_deletion_request_needs_confirmation(client, trainee):
    response = client.post("/en/profile/delete/", {"reason": "x"})
    assert response.status_code == 200
    assert not DeletionRequest.objects.exists()
    assert soup(response).select_one('.error-summary a[href="#id_confirm"]')


def test_profile_pages_need_sign_in(client, site_pages):
    for path in [
        "profile/",
        "profile/details/",
        "profile/needs/",
        "profile/my-data.json",
        "profile/delete/",
    ]:
        response = client.get(f"/en/{path}")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(
    "path",
    [
        "profile/",
        "profile/details/",
        "profile/needs/",
        "profile/needs/withdraw/",
        "profile/delete/",
        "display/",
    ],
)
def test_profile_pages_use_the_shell(client, trainee, path):
    response = client.get(f"/zh-hans/{path}")
    assert response.status_code == 200
    assert_accessible_shell(response, lang="zh-Hans")


def test_profile_edit_saves_and_keeps_input_on_error(client, trainee):
    response = client.post(
        "/en/profile/details/",
        {"name": "", "preferred_language": "en", "phone": "13800000000"},
    )
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one('.error-summary a[href="#id_name"]')
    assert doc.select_one("#id_phone")["value"] == "13800000000"
    response = client.post(
        "/en/profile/details/",
        {"name": "王芳芳", "preferred_language": "en", "phone": "13800000000"},
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.name, trainee.preferred_language, trainee.phone) == (
        "王芳芳",
        "en",
        "13800000000",
    )


def test_profile_page_query_count_is_fixed(
    client, trainee, django_assert_max_num_queries
):
    client.post("/en/profile/needs/", _needs_post())
    client.get("/en/profile/")
    with django_assert_max_num_queries(8):
        client.get("/en/profile/")


@pytest.mark.parametrize(
    ("extra_time", "factor", "expected"),
    [
        (False, "2", 1.0),
        (True, "1.5", 1.5),
        (True, "2", 2.0),
        (True, "unlimited", None),
    ],
)
def test_extra_time_sets_how_a_time_limit_stretches(
    client, trainee, extra_time, factor, expected
):
    needs = ["extra_time"] if extra_time else []
    client.post(
        "/en/profile/needs/", _needs_post(needs=needs, extra_time_factor=factor)
    )
    assert AccessNeeds.objects.get(user=trainee).time_limit_factor == expected
