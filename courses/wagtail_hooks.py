from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.permissions import is_federation_admin
from core.page_cache import mark_page
from courses.models import Skill, TrainingBasePage
from courses.services import base_authoring_group_sync
from courses.translation import admin_urls as translation_admin_urls
from courses.translation import publish_translation_with_report


class CourseContentChecker(ContentCheckerItem):
    """Wagtail's checker (axe in the userbar and the editor's Checks panel)
    with the rules that matter most for lessons added to its defaults."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "video-caption",
        "link-in-text-block",
        "list",
        "listitem",
        "definition-list",
        "dlitem",
        "duplicate-id-aria",
        "color-contrast",
    ]


@hooks.register("construct_wagtail_userbar")
def use_course_content_checker(request, items, page):
    for index, item in enumerate(items):
        if type(item) is not CourseContentChecker and isinstance(
            item, ContentCheckerItem
        ):
            items[index] = CourseContentChecker(in_editor=item.in_editor)


@hooks.register("after_create_page")
def grant_authoring_on_new_base_section(request, page):
    if isinstance(page.specific_deferred, TrainingBasePage):
        base_authoring_group_sync(base=page.specific.base)


class FederationAdminsOnlyPolicy(ModelPermissionPolicy):
    """The skills list is the federation's: only its admins add, change or
    delete skills. Base staff choose from it on their courses."""

    def user_has_permission(self, user, action) -> bool:
        return is_federation_admin(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return is_federation_admin(user)


class SkillViewSet(ModelViewSet):
    model = Skill
    icon = "tag"
    menu_label = _("Skills")
    add_to_admin_menu = True
    menu_order = 250
    form_fields = ["code", "name", "name_en", "skill_area"]
    list_display = ["name", "name_en", "code", "skill_area"]
    list_filter = ["skill_area"]
    search_fields = ["name", "name_en", "code"]


register_permission_policy(Skill, FederationAdminsOnlyPolicy(Skill))


@hooks.register("register_admin_viewset")
def register_skills():
    return SkillViewSet()


# Translating with wagtail-localize: our views at its URLs, ahead of its own
# (order=-1), so only a page the user may edit is translated or synced, and a
# refused publish is reported block by block (courses/translation.py).
hooks.register("register_admin_urls", translation_admin_urls, order=-1)
hooks.register("before_edit_page", publish_translation_with_report, order=-1)

# Page types that say `anonymous_page_cache = True` are kept for anonymous
# visitors (core.page_cache), whichever app defines them.
hooks.register("before_serve_page", mark_page)
