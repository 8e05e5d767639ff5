from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from courses.models import TrainingBasePage
from courses.services import base_authoring_group_sync


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
