"""The admin page where federation admins revoke a certificate issued in
error (training.services.certificates.certificate_revoke)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import is_federation_admin
from training.forms.revocation import CertificateFindForm, CertificateRevokeForm
from training.selectors.certificates import (
    certificate_for_owner,
    code_display,
    revoked_reason_display,
)
from training.services.certificates import certificate_revoke

REVOKE_TITLE = _("Revoke a certificate")


class CertificateRevokeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "training/admin/certificate_revoke.html"
    page_title = REVOKE_TITLE
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not is_federation_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": REVOKE_TITLE}]

    def _found(self, find_form):
        if not find_form.is_valid():
            return None
        return certificate_for_owner(find_form.cleaned_data["code"])

    def get(self, request, *args, **kwargs):
        find_form = CertificateFindForm(request.GET if "code" in request.GET else None)
        return self.render_to_response(
            self._context(find_form, self._found(find_form), CertificateRevokeForm())
        )

    def post(self, request, *args, **kwargs):
        find_form = CertificateFindForm(request.POST)
        certificate = self._found(find_form)
        if certificate is None:
            return self.render_to_response(
                self._context(find_form, None, CertificateRevokeForm())
            )
        revoke_form = CertificateRevokeForm(request.POST)
        if not revoke_form.is_valid():
            return self.render_to_response(
                self._context(find_form, certificate, revoke_form)
            )
        already = certificate.revoked_at is not None
        certificate_revoke(
            certificate=certificate,
            reason=revoke_form.cleaned_data["reason"],
            actor=request.user,
        )
        if already:
            messages.info(request, gettext("This certificate was already revoked."))
        else:
            messages.success(
                request,
                gettext(
                    "Certificate %(code)s is revoked. The public check now "
                    "shows it as revoked, with the reason."
                )
                % {"code": code_display(certificate.code)},
            )
        query = urlencode({"code": code_display(certificate.code)})
        return redirect(f"{reverse('certificate_revoke_admin')}?{query}")

    def _context(self, find_form, certificate, revoke_form):
        searched = find_form.is_bound and find_form.is_valid()
        return self.get_context_data(
            find_form=find_form,
            certificate=certificate,
            not_found=searched and certificate is None,
            code=code_display(certificate.code) if certificate else "",
            revoked_reason=(revoked_reason_display(certificate) if certificate else ""),
            revoke_form=revoke_form,
        )
