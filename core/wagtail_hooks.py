"""The admin's accessibility patches: one small script on every admin page
(the page editor, and the image and document forms whose tag field needs it
too), so Wagtail's `insert_global_admin_js` rather than `insert_editor_js`."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_accessible_names() -> str:
    return format_html('<script src="{}" defer></script>', static("core/admin/a11y.js"))


@hooks.register("insert_global_admin_css")
def admin_translation_editor_css() -> str:
    return format_html(
        '<link rel="stylesheet" href="{}">', static("core/admin/translation.css")
    )
