"""Skills: the federation's list (seeded by a migration, managed only by
federation admins), shown on courses, carried by certificates as issued."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import Skill
from tests.careers import profiles_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    return world.skill("zz-live", "直播带货测试", "Livestream test")


@pytest.fixture
def video():
    return world.skill("zz-video", "短视频测试", "Short video test")


def test_the_default_list_is_there_in_both_languages():
    skills = Skill.objects.all()
    assert 10 <= skills.count() <= 20
    codes = set(skills.values_list("code", flat=True))
    assert {"livestream-selling", "short-video-editing", "website-maintenance"} <= (
        codes
    )
    assert {"product-inspection", "text-chat-customer-service"} <= codes
    for skill in skills:
        assert skill.name and skill.name_en
        with translation.override("en"):
            assert skill.display_name == skill.name_en
        with translation.override("zh-hans"):
            assert skill.display_name == skill.name


def test_a_certificate_keeps_the_course_skills_as_issued(site_pages, live, video):
    trainee = UserFactory()
    certificate = world.completed_course(trainee, skills=[video, live])
    assert certificate.skills == [
        {"code": "zz-live", "name": "直播带货测试", "name_en": "Livestream test"},
        {"code": "zz-video", "name": "短视频测试", "name_en": "Short video test"},
    ]
    live.name_en = "Renamed later"
    live.save()
    certificate.refresh_from_db()
    assert certificate.skills[0]["name_en"] == "Livestream test"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "直播带货测试"), ("en", "Livestream test")],
)
def test_skills_show_on_certificate_page_verification_and_my_learning(
    client, site_pages, live, language, expected
):
    trainee = UserFactory()
    certificate = world.completed_course(trainee, skills=[live])
    with translation.override(language):
        detail = reverse("certificate_detail", args=[certificate.code])
        verify = reverse("certificate_verify_code", args=[certificate.code])
        learning = reverse("my_learning")
    public = client.get(verify)
    assert expected in soup(public).select_one("main").get_text()
    client.force_login(trainee)
    for url in (detail, learning):
        response = client.get(url)
        assert response.status_code == 200
        assert expected in soup(response).select_one("main").get_text()


def test_the_pdf_names_the_skills_in_both_languages(client, site_pages, live):
    from io import BytesIO

    from pypdf import PdfReader

    trainee = UserFactory()
    certificate = world.completed_course(trainee, skills=[live])
    client.force_login(trainee)
    response = client.get(reverse("certificate_pdf", args=[certificate.code]))
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "直播带货测试" in text.replace(" ", "")
    assert "Livestream test" in text


def test_course_page_and_catalogue_cards_list_the_skills(client, site_pages, live):
    """The test course exists in Chinese only: its pages are Chinese."""
    expected = "直播带货测试"
    trainee = UserFactory()
    certificate = world.completed_course(trainee, skills=[live])
    course = certificate.enrolment.session.course
    page = client.get(course.url)
    catalogue = client.get(course.get_parent().url)
    assert expected in soup(page).select_one(".facts").get_text()
    card = soup(catalogue).select_one(".course-card .facts")
    assert expected in card.get_text()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("federation_admin", True), ("manager", False), ("instructor", False)],
)
def test_only_federation_admins_manage_the_skills_list(client, role, allowed):
    user = UserFactory()
    StaffRoleFactory(
        user=user, role=role, **({"base": None} if role == "federation_admin" else {})
    )
    client.force_login(user)
    listing = client.get("/admin/skill/")
    add = client.post(
        "/admin/skill/new/",
        {"code": "zz-new", "name": "新技能", "name_en": "New skill", "skill_area": ""},
    )
    assert (listing.status_code == 200) is allowed
    assert Skill.objects.filter(code="zz-new").exists() is allowed
    if not allowed:
        assert add.status_code in (302, 403)
