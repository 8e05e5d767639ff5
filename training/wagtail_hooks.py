from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from accounts.permissions import is_federation_admin, is_staff_member
from courses.models import LessonPage
from training.selectors.learning import enrolment_for_course
from training.services.progress import lesson_open_record
from training.views.certificate_admin import REVOKE_TITLE, CertificateRevokeView


class MySessionsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_staff_member(request.user)

    def render_component(self, request):
        """Wagtail builds menu items once per process: the link is made
        afresh so it carries the language of the request being rendered."""
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse("teach:sessions"),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_my_sessions_menu_item():
    """Staff reach their rosters, attendance and outcomes from the admin."""
    return MySessionsMenuItem(
        _("My sessions"), reverse("teach:sessions"), icon_name="group", order=150
    )


@hooks.register("before_serve_page")
def record_lesson_opened(page, request, serve_args, serve_kwargs):
    """The first time an enrolled trainee opens a lesson is part of their
    progress record. Reading a page never fails because of it."""
    if not isinstance(page, LessonPage) or not request.user.is_authenticated:
        return None
    if request.method != "GET":
        return None
    enrolment = enrolment_for_course(request.user, page.get_parent())
    progress = None
    if enrolment is not None:
        progress = lesson_open_record(enrolment=enrolment, lesson=page)
    # The page's progress section ({% lesson_progress %}) shows these.
    request.lesson_progress_read = (page.pk, enrolment, progress)
    return None


class RevokeCertificateMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_federation_admin(request.user)


@hooks.register("register_admin_urls")
def register_certificate_revoke_url():
    return [
        path(
            "certificates/revoke/",
            CertificateRevokeView.as_view(),
            name="certificate_revoke_admin",
        )
    ]


@hooks.register("register_settings_menu_item")
def register_certificate_revoke_menu_item():
    """Federation admins revoke a certificate issued in error."""
    return RevokeCertificateMenuItem(
        REVOKE_TITLE, reverse("certificate_revoke_admin"), icon_name="warning"
    )
