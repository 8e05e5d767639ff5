import pytest

from courses.services import authoring_membership_sync
from courses.wagtail_hooks import CourseContentChecker
from tests.factories import courses as tree
from tests.factories.accounts import StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_instructors_get_the_course_content_checker(client, site_pages):
    section = tree.base_section()
    lesson = tree.lesson(tree.course(section))
    instructor = StaffRoleFactory(base=section.base).user
    authoring_membership_sync(user=instructor)
    client.force_login(instructor)
    response = client.get(lesson.get_url())
    html = response.content.decode()
    assert "wagtail-userbar" in html
    assert "video-caption" in html  # one of the rules we add to Wagtail's own
    assert "video-caption" in CourseContentChecker.axe_run_only


def test_lesson_edit_form_renders_with_versions(client, site_pages):
    lesson = tree.lesson(tree.course(tree.base_section()), versions=["easy_read"])
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "versions-TOTAL_FORMS" in response.content.decode()
