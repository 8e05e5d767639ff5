"""Revoking a certificate in the admin: which one, and why."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.forms.certificates import MALFORMED_CODE
from training.selectors.certificates import code_normalise

REASON_REQUIRED = _("Say why the certificate is revoked. The public check shows it.")


class CertificateFindForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        help_text=_("The 20-character code printed on the certificate."),
        max_length=64,
        error_messages={"required": _("Type the code from the certificate.")},
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(MALFORMED_CODE, code="malformed")
        return code


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        help_text=_(
            "Shown to anyone who checks the certificate, so write no personal "
            "details. For example: issued in error, the course was not finished."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REASON_REQUIRED},
    )
