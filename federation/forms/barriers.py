"""The "Report a barrier" form and the status form staff use in the Wagtail
admin. They check input; federation.services.barriers saves it."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from federation.models import BarrierReport
from federation.services.barriers import (
    EMAIL_NEEDED,
    NOT_A_LOCAL_PAGE,
    PHONE_NEEDED,
    WHAT_HAPPENED_NEEDED,
    WONT_FIX_NEEDS_REASON,
    is_local_path,
)

ReplyBy = BarrierReport.ReplyBy
PHONE_INVALID = _(
    "Enter a phone number using digits, for example 138 0013 8000. "
    "Spaces, +, - and brackets are fine."
)
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{5,32}$")


class BarrierReportForm(forms.Form):
    page_url = forms.CharField(
        label=_("Page"),
        required=False,
        max_length=500,
        help_text=_(
            "The address of the page where it happened. We filled it in for you; "
            "change it if the problem was on another page."
        ),
        error_messages={"max_length": NOT_A_LOCAL_PAGE},
    )
    what_happened = forms.CharField(
        label=_("What went wrong"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "For example: what you were trying to do, what stopped you, and "
            "any assistive technology you use."
        ),
        error_messages={"required": WHAT_HAPPENED_NEEDED},
    )
    reply_by = forms.ChoiceField(
        label=_("How should we reply?"),
        choices=ReplyBy.choices,
        required=False,
        initial=ReplyBy.NONE,
        widget=forms.RadioSelect,
        help_text=_(
            "You do not have to give your name or contact details. If you want "
            "a reply, tell us how."
        ),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("Needed if you chose email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=32,
        help_text=_("Needed if you chose a phone call or a text message."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": PHONE_INVALID},
    )

    def clean_page_url(self) -> str:
        value = self.cleaned_data["page_url"].strip()
        if value and not is_local_path(value):
            raise forms.ValidationError(NOT_A_LOCAL_PAGE)
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE_PATTERN.match(value):
            raise forms.ValidationError(PHONE_INVALID)
        return value

    def clean(self):
        cleaned = super().clean()
        reply_by = cleaned.get("reply_by")
        # A missing contact detail, unless that field already has an error.
        emailed = reply_by == ReplyBy.EMAIL
        if emailed and "email" not in self.errors and not cleaned.get("email"):
            self.add_error("email", EMAIL_NEEDED)
        phoned = reply_by in (ReplyBy.PHONE, ReplyBy.SMS)
        if phoned and "phone" not in self.errors and not cleaned.get("phone"):
            self.add_error("phone", PHONE_NEEDED)
        return cleaned


class BarrierStatusForm(WagtailAdminModelForm):
    """Status and what was done; the edit view saves them through
    barrier_report_status_set."""

    class Meta:
        model = BarrierReport
        fields = ["status", "resolution"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if (
            status == BarrierReport.Status.WONT_FIX
            and not (cleaned.get("resolution") or "").strip()
        ):
            self.add_error("resolution", WONT_FIX_NEEDS_REASON)
        return cleaned
