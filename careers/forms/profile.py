"""The trainee's choices for their job-ready profile. Adjustments are
offered only from their own access needs, in plain words, none ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from careers.models import JobProfile, WorkKind
from careers.selectors.profiles import adjustment_label


class JobProfileForm(forms.Form):
    work_kinds = forms.MultipleChoiceField(
        label=_("Kinds of work you want"),
        choices=WorkKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick all that suit you."),
    )
    district = forms.CharField(
        label=_("District where you want to work"),
        max_length=100,
        required=False,
        help_text=_("Leave it empty if you do not want to share it."),
    )
    share_certificates = forms.BooleanField(
        label=_("Share my certificates"),
        required=False,
        help_text=_(
            "Employers see the course, the date and a link to check each "
            "certificate. Your name is not shared."
        ),
    )
    shared_adjustments = forms.MultipleChoiceField(
        label=_("Workplace adjustments employers should know about"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only what you tick is shared, in these words. Your disability is "
            "never shared."
        ),
    )
    adjustments_note = forms.CharField(
        label=_("Anything else about what helps you at work, in your words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
        required=False,
        help_text=_("Up to 500 characters. Do not write your name or phone."),
    )

    def __init__(self, *args, needs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["shared_adjustments"]
        if needs:
            field.choices = [(code, adjustment_label(code)) for code in needs]
        else:
            del self.fields["shared_adjustments"]

    @staticmethod
    def initial_from(profile: JobProfile) -> dict:
        return {
            "work_kinds": profile.work_kinds,
            "district": profile.district,
            "share_certificates": profile.share_certificates,
            "shared_adjustments": profile.shared_adjustments,
            "adjustments_note": profile.adjustments_note,
        }

    def choices(self) -> dict:
        """The cleaned choices, as the service takes them."""
        data = self.cleaned_data
        return {
            "work_kinds": data.get("work_kinds", []),
            "district": data.get("district", ""),
            "share_certificates": data.get("share_certificates", False),
            "shared_adjustments": data.get("shared_adjustments", []),
            "adjustments_note": data.get("adjustments_note", ""),
        }
