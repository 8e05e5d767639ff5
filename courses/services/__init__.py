"""Writes for course content: authoring permissions (`authoring`) and the
other language's mirror of pages not yet translated (`mirrors`)."""

from courses.services.authoring import (
    BASE_GROUP_PREFIX,
    FEDERATION_GROUP_NAME,
    authoring_groups_sync_all,
    authoring_membership_sync,
    base_authoring_group_sync,
    base_group_name,
    federation_editors_group_sync,
)
from courses.services.mirrors import MIRRORED_PAGE_TYPES, mirror_untranslated

__all__ = [
    "BASE_GROUP_PREFIX",
    "FEDERATION_GROUP_NAME",
    "MIRRORED_PAGE_TYPES",
    "authoring_groups_sync_all",
    "authoring_membership_sync",
    "base_authoring_group_sync",
    "base_group_name",
    "federation_editors_group_sync",
    "mirror_untranslated",
]
