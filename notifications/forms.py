from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    """How we tell you, besides the Messages page (always on). Text messages
    are offered only to a person with a phone number on their profile."""

    email = forms.BooleanField(
        label=_("Also send me each message by email"), required=False
    )
    sms = forms.BooleanField(
        label=_("Also send me each message by text message"),
        required=False,
        help_text=_("To the mobile phone number on your profile."),
    )

    def __init__(self, *args, phone: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not phone:
            del self.fields["sms"]
