"""The trainee's job-ready profile pages: staff refused, preview renders the
shared payload, sharing and withdrawing, the account page link, the data
download and anonymisation, constant queries."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import personal_data_export
from accounts.services import person_anonymise
from careers.models import (
    ApiCall,
    ApiClient,
    JobProfile,
    ProfileRevocation,
    ProfileShare,
    WorkKind,
)
from careers.selectors.profiles import ADJUSTMENT_LABELS
from tests.careers import profiles_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def trainee(site_pages):
    person = UserFactory(name="李华")
    live = world.skill("zz-live", "直播带货测试", "Livestream test")
    world.completed_course(person, skills=[live], title="直播课程")
    world.needs(person, "captions", "screen_reader")
    return person


CHOICES = {
    "work_kinds": [WorkKind.REMOTE],
    "district": "渝中区",
    "share_certificates": "on",
    "shared_adjustments": ["captions"],
    "adjustments_note": "需要安静的环境",
}


@pytest.mark.parametrize("role", ["instructor", "manager", "federation_admin"])
def test_staff_get_a_clear_403(client, site_pages, role):
    user = UserFactory()
    StaffRoleFactory(user=user, role=role, **({"base": None} if "fed" in role else {}))
    client.force_login(user)
    for name in ("job_profile", "job_profile_withdraw"):
        response = client.get(_url(name, "en"))
        assert response.status_code == 403
        assert "for trainees" in soup(response).select_one("h1").get_text()
    assert not JobProfile.objects.filter(user=user).exists()


def test_signed_out_people_are_sent_to_sign_in(client, site_pages):
    response = client.get(_url("job_profile"))
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_preview_shows_exactly_the_choices_and_shares_nothing_yet(
    client, trainee, language
):
    client.force_login(trainee)
    page = client.get(_url("job_profile", language))
    assert page.status_code == 200
    main = soup(page).select_one("main")
    boxes = main.select('input[name="shared_adjustments"]')
    assert {box["value"] for box in boxes} == {"captions", "screen_reader"}
    assert not any(box.has_attr("checked") for box in boxes)
    assert "直播带货测试" in main.get_text() or "Livestream test" in main.get_text()
    preview = client.post(
        _url("job_profile", language), {**CHOICES, "action": "preview"}
    )
    assert preview.status_code == 200
    text = soup(preview).select_one("main").get_text(" ")
    with translation.override(language):
        assert str(ADJUSTMENT_LABELS["captions"]) in text
        assert str(ADJUSTMENT_LABELS["screen_reader"]) not in text
        assert str(WorkKind.REMOTE.label) in text
    assert "渝中区" in text and "需要安静的环境" in text
    assert "李华" not in text
    hidden = {
        (i["name"], i["value"])
        for i in soup(preview).select('main input[type="hidden"]')
        if i["name"] != "csrfmiddlewaretoken"
    }
    assert hidden == {
        ("work_kinds", "remote"),
        ("district", "渝中区"),
        ("share_certificates", "on"),
        ("shared_adjustments", "captions"),
        ("adjustments_note", "需要安静的环境"),
    }
    assert not JobProfile.objects.filter(user=trainee, opted_in=True).exists()


def test_saying_yes_shares_and_the_page_shows_what_employers_see(client, trainee):
    client.force_login(trainee)
    response = client.post(_url("job_profile", "en"), {**CHOICES, "action": "share"})
    assert response.status_code == 302
    profile = JobProfile.objects.get(user=trainee)
    assert profile.opted_in and profile.shared_adjustments == ["captions"]
    page = soup(client.get(_url("job_profile", "en"))).select_one("main")
    shared = page.select_one(".job-profile-shared").get_text(" ")
    assert "渝中区" in shared
    with translation.override("en"):
        assert str(ADJUSTMENT_LABELS["captions"]) in shared


def test_bad_input_is_refused_with_the_choices_kept(client, trainee):
    client.force_login(trainee)
    response = client.post(
        _url("job_profile", "en"),
        {
            **CHOICES,
            "shared_adjustments": ["sign_language"],
            "district": "x" * 300,
            "action": "share",
        },
    )
    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one(".error-summary") is not None
    note = doc.select_one('textarea[name="adjustments_note"]').get_text()
    assert note.strip() == "需要安静的环境"
    assert not JobProfile.objects.filter(user=trainee, opted_in=True).exists()


def test_withdrawing_from_the_page_takes_effect_at_once(client, trainee):
    client.force_login(trainee)
    client.post(_url("job_profile"), {**CHOICES, "action": "share"})
    old_id = JobProfile.objects.get(user=trainee).public_id
    confirm = client.get(_url("job_profile_withdraw"))
    assert confirm.status_code == 200
    assert soup(confirm).select_one('main form[method="post"] button') is not None
    response = client.post(_url("job_profile_withdraw"))
    assert response.status_code == 302
    profile = JobProfile.objects.get(user=trainee)
    assert not profile.opted_in and profile.public_id != old_id
    assert ProfileRevocation.objects.filter(public_id=old_id).exists()


def test_consent_withdrawal_on_the_account_page_drops_adjustments(client, trainee):
    client.force_login(trainee)
    client.post(_url("job_profile"), {**CHOICES, "action": "share"})
    client.post(_url("needs_withdraw"))
    assert JobProfile.objects.get(user=trainee).shared_adjustments == []
    page = soup(client.get(_url("job_profile")))
    assert not page.select('input[name="shared_adjustments"]')


def test_the_account_page_links_trainees_only(client, trainee):
    client.force_login(trainee)
    link = soup(client.get(_url("profile"))).select(
        f'main a[href="{_url("job_profile")}"]'
    )
    assert link
    staff = UserFactory()
    StaffRoleFactory(user=staff)
    client.force_login(staff)
    assert not soup(client.get(_url("profile"))).select(
        f'main a[href="{_url("job_profile")}"]'
    )


def _shares(person, count: int):
    client, _ = ApiClient.objects.get_or_create(
        token_prefix="zzprefix",
        defaults={
            "name": "Job platform",
            "token_hash": "x",
            "created_at": timezone.now(),
        },
    )
    for _ in range(count):
        call = ApiCall.objects.create(
            client=client,
            at=timezone.now(),
            method="GET",
            path="/api/v1/profiles",
            status_code=200,
        )
        ProfileShare.objects.create(call=call, user=person, at=call.at)


def test_the_page_lists_shares_and_costs_the_same_queries_at_two_sizes(
    client, trainee, django_assert_num_queries
):
    client.force_login(trainee)
    client.post(_url("job_profile"), {**CHOICES, "action": "share"})
    _shares(trainee, 2)
    client.get(_url("job_profile"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        page = client.get(_url("job_profile", "en"))
    assert len(soup(page).select("#shares-heading ~ ul li")) == 2
    live = world.skill("zz-more", "更多技能", "More skill")
    world.completed_course(trainee, skills=[live], title="第二门课")
    _shares(trainee, 25)
    with django_assert_num_queries(len(small)):
        page = client.get(_url("job_profile", "en"))
    main = soup(page).select_one("main")
    assert len(main.select("#shares-heading ~ ul li")) == 20
    assert "27" in main.select_one("#shares-heading + p").get_text()


def test_the_data_download_holds_the_profile_and_anonymising_withdraws_it(
    client, trainee
):
    client.force_login(trainee)
    client.post(_url("job_profile"), {**CHOICES, "action": "share"})
    _shares(trainee, 1)
    old_id = JobProfile.objects.get(user=trainee).public_id
    export = str(personal_data_export(trainee))
    assert str(old_id) in export and "渝中区" in export
    admin = UserFactory()
    StaffRoleFactory(user=admin, role="federation_admin", base=None)
    person_anonymise(person=trainee, actor=admin)
    profile = JobProfile.objects.get(user=trainee)
    assert not profile.opted_in and profile.district == ""
    assert profile.shared_adjustments == []
    assert ProfileRevocation.objects.filter(public_id=old_id).exists()
