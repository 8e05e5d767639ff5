"""The public certificate check: a code typed or read from paper."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.selectors.certificates import code_normalise

MALFORMED_CODE = _(
    "This is not a certificate code. A code has 20 letters and numbers, "
    "for example ABCD-EFGH-JKLM-NPQR-STUV."
)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        help_text=_(
            "The code is at the bottom of the certificate. "
            "Capital or small letters are both fine. "
            "Spaces and dashes do not matter."
        ),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "certificate-code-input",
            }
        ),
        error_messages={"required": _("Type the code from the certificate.")},
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(MALFORMED_CODE, code="malformed")
        return code
