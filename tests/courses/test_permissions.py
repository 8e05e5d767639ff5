"""Who may author what: every role × every action, through Wagtail's own
page permissions (one group per base, membership following staff roles)."""

import pytest
from bs4 import BeautifulSoup

from accounts.models import StaffRole
from courses.services import authoring_groups_sync_all
from tests.factories import courses as tree
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.shared_data import fresh, shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # Two bases' course pages and their staff, built once for the module.
    with shared_data(django_db_blocker):
        yield _build_world()


@pytest.fixture
def world(_world, db):
    return fresh(_world)


def _build_world():
    base_a, base_b = TrainingBaseFactory(), TrainingBaseFactory()
    section_a, section_b = tree.base_section(base_a), tree.base_section(base_b)
    course_a = tree.course(section_a, slug="a")
    course_b = tree.course(section_b, slug="b")
    people = {
        "instructor_a": StaffRoleFactory(base=base_a).user,
        "manager_a": StaffRoleFactory(base=base_a, role=StaffRole.Role.MANAGER).user,
        "instructor_b": StaffRoleFactory(base=base_b).user,
        "federation_admin": StaffRoleFactory(
            base=None, role=StaffRole.Role.FEDERATION_ADMIN
        ).user,
        "auditor": StaffRoleFactory(base=None, role=StaffRole.Role.AUDITOR).user,
        "trainee": UserFactory(),
    }
    authoring_groups_sync_all()
    return {
        "section_a": section_a,
        "course_a": course_a,
        "course_b": course_b,
        **people,
    }


# (person, may edit/publish course A, may add a course in base A)
TABLE = [
    ("instructor_a", True, True),
    ("manager_a", True, True),
    ("instructor_b", False, False),
    ("federation_admin", True, True),
    ("auditor", False, False),
    ("trainee", False, False),
]


@pytest.mark.parametrize(("person", "may_edit", "may_add"), TABLE)
def test_permission_table(world, person, may_edit, may_add):
    user = world[person]
    course = world["course_a"].permissions_for_user(user)
    assert course.can_edit() is may_edit
    assert course.can_publish() is may_edit
    assert world["section_a"].permissions_for_user(user).can_add_subpage() is may_add


@pytest.mark.parametrize(
    ("person", "course", "allowed"),
    [
        ("instructor_a", "course_a", True),
        ("instructor_a", "course_b", False),
        ("instructor_b", "course_a", False),
        ("federation_admin", "course_b", True),
    ],
)
def test_admin_edit_view(client, world, person, course, allowed):
    """Wagtail answers a refused admin request with 403 when asked by script
    (XHR) and, for a browser, by sending the person back to the dashboard
    with its "no permission" message."""
    client.force_login(world[person])
    url = f"/admin/pages/{world[course].pk}/edit/"
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == (200 if allowed else 403)
    response = client.get(url)
    assert response.status_code == (200 if allowed else 302)


def test_instructor_of_base_a_cannot_publish_base_b_course(client, world):
    client.force_login(world["instructor_a"])
    course_b = world["course_b"]
    response = client.post(
        f"/admin/pages/{course_b.pk}/edit/",
        {"action-publish": "1", "title": "改掉"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 403
    course_b.refresh_from_db()
    assert course_b.title != "改掉"


def test_people_without_a_staff_role_get_no_admin(client, world):
    client.force_login(world["trainee"])
    response = client.get("/admin/")
    assert response.status_code == 302


def test_membership_follows_staff_roles(world):
    instructor = world["instructor_a"]
    assert instructor.groups.filter(name__startswith="Course authors").count() == 1
    StaffRole.objects.filter(user=instructor).delete()
    assert not instructor.groups.filter(name__startswith="Course authors").exists()
    assert not world["course_a"].permissions_for_user(instructor).can_edit()


def test_new_staff_role_gives_access_at_once(world):
    newcomer = StaffRoleFactory(base=world["course_a"].base).user
    assert world["course_a"].permissions_for_user(newcomer).can_edit()


def test_course_form_offers_only_the_sections_base(client, world):
    client.force_login(world["instructor_a"])
    section = world["section_a"]
    response = client.get(f"/admin/pages/add/courses/coursepage/{section.pk}/")
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    offered = {o["value"] for o in doc.select("select[name=base] option")} - {""}
    assert offered == {str(section.base_id)}
    assert str(world["course_b"].base_id) not in offered
