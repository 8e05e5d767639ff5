"""The "Manage content" link to the Wagtail admin in the main navigation:
shown to staff who may open the admin, on every page, without the userbar's
permission and profile queries outside Wagtail pages; it follows a change
of the person's groups, their groups' permissions or their account at the
next page. Wagtail pages keep the userbar (edit links, content checker)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.services import authoring_membership_sync
from tests.factories import courses as tree
from tests.factories.accounts import StaffRoleFactory, UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

ADMIN_LINK = 'nav a[href="/admin/"]'


def _links(client, path: str = "/en/teach/") -> bool:
    return soup(client.get(path)).select_one(ADMIN_LINK) is not None


def _access_admin() -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def test_staff_who_may_open_the_admin_get_the_link_and_no_userbar_off_pages(
    client, site_pages
):
    section = tree.base_section()
    instructor = StaffRoleFactory(base=section.base).user
    authoring_membership_sync(user=instructor)
    client.force_login(instructor)
    client.get("/en/teach/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/teach/")
    doc = soup(response)
    assert doc.select_one(ADMIN_LINK).text == "Manage content"
    assert "wagtail-userbar" not in response.content.decode()
    sqls = [q["sql"] for q in queries]
    assert not [sql for sql in sqls if 'FROM "auth_permission"' in sql]
    assert not [sql for sql in sqls if '"wagtailusers_userprofile"' in sql]
    assert soup(client.get("/zh-hans/teach/")).select_one(ADMIN_LINK).text == "管理内容"


def test_trainees_and_staff_without_admin_access_get_no_link(client, site_pages):
    trainee = UserFactory()
    client.force_login(trainee)
    assert not _links(client, "/en/learning/")
    instructor = StaffRoleFactory().user
    instructor.groups.clear()  # in no authoring group
    client.force_login(instructor)
    assert not _links(client)


def test_the_link_follows_groups_permissions_and_the_account(client, site_pages):
    instructor = StaffRoleFactory().user
    instructor.groups.clear()
    client.force_login(instructor)
    assert not _links(client)
    group = Group.objects.create(name="Link test editors")
    group.permissions.add(_access_admin())
    instructor.groups.add(group)
    assert _links(client)
    group.permissions.remove(_access_admin())
    assert not _links(client)
    _access_admin().group_set.add(group)  # from the permission's side
    assert _links(client)
    group.user_set.remove(instructor)  # from the group's side
    assert not _links(client)
    group.user_set.add(instructor)
    assert _links(client)
    group.delete()
    assert not _links(client)
    instructor.user_permissions.add(_access_admin())
    assert _links(client)
    instructor.is_active = False
    instructor.save()
    client.force_login(instructor)  # an inactive person is signed out
    assert not _links(client)


def test_wagtail_pages_keep_the_userbar_for_editors(client, site_pages):
    section = tree.base_section()
    lesson = tree.lesson(tree.course(section))
    instructor = StaffRoleFactory(base=section.base).user
    authoring_membership_sync(user=instructor)
    client.force_login(instructor)
    client.get(lesson.get_url())
    with CaptureQueriesContext(connection) as queries:
        html = client.get(lesson.get_url()).content.decode()
    assert "wagtail-userbar" in html
    assert 'href="/admin/"' in html
    # Whether they may open the admin comes from the shared cache.
    assert not [q for q in queries if 'FROM "auth_permission"' in q["sql"]]
