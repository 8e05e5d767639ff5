"""wagtail-localize in our admin, on our terms (docs/translation.md).

wagtail-localize lets anyone with its one global permission
(`wagtail_localize.submit_translation`) open "Translate this page" and "Sync
translated pages" for *any* page. A training base's authors hold that
permission (so the buttons and views work for them), and these views, mounted
at wagtail-localize's own URLs ahead of its ones (`courses/wagtail_hooks.py`),
add the page-level rule: only a page the user may edit is translated or
synced; publishing the translations needs publishing rights on each of them.
The translation editor, its PO download and upload, and its segment API
already require edit permission on the translated page itself, which a base's
group has only under its own base.

The PO upload answers a missing or foreign file with a message (its view
would fail). Both views, and the translation editor's Publish, report a refused publish
(`courses.services.translation_checks`) to the user with the blocks and why.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from courses.services.translation_checks import reporting_to


def may_translate(user, page: Page) -> bool:
    """A page is translated (or its translations synced) by those who may
    edit it: a base's authors for their base's pages, the federation's
    content editors for every page."""
    return (
        user.has_perm("wagtail_localize.submit_translation")
        and page.permissions_for_user(user).can_edit()
    )


class BaseSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", for pages the user may edit."""

    def get_object(self):
        page = super().get_object()
        if not may_translate(self.request.user, page):
            raise PermissionDenied
        return page

    def form_valid(self, form):
        with reporting_to(self.request):
            return super().form_valid(form)


class BaseUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", for pages the user may
    edit; "Publish immediately" also needs publishing rights on every
    translation it publishes."""

    def get_object(self):
        source = super().get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            if not may_translate(self.request.user, instance):
                raise PermissionDenied
        elif not self.request.user.is_superuser:
            raise PermissionDenied
        return source

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            for translation in self.object.translations.filter(enabled=True):
                target = translation.get_target_instance()
                if (
                    isinstance(target, Page)
                    and not target.permissions_for_user(self.request.user).can_publish()
                ):
                    raise PermissionDenied
        with reporting_to(self.request):
            return super().form_valid(form)


NO_PO_FILE = _("Choose the PO file to upload.")
NOT_OUR_PO_FILE = _(
    "This is not a PO file downloaded from this translation: download the PO "
    "file here, translate it and upload it again."
)
# The header wagtail-localize writes in every PO file it exports.
PO_TRANSLATION_HEADER = b"X-WagtailLocalize-TranslationID:"


@require_POST
def upload_pofile(request, translation_id: int):
    """wagtail-localize's PO upload, with a message instead of a server error
    when no file is sent or the file is not one of its exports (its view
    reads both without checking)."""
    translation = get_object_or_404(Translation, pk=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    problem = None
    if upload is None:
        problem = NO_PO_FILE
    else:
        if PO_TRANSLATION_HEADER not in upload.read():
            problem = NOT_OUR_PO_FILE
        upload.seek(0)
    if problem is not None:
        messages.error(request, problem)
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
        )
    return edit_translation.upload_pofile(request, translation_id)


def publish_translation_with_report(request, page):
    """`before_edit_page`, ahead of wagtail-localize's: the translation
    editor's Publish, run by wagtail-localize itself, with a refused publish
    reported block by block. Anything else falls through to its hook."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if page.alias_of_id:
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
    if translation is None:
        return None
    with reporting_to(request):
        return edit_translation.edit_translation(request, translation, page)


def admin_urls():
    """Mounted under the admin before wagtail-localize's, at the same paths,
    so its names (`wagtail_localize:submit_page_translation`, …) still reverse
    to them and its buttons lead here."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            BaseSubmitPageTranslationView.as_view(),
            name="courses_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            BaseUpdateTranslationsView.as_view(),
            name="courses_update_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="courses_upload_pofile",
        ),
    ]
