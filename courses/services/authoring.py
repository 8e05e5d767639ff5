"""Authoring permissions: one Wagtail group per training base, granted on that
base's part of the page tree, with membership that follows the base's staff
roles (instructors and managers). Idempotent: safe to run at any time."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts.models import StaffRole, TrainingBase, User
from courses.models import CourseIndexPage, TrainingBasePage

BASE_GROUP_PREFIX = "Course authors · "
FEDERATION_GROUP_NAME = "Federation content editors"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
FEDERATION_PAGE_PERMISSIONS = (
    *PAGE_PERMISSIONS,
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
CHOOSE_PERMISSIONS = {
    "wagtailimages": ("choose_image",),
    "wagtaildocs": ("choose_document",),
}


def _permissions(app_label: str, codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


def _page_permissions(codenames) -> list[Permission]:
    return _permissions("wagtailcore", codenames)


def _access_admin() -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def _submit_translation() -> list[Permission]:
    """wagtail-localize's one global permission: it shows "Translate this
    page" and "Sync translated pages" and opens their views. Which pages may
    be translated is still decided per page (`courses.translation` refuses a
    page the user may not edit), so a base's authors translate only its
    pages."""
    return _permissions("wagtail_localize", ("submit_translation",))


def base_group_name(base: TrainingBase) -> str:
    return (BASE_GROUP_PREFIX + base.name)[:150]


def _grant_collections(group: Group, collection: Collection, permissions) -> None:
    for app_label, codenames in permissions.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _grant_pages(group: Group, pages, codenames) -> None:
    permissions = _page_permissions(codenames)
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )


@transaction.atomic
def base_authoring_group_sync(*, base: TrainingBase) -> Group:
    """The base's group, with add/change/publish on its courses pages (in
    every language), admin access, translating (its own pages only), and its
    own media collection."""
    group, _ = Group.objects.get_or_create(name=base_group_name(base))
    group.permissions.add(_access_admin(), *_submit_translation())
    _grant_pages(group, TrainingBasePage.objects.filter(base=base), PAGE_PERMISSIONS)
    root = Collection.get_first_root_node()
    name = f"{base.name}"[:255]
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    _grant_collections(group, collection, MEDIA_PERMISSIONS)
    _grant_collections(group, root, CHOOSE_PERMISSIONS)
    return group


@transaction.atomic
def federation_editors_group_sync() -> Group:
    """Federation content editors manage every catalogue and all media."""
    group, _ = Group.objects.get_or_create(name=FEDERATION_GROUP_NAME)
    group.permissions.add(_access_admin(), *_submit_translation())
    _grant_pages(group, CourseIndexPage.objects.all(), FEDERATION_PAGE_PERMISSIONS)
    _grant_collections(group, Collection.get_first_root_node(), MEDIA_PERMISSIONS)
    return group


@transaction.atomic
def authoring_membership_sync(*, user: User) -> None:
    """Put the user in exactly the authoring groups their staff roles give:
    their bases' groups for instructors and managers, the federation group for
    federation admins. Other groups are left alone."""
    roles = list(user.staff_roles.select_related("base"))
    wanted = {
        base_authoring_group_sync(base=role.base).pk
        for role in roles
        if role.role in StaffRole.BASE_ROLES and role.base_id
    }
    if any(role.role == StaffRole.Role.FEDERATION_ADMIN for role in roles):
        wanted.add(federation_editors_group_sync().pk)
    managed = Group.objects.filter(
        name__startswith=BASE_GROUP_PREFIX
    ) | Group.objects.filter(name=FEDERATION_GROUP_NAME)
    current = set(
        user.groups.filter(pk__in=managed.values("pk")).values_list("pk", flat=True)
    )
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))


def authoring_groups_sync_all() -> None:
    """Every base's group and every staff member's membership (the seed)."""
    for base in TrainingBase.objects.all():
        base_authoring_group_sync(base=base)
    federation_editors_group_sync()
    for user in User.objects.filter(staff_roles__isnull=False).distinct():
        authoring_membership_sync(user=user)
