"""The admin in the user's language only.

Wagtail's `ChooserViewSet` (8.0) gives its default labels with `gettext`, not
`gettext_lazy`, as class attributes: they are translated once, when Wagtail is
imported, into the language active then (ours: `LANGUAGE_CODE`, Chinese), and
every chooser that keeps a default shows them in that language whatever the
user's admin language: the English admin's document chooser had a "搜索" tab.
`lazy_chooser_labels()` puts the same labels back, lazily, so each request
translates them into the user's admin language. Called from
`CoreConfig.ready()`, before any admin URL (and so any chooser view) is built.
"""

from django.utils.translation import gettext_lazy

# The labels and their msgids as Wagtail writes them, so Wagtail's own
# catalogues translate them.
CHOOSER_LABELS = {
    "choose_one_text": gettext_lazy("Choose"),
    "choose_another_text": gettext_lazy("Choose another"),
    "edit_item_text": gettext_lazy("Edit"),
    "search_tab_label": gettext_lazy("Search"),
    "create_action_label": gettext_lazy("Create"),
}


def lazy_chooser_labels() -> None:
    """Idempotent."""
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for name, label in CHOOSER_LABELS.items():
        setattr(ChooserViewSet, name, label)
