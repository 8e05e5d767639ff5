"""The public credential check: a credential pasted or uploaded, and, if the
reader knows it, the holder's email address to compare with its hash."""

from django import forms
from django.utils.translation import gettext_lazy as _

from careers.credentials import MAX_CREDENTIAL_CHARS

# A credential file is a few kilobytes.
MAX_UPLOAD_BYTES = 64 * 1024

NOTHING_GIVEN = _("Paste the credential or choose the credential file.")
BOTH_GIVEN = _("Paste the credential or choose a file, not both.")
FILE_TOO_BIG = _(
    "This file is too big to be a credential. A credential file is smaller than 64 KB."
)
FILE_NOT_TEXT = _(
    "This file is not a credential. A credential file is text, for example certificate.jwt."
)
TEXT_TOO_LONG = _("This is too long to be a credential.")


class _OneOfTwo:
    """One of the two ways in (text or file) is needed: shown as required,
    checked together in the form's clean()."""

    def validate(self, value) -> None:
        if value not in self.empty_values:
            super().validate(value)


class _OneOfTwoText(_OneOfTwo, forms.CharField):
    pass


class _OneOfTwoFile(_OneOfTwo, forms.FileField):
    pass


class CredentialVerifyForm(forms.Form):
    use_required_attribute = False

    credential = _OneOfTwoText(
        label=_("Credential"),
        help_text=_(
            "Paste the whole credential. It is a long line of letters and "
            "numbers with two dots, from a file that ends in .jwt."
        ),
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}
        ),
    )
    file = _OneOfTwoFile(
        label=_("Or choose the credential file"),
        help_text=_("A file that ends in .jwt, smaller than 64 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".jwt,.txt,.json"}),
    )
    email = forms.EmailField(
        label=_("Holder's email address"),
        help_text=_(
            "If you know it, we check that the credential belongs to this "
            "email address. The credential does not contain the address."
        ),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_credential(self) -> str:
        text = self.cleaned_data["credential"]
        if len(text) > MAX_CREDENTIAL_CHARS:
            raise forms.ValidationError(TEXT_TOO_LONG, code="too_long")
        return text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(FILE_TOO_BIG, code="too_big")
        try:
            return upload.read(MAX_UPLOAD_BYTES + 1).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(FILE_NOT_TEXT, code="not_text") from None

    def clean(self):
        data = super().clean()
        text, uploaded = data.get("credential"), data.get("file")
        if self.errors:
            return data
        if text and uploaded:
            raise forms.ValidationError(BOTH_GIVEN, code="both")
        if not text and not uploaded:
            self.add_error(
                "credential", forms.ValidationError(NOTHING_GIVEN, code="required")
            )
        data["text"] = text or uploaded
        return data
