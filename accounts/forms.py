from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    AccessNeeds,
    DisabilityCategory,
    DisplayPreferences,
    FunctionalNeed,
    TrainingBase,
)
from accounts.preferences import FLAGS


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As you would like it on your certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for the site and emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    home_base = forms.ModelChoiceField(
        label=_("Your home training base"),
        queryset=TrainingBase.objects.order_by("name"),
        required=False,
        empty_label=_("None yet"),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=40,
        required=False,
        help_text=_("Only if you want text messages from your base."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


class AccessNeedsForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Disability categories"),
        help_text=_("Choose any that apply. You can leave this empty."),
        choices=DisabilityCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.MultipleChoiceField(
        label=_("What helps you learn"),
        help_text=_(
            "We use this to show lessons and tests in the way that works for you."
        ),
        choices=FunctionalNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    extra_time_factor = forms.ChoiceField(
        label=_("If you need extra time on tests: how much?"),
        choices=AccessNeeds._meta.get_field("extra_time_factor").choices,
        initial="1.5",
        widget=forms.RadioSelect,
        required=False,
    )
    notes = forms.CharField(
        label=_("Anything else your instructors should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the federation keeps this information and shows it "
            "to my instructors as explained above."
        ),
        error_messages={
            "required": _(
                "Tick the box to agree, or leave this page: we only keep this "
                "information with your agreement."
            )
        },
    )


class DisplayPreferencesForm(forms.Form):
    text_size = forms.TypedChoiceField(
        label=_("Text size"),
        choices=DisplayPreferences.TextSize.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    theme = forms.ChoiceField(
        label=_("Colours"),
        choices=DisplayPreferences.Theme.choices,
        widget=forms.RadioSelect,
    )
    legible_font = forms.BooleanField(
        label=_("Use a more legible font (Atkinson Hyperlegible for Latin letters)"),
        required=False,
    )
    wide_spacing = forms.BooleanField(
        label=_("Wider line and letter spacing"), required=False
    )
    reduced_motion = forms.BooleanField(label=_("Reduce motion"), required=False)
    underline_links = forms.BooleanField(label=_("Underline all links"), required=False)
    captions_on = forms.BooleanField(
        label=_("Turn captions on in videos by default"), required=False
    )
    easy_read_first = forms.BooleanField(
        label=_("Show easy-read versions of lessons first"), required=False
    )
    quiz_time_warnings = forms.BooleanField(
        label=_("Warn me when a timed quiz has 5 minutes and 1 minute left"),
        help_text=_(
            "A short message, read out by screen readers, with a button to pause "
            "the quiz. The time left is always written at the top of each quiz page."
        ),
        required=False,
    )

    def flags(self) -> dict[str, bool]:
        flags = {flag: self.cleaned_data[flag] for flag in FLAGS}
        return {**flags, "quiz_time_warnings": self.cleaned_data["quiz_time_warnings"]}


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you want us to delete your account?"),
        help_text=_("You do not have to tell us."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Yes, I want my account and personal information deleted."),
        error_messages={"required": _("Tick the box to confirm, or go back.")},
    )
